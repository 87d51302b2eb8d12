"""The indicator pages in the permission walk (core/tests/test_permission_matrix.py)."""

from core.tests.matrix import READ_ANY, expect

MATRIX = {
    "indicators:dashboard": ("get", lambda d: ({}, ""), READ_ANY),
    "indicators:list": ("get", lambda d: ({}, "?year=2025"), READ_ANY),
    "indicators:detail": ("get", lambda d: ({"key": "proposals.submitted"}, "?year=2025"), READ_ANY),
    # a year's filing by the user's own node: every admin may (each for their own org)
    "indicators:file": ("post", lambda d: ({}, ""), expect(302, 302, 302, 302, 403, 403, 403, 403, 302)),
}
