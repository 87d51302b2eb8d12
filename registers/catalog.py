"""Every register, discovered in the `registers.py` of each installed app (its REGISTERS).

The order is INSTALLED_APPS's, the one SPEC §2 imports them in: the tree (orgs, workers), then
worker quality (contests … honours), then labour relations (meetings … assistance)."""

from __future__ import annotations

from functools import cache

from django.http import Http404

from core.declarations import Register
from core.discovery import app_modules


@cache
def registers() -> dict[str, Register]:
    found: dict[str, Register] = {}
    for module in app_modules("registers"):
        for register in module.REGISTERS:
            found[register.slug] = register
    return found


def get_register(slug: str) -> Register:
    try:
        return registers()[slug]
    except KeyError:
        raise Http404(f"没有名为“{slug}”的台账") from None
