"""The meeting pages in the permission walk (core/tests/test_permission_matrix.py)."""

from __future__ import annotations

from core.tests.matrix import READ_ANY

MATRIX = {
    "meetings:by-year": ("get", lambda d: ({}, "?year=2024"), READ_ANY),
}
