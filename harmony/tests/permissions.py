"""The harmony URLs in the permission matrix (core/tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.utils import timezone

from core.tests.matrix import READ_ANY, READ_QINGBO, WRITE_QINGBO_POST

PDF = b"%PDF-1.4 evidence"


def _qingbo_assessment(d) -> dict:
    """An assessment of 清波's employer, owned by its union (inside 清波街道). A POST with no mark
    is answered by a message and a redirect; a sibling street gets 404."""
    from harmony.models import Assessment

    assessment = Assessment.objects.create(
        employer=d.qingbo_employer, year=2024, level="区级", node=d.qingbo_union
    )
    return {"pk": assessment.pk}


def _qingbo_evidence(d) -> dict:
    from harmony.models import Assessment, ManualMark

    pk = _qingbo_assessment(d)["pk"]
    mark = ManualMark.objects.create(
        assessment=Assessment.objects.get(pk=pk),
        item="职工满意度",
        points=5,
        evidence=PDF,
        evidence_name="满意度调查.pdf",
        evidence_type="application/pdf",
        at=timezone.now(),
    )
    return {"pk": pk, "mark_pk": mark.pk}


MATRIX = {
    "harmony:tables": ("get", lambda d: ({}, ""), READ_ANY),
    "harmony:table": ("get", lambda d: ({"year": 2024}, ""), READ_ANY),
    "harmony:assessment": ("get", lambda d: (_qingbo_assessment(d), ""), READ_QINGBO),
    "harmony:mark": ("post", lambda d: (_qingbo_assessment(d), ""), WRITE_QINGBO_POST),
    "harmony:evidence": ("get", lambda d: (_qingbo_evidence(d), ""), READ_QINGBO),
}
