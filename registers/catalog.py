"""Every register, collected from the apps that declare them."""

from __future__ import annotations

import importlib
from functools import cache

from django.http import Http404

from .declarations import Register

#: apps whose `registers.py` declares REGISTERS, in the order SPEC §2 imports them
REGISTER_MODULES = [
    "orgs.registers", "workers.registers",
    # worker quality (职工素质建设)
    "contests.registers", "training.registers", "proposals.registers", "honours.registers",
    # labour relations (劳动关系)
    "meetings.registers", "contracts.registers", "mediation.registers", "supervision.registers",
    "assistance.registers",
]


@cache
def registers() -> dict[str, Register]:
    found: dict[str, Register] = {}
    for module in REGISTER_MODULES:
        for register in importlib.import_module(module).REGISTERS:
            found[register.slug] = register
    return found


def get_register(slug: str) -> Register:
    try:
        return registers()[slug]
    except KeyError:
        raise Http404(f"没有名为“{slug}”的台账") from None
