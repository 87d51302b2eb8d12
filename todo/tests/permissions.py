"""The 待办 pages in the permission walk (core/tests/test_permission_matrix.py)."""

from core.tests.matrix import READ_ANY, expect

MATRIX = {
    "todo:due-list": ("get", lambda d: ({}, ""), READ_ANY),
    "todo:notices-read": ("post", lambda d: ({}, ""), expect(302, 302, 302, 302, 302, 403, 403, 403, 302)),
}
