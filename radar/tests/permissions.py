"""The radar URLs in the permission matrix (core/tests/test_permission_matrix.py)."""

from __future__ import annotations

from core.tests.matrix import READ_ANY, READ_QINGBO

MATRIX = {
    "radar:radar": ("get", lambda d: ({}, ""), READ_ANY),
    # a qingbo employer's signal: the sibling street gets 404, as for the employer's page
    "radar:signal-records": (
        "get",
        lambda d: ({"pk": d.qingbo_employer.pk, "signal": "风险线索"}, "?date=2025-06-30"),
        READ_QINGBO,
    ),
}
