"""The electronic member card (电子会员证, SPEC §7): signed links that cannot be guessed, one to the
card and one (its QR code) to the public verification page; a transfer or 退会 raises the member's
card_version, and a link signed with an older one no longer opens."""

from __future__ import annotations

import segno
from django.core import signing
from django.urls import reverse

from .choices import MEMBER_STATES
from .models import Member

CARD = "members.card"
VERIFY = "members.card.verify"


def token(member: Member, salt: str = CARD) -> str:
    return signing.dumps({"m": member.pk, "v": member.card_version}, salt=salt)


def member_of_token(value: str, salt: str = CARD) -> Member | None:
    """The member a link was signed for, while the link is still the member's current one."""
    try:
        data = signing.loads(value, salt=salt)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    member = Member.objects.select_related("node", "worker").filter(pk=data.get("m")).first()
    if member is None or member.card_version != data.get("v"):
        return None
    return member


def card_url(member: Member) -> str:
    return reverse("members:public-card", args=[token(member)])


def verify_url(member: Member) -> str:
    return reverse("members:verify", args=[token(member, VERIFY)])


def qr_svg(url: str) -> str:
    """The QR code of an absolute URL as an SVG data URI (segno: pure Python)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def has_card(member: Member) -> bool:
    return member.status in MEMBER_STATES and bool(member.card_number)
