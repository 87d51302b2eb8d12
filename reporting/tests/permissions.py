"""The reporting pages in the permission walk (core/tests/test_permission_matrix.py)."""

from core.tests.matrix import READ_ANY, READ_QINGBO_STREET, expect

#: a POST that any admin may send (each for their own node; a refusal is a message, then a redirect)
POST_ADMIN = expect(302, 302, 302, 302, 403, 403, 403, 403, 302)
#: a POST naming 清波's union as the child: outside hubin's subtree it is not found
POST_QINGBO_CHILD = expect(302, 302, 404, 302, 403, 403, 403, 403, 302)


def _child(d) -> tuple[dict, str]:
    return {}, ""


MATRIX = {
    "reporting:board": ("get", lambda d: ({}, "?year=2025"), READ_ANY),
    "reporting:check": ("get", lambda d: ({}, "?year=2025"), READ_ANY),
    "reporting:rule": (
        "get",
        lambda d: ({"key": "employer.women_over_total"}, "?year=2025"),
        READ_ANY,
    ),
    # a sibling's board is not found
    "reporting:stats": ("get", lambda d: ({}, f"?year=2025&org={d.qingbo.pk}"), READ_QINGBO_STREET),
    "reporting:file": ("post", lambda d: ({}, ""), POST_ADMIN),
    "reporting:due": ("post", lambda d: ({}, ""), POST_ADMIN),
    "reporting:accept": ("post", lambda d: ({}, f"?child={d.qingbo_union.pk}"), POST_QINGBO_CHILD),
    "reporting:return": ("post", lambda d: ({}, f"?child={d.qingbo_union.pk}"), POST_QINGBO_CHILD),
    "reporting:reopen": ("post", lambda d: ({}, f"?child={d.qingbo_union.pk}"), POST_QINGBO_CHILD),
}
