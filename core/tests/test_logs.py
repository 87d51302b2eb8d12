"""The server's log lines keep no 身份证号 or mobile typed into a search box."""

from __future__ import annotations

import io
import logging
import sys
from typing import Any

import pytest

from conftest import make_id_number

NUMBER = make_id_number(born="19900101", seq="123")


def written(logger_name: str, message: str, args: tuple, exc_info: Any = None) -> str:
    """What the handler configured for `logger_name` writes for one record: its own filters and
    format, into a buffer (its stream may be one the test runner captured and closed)."""
    logger = logging.getLogger(logger_name)
    handler = next(h for h in (logger.handlers or logging.getLogger().handlers))
    stream = io.StringIO()
    probe = logging.StreamHandler(stream)
    probe.setFormatter(handler.formatter)
    for log_filter in handler.filters:
        probe.addFilter(log_filter)
    probe.handle(logger.makeRecord(logger_name, logging.WARNING, __file__, 0, message, args, exc_info))
    return stream.getvalue()


@pytest.mark.parametrize("logger_name", ["django.server", "django.request", "uniondesk"])
def test_a_request_line_with_a_searched_number_is_logged_masked(logger_name):
    line = written(logger_name, '"%s" %s %s', (
        f"GET /registers/workers/export/?q=%20{NUMBER}&m=13812345678 HTTP/1.1", 200, 512))
    assert "/registers/workers/export/?q=" in line and "200 512" in line
    assert NUMBER not in line and NUMBER[6:14] not in line and "13812345678" not in line
    assert "138****5678" in line


@pytest.mark.parametrize("typed", [
    "%20330521197411299218", "%2033052119741129921X", "+33052119741129921x", "33052119741129921%58",
    "%EF%BC%93%EF%BC%93%EF%BC%90%EF%BC%95%EF%BC%92%EF%BC%91%EF%BC%91%EF%BC%99%EF%BC%97%EF%BC%94"
    "%EF%BC%91%EF%BC%91%EF%BC%92%EF%BC%99%EF%BC%99%EF%BC%92%EF%BC%91%EF%BC%B8",  # typed in full-width digits
    "%31%33%39%36%38%30%30%38%39%35%31",
])
def test_a_number_however_the_address_encodes_it_is_logged_masked(typed):
    line = written("django.server", '"%s" %s %s', (f"GET /workers/?q={typed} HTTP/1.1", 200, 512))
    assert "/workers/?q=" in line and "200 512" in line
    assert "19741129" not in line and "%31%39%37%34" not in line and "%EF%BC%91%EF%BC%99%EF%BC%97%EF%BC%94%EF%BC%91" not in line
    assert "68008951" not in line.replace("%3", "")


def test_a_traceback_quoting_a_number_is_logged_masked():
    """A database error's text may quote the key it broke (Key (id_number)=(…) already exists);
    the traceback the handler writes holds it masked."""
    try:
        raise ValueError(f"duplicate key value violates unique constraint DETAIL: Key (id_number)=({NUMBER}) already exists.")
    except ValueError:
        text = written("django.request", "Internal Server Error: %s", ("/workers/new/",), sys.exc_info())
    assert "Traceback" in text and "already exists" in text and NUMBER not in text
