"""`uniondesk check --deploy` says when the reports' links would point at the local machine."""

from __future__ import annotations

from core.checks import site_url_is_the_public_address


def test_a_local_site_url_is_warned_about_on_deploy(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    [warning] = site_url_is_the_public_address()
    assert warning.id == "uniondesk.W001" and "SITE_URL" in warning.msg
    settings.SITE_URL = "https://union.example.gov.cn"
    assert site_url_is_the_public_address() == []
