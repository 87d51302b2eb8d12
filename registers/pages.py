"""Where a register's record pages live (list, detail, forms), for links from anywhere."""

from __future__ import annotations

from django.urls import reverse


def record_url(slug: str, pk: int) -> str:
    return reverse("registers:record-detail", args=[slug, pk])

