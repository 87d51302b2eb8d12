"""The contract pages in the permission walk (core/tests/test_permission_matrix.py)."""

from __future__ import annotations

from core.tests.matrix import READ_ANY, READ_QINGBO

MATRIX = {
    # 清波示范科技有限公司 (node: 清波示范企业工会): 湖滨's admin gets 404
    "contracts:employer": ("get", lambda d: ({"pk": d.qingbo_employer.pk}, ""), READ_QINGBO),
    # a street outside the user's subtree is ignored, so everyone who reads gets their own list
    "contracts:uncovered": ("get", lambda d: ({}, f"?street={d.qingbo.pk}"), READ_ANY),
}
