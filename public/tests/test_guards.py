"""The public pages' guards: codes that cannot be guessed, attachments checked by content,
the challenge, and the per-address limits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from public.guards import (
    CODE_ALPHABET,
    CODE_LENGTH,
    attachment_problem,
    challenge_passed,
    new_challenge,
    new_code,
    normalise_code,
    over_limit,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def test_codes_are_long_random_and_forgiving_to_type():
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) == CODE_LENGTH >= 12 and set(c) <= set(CODE_ALPHABET) for c in codes)
    code = new_code()
    assert normalise_code(f" {code[:4].lower()}-{code[4:8]} {code[8:]} ") == code


@pytest.mark.parametrize(("name", "data"), [("证明.pdf", PDF), ("照片.PNG", PNG), ("照片.jpeg", JPEG), ("照片.jpg", JPEG)])
def test_pdf_and_images_are_accepted_by_their_content(name, data):
    content_type, problem = attachment_problem(name, data)
    assert problem == "" and content_type.startswith(("application/pdf", "image/"))


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("病毒.pdf", b"MZ\x90\x00 an executable", "附件只能是 PDF、PNG 或 JPEG 文件（按文件内容检查）"),
    ("页面.pdf", b"<html><script>alert(1)</script>", "附件只能是 PDF、PNG 或 JPEG 文件（按文件内容检查）"),
    ("改名.exe", PDF, "附件内容是 PDF，但文件名后缀不符"),
    ("大文件.pdf", PDF + b"0" * (5 * 2**20), "附件 5.0 MB，超过 5 MB 上限"),
])
def test_other_files_are_refused_with_the_reason(name, data, reason):
    assert attachment_problem(name, data) == ("", reason)


def test_challenges_served_at_once_with_the_same_sum_are_each_spent_on_their_own():
    tokens = {new_challenge().token for _ in range(200)}  # 81 questions, 17 sums, within a second
    assert len(tokens) == 200


def test_the_challenge_takes_only_its_own_answer():
    challenge = new_challenge()
    a, b = (int(x) for x in challenge.question.split("等于")[0].split(" 加 "))
    assert challenge_passed(challenge.token, str(a + b))
    assert not challenge_passed(challenge.token, str(a + b + 1))
    assert not challenge_passed(challenge.token + "x", str(a + b))


@pytest.mark.django_db
def test_an_address_is_limited_per_window_and_others_are_not():
    factory = RequestFactory()
    one, other = factory.post("/", REMOTE_ADDR="10.0.0.1"), factory.post("/", REMOTE_ADDR="10.0.0.2")
    now = timezone.now()
    assert [over_limit(one, "submit", now=now) for _ in range(6)] == [False] * 5 + [True]
    assert over_limit(other, "submit", now=now) is False
    assert over_limit(one, "submit", now=now + dt.timedelta(minutes=61)) is False


@pytest.mark.django_db(transaction=True)
def test_a_challenge_token_is_spent_once_however_many_race_for_it():
    """Four submissions of one solved token at the same moment: one of them spends it."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from public.guards import spend_challenge

    token = new_challenge().token

    def spend(_):
        try:
            return spend_challenge(token)
        finally:
            connection.close()

    if connection.vendor == "sqlite":  # one writer at a time: the race is sequential there
        results = [spend_challenge(token) for _ in range(4)]
    else:
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(spend, range(4)))
    assert sorted(results) == [False, False, False, True]


@pytest.mark.django_db
def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings):
    """Behind one reverse proxy (BEHIND_PROXY=1, PROXY_COUNT=1): each visitor has an allowance of their own, and a forged
    X-Forwarded-For in front of the proxy's entry changes nothing. Without a proxy the header is
    the visitor's own text and is not read."""
    from audit.services import client_ip

    factory = RequestFactory()

    def via_proxy(forwarded: str):
        return factory.post("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=forwarded)

    now = timezone.now()
    settings.PROXY_COUNT = 1
    assert client_ip(via_proxy("203.0.113.7")) == "203.0.113.7"
    assert [over_limit(via_proxy(f"198.51.100.{n}, 203.0.113.7"), "submit", now=now) for n in range(6)] == [False] * 5 + [True]
    assert over_limit(via_proxy("203.0.113.8"), "submit", now=now) is False
    assert client_ip(via_proxy("not an address")) == "10.9.9.9"
    settings.PROXY_COUNT = 0
    assert client_ip(via_proxy("203.0.113.7")) == "10.9.9.9"
