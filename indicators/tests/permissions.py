"""The indicator pages in the permission walk (core/tests/test_permission_matrix.py)."""

from core.tests.matrix import READ_ANY

MATRIX = {
    "indicators:list": ("get", lambda d: ({}, "?year=2025"), READ_ANY),
    "indicators:detail": ("get", lambda d: ({"key": "proposals.submitted"}, "?year=2025"), READ_ANY),
}
