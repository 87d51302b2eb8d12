"""The supervision URLs in the permission matrix (core/tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime as dt

from core.tests.matrix import WRITE_QINGBO


def _qingbo_inspection(d) -> dict:
    """A finding at 清波示范科技有限公司, owned by its union (inside 清波街道)."""
    from supervision.models import Inspection

    inspection = Inspection.objects.create(
        number="JC-MATRIX", inspected_on=dt.date(2024, 3, 1), employer=d.qingbo_employer, supervisor_org=d.qingbo,
        matters="工资支付", findings="延期支付工资", deadline=dt.date(2024, 4, 1), result="整改中", node=d.qingbo_union)
    return {"pk": inspection.pk}


MATRIX = {
    "supervision:inspection-result": ("get", lambda d: (_qingbo_inspection(d), ""), WRITE_QINGBO),
}
