"""Production static files: `collectstatic` with the production storage writes hashed names and
their compressed copies, pages name the hashed files, and the application serves them itself."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Collected once for the module (compressing every file takes a while)."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=settings.STORAGES | {"staticfiles": {"BACKEND": PRODUCTION_STORAGE}}):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def collected(settings, static_root):
    settings.STATIC_ROOT = static_root
    settings.STORAGES = settings.STORAGES | {"staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    return static_root


def test_collectstatic_writes_hashed_files_with_gzip_and_brotli_copies(collected):
    for pattern in ("ud/app.*.css", "ud/app.*.js", "vendor/htmx.min.*.js"):
        hashed = [p for p in collected.glob(pattern) if re.search(r"\.[0-9a-f]{12}\.(css|js)$", p.name)]
        assert len(hashed) == 1, pattern
        assert hashed[0].with_name(hashed[0].name + ".gz").exists()
        assert hashed[0].with_name(hashed[0].name + ".br").exists()


def test_pages_name_hashed_files_that_the_application_serves_for_a_year(collected, client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    css = re.search(r'href="(/static/ud/app\.[0-9a-f]{12}\.css)"', page)
    assert css, "the login page names the hashed stylesheet"
    assert re.search(r'src="/static/ud/app\.[0-9a-f]{12}\.js"', page)

    response = client.get(css.group(1), HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
