"""Production settings: `check --deploy` is clean, pages carry a strict CSP, cookies are Secure."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.urls import reverse

from conftest import PASSWORD

PRODUCTION_ENV = {"DEBUG": "0", "ALLOWED_HOSTS": "union.example.gov.cn", "SITE_URL": "https://union.example.gov.cn"}
# variables a developer's shell may carry that would change what production means
UNSET = ("UNIONDESK_2FA", "UNIONDESK_PLAIN_HTTP", "AUDIT_ANCHOR_FILE", "SECURE_COOKIES", "SECURE_SSL_REDIRECT", "BEHIND_PROXY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(PRODUCTION_ENV, SECRET_KEY=secrets.token_urlsafe(64), AUDIT_KEY=secrets.token_urlsafe(32),
               UNIONDESK_VAR=str(tmp_path))
    env["DJANGO_SETTINGS_MODULE"] = "uniondesk.settings"
    return env


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own console script
        [sys.executable, "-m", "uniondesk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_while_reports_would_link_to_this_machine(tmp_path):
    env = production_env(tmp_path)
    del env["SITE_URL"]
    result = subprocess.run(  # noqa: S603 - our own console script
        [sys.executable, "-m", "uniondesk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1 and "uniondesk.W001" in result.stderr + result.stdout


def test_check_deploy_warns_when_production_runs_without_two_factors(tmp_path):
    env = production_env(tmp_path) | {"UNIONDESK_2FA": "0"}
    result = subprocess.run(  # noqa: S603 - our own console script
        [sys.executable, "-m", "uniondesk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1 and "uniondesk.W002" in result.stderr + result.stdout


SETTINGS = [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "OTP_REQUIRED",
]


def settings_in(env: dict[str, str]) -> dict:
    """The settings an environment actually yields, read in a fresh process."""
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SETTINGS!r}}}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    return settings_in(production_env(tmp_path_factory.mktemp("prod")))


def test_production_turns_on_secure_cookies_https_and_two_factors(production):
    assert production == {
        "DEBUG": False, "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True, "SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 31536000, "OTP_REQUIRED": True,
    }


def test_the_demo_runs_production_settings_over_plain_http_with_one_factor(tmp_path):
    """scripts/demo.sh: DEBUG off, but no HTTPS redirect, no Secure cookies, no second factor."""
    demo = settings_in(production_env(tmp_path) | {"UNIONDESK_PLAIN_HTTP": "1"})
    assert demo["DEBUG"] is False
    assert not demo["SECURE_SSL_REDIRECT"] and not demo["SESSION_COOKIE_SECURE"] and not demo["CSRF_COOKIE_SECURE"]
    assert demo["OTP_REQUIRED"] is False
    assert demo["SESSION_COOKIE_HTTPONLY"] and demo["CSRF_COOKIE_HTTPONLY"]


def _directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def test_pages_carry_a_content_security_policy_without_inline_script(client, db):
    response = client.get(reverse("accounts:login"))
    csp = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["script-src"][0] == "'self'"
    assert all(source.startswith("'nonce-") for source in csp["script-src"][1:])
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert "data:" in csp["img-src"]  # the 2FA QR code is an inline SVG image


def test_session_and_csrf_cookies_are_secure_under_production_settings(client, personas, settings, production):
    for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY"):
        setattr(settings, name, production[name])
    csrf = client.get(reverse("accounts:login"), secure=True).cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(
        reverse("accounts:login"), {"username": "qingbo_admin", "password": PASSWORD}, secure=True
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert not session["max-age"]  # a browser-session cookie; the server ends idle sessions itself
