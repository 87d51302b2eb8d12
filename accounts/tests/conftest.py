"""Fixtures for the login and account tests.

Argon2 is the product's hasher and is slow on purpose; tests that do not test hashing use MD5 so
the suite stays fast. `product_hashers` puts the product's list back for the tests that do.
"""

from __future__ import annotations

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

import uniondesk.settings as product_settings
from audit.models import AuditEntry


@pytest.fixture(autouse=True)
def _fast_hashers(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def product_hashers(settings):
    settings.PASSWORD_HASHERS = product_settings.PASSWORD_HASHERS


@pytest.fixture
def otp_on(settings):
    settings.OTP_REQUIRED = True


def totp_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` 30-second steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def audit_actions(**filters) -> list[str]:
    return list(AuditEntry.objects.filter(**filters).order_by("id").values_list("action", flat=True))
