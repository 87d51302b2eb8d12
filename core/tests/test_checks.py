"""`uniondesk check --deploy` says when the reports' links would point at the local machine."""

from __future__ import annotations

from core.checks import site_url_is_the_public_address


def test_a_local_site_url_is_warned_about_on_deploy(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    [warning] = site_url_is_the_public_address()
    assert warning.id == "uniondesk.W001" and "SITE_URL" in warning.msg
    settings.SITE_URL = "https://union.example.gov.cn"
    assert site_url_is_the_public_address() == []


def test_production_without_two_factors_is_warned_about_on_deploy(settings):
    from core.checks import two_factors_in_production

    settings.DEBUG, settings.OTP_REQUIRED = False, False
    [warning] = two_factors_in_production()
    assert warning.id == "uniondesk.W002" and "UNIONDESK_2FA" in warning.msg
    settings.OTP_REQUIRED = True
    assert two_factors_in_production() == []
    settings.DEBUG, settings.OTP_REQUIRED = True, False  # a developer's machine
    assert two_factors_in_production() == []


def test_production_without_an_audit_key_of_its_own_is_warned_about(settings):
    from core.checks import audit_key_of_its_own

    settings.DEBUG, settings.AUDIT_KEY = False, ""
    [warning] = audit_key_of_its_own()
    assert warning.id == "uniondesk.W003" and "AUDIT_KEY" in warning.msg
    settings.AUDIT_KEY = "x" * 40
    assert audit_key_of_its_own() == []
