"""What keeps the public pages from abuse: rate limits, a challenge, attachment checks, codes."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from audit.services import client_ip

from .models import Hit, SpentChallenge

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
CODE_LENGTH = 16  # 32^16 = 2^80: not guessable, even at the lookup limit for years
MAX_ATTACHMENT = 5 * 2**20
SIGNATURES = {  # the first bytes of each accepted type: the name and the browser's word are not trusted
    b"%PDF-": ("application/pdf", (".pdf",)),
    b"\x89PNG\r\n\x1a\n": ("image/png", (".png",)),
    b"\xff\xd8\xff": ("image/jpeg", (".jpg", ".jpeg")),
}


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[:CODE_LENGTH]


def address_of(request: HttpRequest) -> str:
    ip = client_ip(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


def limits() -> dict[str, tuple[int, int]]:
    """action → (allowed, per this many minutes) for one address. Submissions count only those
    accepted, so neighbours behind one NAT address who mistype do not lock each other out;
    attempts (every POST of a form) have their own, higher limit against scripts."""
    return {
        "submit": (settings.PUBLIC_SUBMISSIONS_PER_HOUR, 60),
        "attempt": (settings.PUBLIC_ATTEMPTS_PER_HOUR, 60),
        "track": (30, 10),
        "search": (settings.PUBLIC_SEARCHES_PER_10_MINUTES, 10),
    }


def used_up(request: HttpRequest, action: str, *, now: dt.datetime | None = None) -> bool:
    """True when the address has used up its allowance of `action` for the window (counts nothing)."""
    now = now or timezone.now()
    allowed, minutes = limits()[action]
    recent = Hit.objects.filter(address=address_of(request), action=action, at__gte=now - dt.timedelta(minutes=minutes))
    return recent.count() >= allowed


def count_hit(request: HttpRequest, action: str, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    Hit.objects.create(address=address_of(request), action=action, at=now)
    Hit.objects.filter(at__lt=now - dt.timedelta(days=1)).delete()  # the table stays small


def over_limit(request: HttpRequest, action: str, *, now: dt.datetime | None = None) -> bool:
    """Count this request; True when the address has used up its allowance for the window."""
    now = now or timezone.now()
    if used_up(request, action, now=now):
        return True
    count_hit(request, action, now=now)
    return False


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


_SALT = "public.challenge"


def new_challenge() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    # the nonce makes each token unique: two pages served in the same second with the same sum
    # would otherwise carry one token, and the second person's filing would find it spent
    return Challenge(f"{a} 加 {b} 等于几？", signing.dumps([a + b, secrets.token_hex(8)], salt=_SALT))


CHALLENGE_MAX_AGE = 3600


def challenge_passed(token: str, answer: str, *, max_age: int = CHALLENGE_MAX_AGE) -> bool:
    try:
        expected = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return False
    return isinstance(expected, list) and str(answer).strip() == str(expected[0])


def spend_challenge(token: str) -> bool:
    """Mark a solved challenge as used; False when it was used already. The unique digest makes
    this hold for submissions racing on either database: the second insert fails."""
    now = timezone.now()
    try:
        with transaction.atomic():
            SpentChallenge.objects.create(digest=hashlib.sha256(token.encode()).hexdigest(), at=now)
    except IntegrityError:
        return False
    SpentChallenge.objects.filter(at__lt=now - dt.timedelta(seconds=2 * CHALLENGE_MAX_AGE)).delete()  # expired anyway
    return True


def attachment_problem(name: str, data: bytes) -> tuple[str, str]:
    """(content type, "") for an accepted file, else ("", the reason in Chinese)."""
    if len(data) > MAX_ATTACHMENT:
        return "", f"附件 {len(data) / 2**20:.1f} MB，超过 5 MB 上限"
    lowered = name.lower()
    for magic, (content_type, suffixes) in SIGNATURES.items():
        if data.startswith(magic):
            if not lowered.endswith(suffixes):
                return "", f"附件内容是 {content_type.split('/')[1].upper()}，但文件名后缀不符"
            return content_type, ""
    return "", "附件只能是 PDF、PNG 或 JPEG 文件（按文件内容检查）"
