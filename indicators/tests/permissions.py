"""The indicator pages in the permission walk (core/tests/test_permission_matrix.py)."""

from core.tests.matrix import READ_ANY, expect


def _job(d) -> dict:
    """A finished report of 清波's admin: only they may open or download it."""
    from accounts.models import User
    from indicators.models import ReportJob

    job = ReportJob.objects.create(user=User.objects.get(username="qingbo_admin"), org=d.qingbo, year=2025, fmt="docx",
                                   status="已完成", content=b"PK")
    return {"pk": job.pk}


OWNER_ONLY = expect(404, 200, 404, 404, 404, 403, 403, 403, 302)

MATRIX = {
    "indicators:report": ("get", lambda d: ({}, ""), READ_ANY),
    "indicators:report-start": ("post", lambda d: ({}, ""), expect(302, 302, 302, 302, 302, 403, 403, 403, 302)),
    "indicators:report-job": ("get", lambda d: (_job(d), ""), OWNER_ONLY),
    "indicators:report-download": ("get", lambda d: (_job(d), ""), OWNER_ONLY),
    "indicators:area": ("get", lambda d: ({"slug": "relations"}, ""), READ_ANY),
    "indicators:dashboard": ("get", lambda d: ({}, ""), READ_ANY),
    "indicators:list": ("get", lambda d: ({}, "?year=2025"), READ_ANY),
    "indicators:detail": ("get", lambda d: ({"key": "proposals.submitted"}, "?year=2025"), READ_ANY),
    # a year's filing by the user's own node: every admin may (each for their own org)
    "indicators:file": ("post", lambda d: ({}, ""), expect(302, 302, 302, 302, 403, 403, 403, 403, 302)),
}
