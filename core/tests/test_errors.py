"""The product's own error pages, in Chinese, with DEBUG on and off; a refusal logged once."""

from __future__ import annotations

import logging.config

import pytest
from django.test import Client
from django.urls import reverse

from core.tests.records import qingbo_record

MODES = [pytest.param(True, id="DEBUG"), pytest.param(False, id="production")]


@pytest.mark.parametrize("debug", MODES)
def test_another_subtrees_record_is_the_products_404(client, personas, district, settings, debug):
    settings.DEBUG = debug
    case, _ = qingbo_record(district, "cases")
    client.force_login(personas["hubin_admin"])
    response = client.get(reverse("registers:record-detail", args=["cases", case.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "不在您的管辖范围内" in page and "URLconf" not in page and "registers:record-detail" not in page


@pytest.mark.parametrize("debug", MODES)
def test_an_address_nothing_answers_is_the_products_404(client, personas, settings, debug):
    settings.DEBUG = debug
    client.force_login(personas["qingbo_admin"])
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "未找到" in response.content.decode() and "URLconf" not in response.content.decode()


@pytest.mark.parametrize("debug", MODES)
def test_a_refusal_is_the_products_403(client, personas, district, settings, debug):
    settings.DEBUG = debug
    client.force_login(personas["qingbo_viewer"])
    response = client.get(reverse("registers:record-create", args=["cases"]))
    assert response.status_code == 403 and "您的角色无权修改业务数据" in response.content.decode()


@pytest.mark.parametrize("debug", MODES)
def test_a_server_error_is_the_products_500_without_a_traceback(personas, district, settings, monkeypatch, debug):
    settings.DEBUG = debug

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("registers.record_views.for_register", broken)
    client = Client(raise_request_exception=False)
    client.force_login(personas["qingbo_admin"])
    response = client.get(reverse("registers:record-list", args=["cases"]))
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器出错" in page and "Traceback" not in page and "went away" not in page


@pytest.mark.parametrize("debug", MODES)
def test_a_form_sent_without_its_csrf_token_is_the_products_403(personas, settings, debug):
    settings.DEBUG = debug
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["qingbo_admin"])
    response = client.post(reverse("todo:notices-read"))
    assert response.status_code == 403 and "页面已过期" in response.content.decode()


@pytest.mark.parametrize("debug", MODES)
def test_the_api_answers_in_json_in_every_mode(client, personas, district, settings, debug):
    settings.DEBUG = debug
    case, _ = qingbo_record(district, "cases")
    client.force_login(personas["hubin_admin"])
    missing = client.get(reverse("api:register-record", args=["cases", case.pk]))
    assert missing.status_code == 404 and missing.json()["detail"] == "未找到，或不在您的管辖范围内。"
    refused = client.get(reverse("api:org-list"), {"page": 10**20})
    assert refused.status_code == 400 and "page" in refused.json()["detail"]


@pytest.mark.parametrize("debug", MODES)
def test_a_refusal_is_logged_once_without_a_traceback(personas, district, settings, capfd, debug):
    """Django's console handler came on under DEBUG beside the root's: each 403 was printed twice,
    each time with its traceback."""
    settings.DEBUG = debug
    logging.config.dictConfig(settings.LOGGING)  # as the server configures it at start
    client = Client()
    client.force_login(personas["qingbo_viewer"])
    capfd.readouterr()
    assert client.get(reverse("registers:record-create", args=["cases"])).status_code == 403
    logged = capfd.readouterr().err
    assert logged.count("Forbidden") == 1 and "Traceback" not in logged, logged
