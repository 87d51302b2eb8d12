"""The members URLs in the permission matrix (core/tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime as dt

from core.tests.matrix import PUBLIC, READ_ANY, READ_QINGBO, expect

#: a POST any writer may send: a step that is not theirs is a message and a redirect, never a page
WRITE_ANY_POST = expect(302, 302, 302, 302, 403, 403, 403, 403, 302)


def _qingbo_member(d):
    """清波's worker, 在籍 at its union with a card."""
    from members.models import Member

    return Member.objects.get_or_create(
        id_number=d.qingbo_worker.id_number,
        defaults={
            "worker": d.qingbo_worker,
            "node": d.qingbo_union,
            "joined_on": dt.date(2024, 3, 1),
            "card_number": "HY-MATRIX",
            "status": "在籍",
        },
    )[0]


def _pk(d) -> tuple[dict, str]:
    return {"pk": _qingbo_member(d).pk}, ""


def _token(salt: str):
    def build(d) -> tuple[dict, str]:
        from members import cards

        return {"token": cards.token(_qingbo_member(d), salt)}, ""

    return build


MATRIX = {
    "members:incoming": ("get", lambda d: ({}, ""), READ_ANY),
    "members:incoming-act": ("post", _pk, WRITE_ANY_POST),
    "members:idle": ("get", lambda d: ({}, ""), READ_ANY),
    "members:periods": ("get", _pk, READ_QINGBO),
    "members:card": ("get", _pk, READ_QINGBO),
    "members:public-card": ("get", _token("members.card"), PUBLIC),
    "members:verify": ("get", _token("members.card.verify"), PUBLIC),
}
