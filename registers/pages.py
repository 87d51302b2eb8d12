"""Where a register's record pages live (list, detail, forms), for links from anywhere."""

from __future__ import annotations

from django.urls import reverse

from .catalog import get_register


def record_url(slug: str, pk: int) -> str:
    return reverse("registers:record-detail", args=[slug, pk])


def list_url(slug: str) -> str:
    """The register's list page: its own (orgs, employers, workers name it in `list_url`) or the
    one every other register gets."""
    return get_register(slug).list_page
