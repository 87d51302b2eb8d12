"""The assistance URLs in the permission matrix (core/tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime as dt

from core.tests.matrix import READ_ANY, WRITE_QINGBO_POST


def _qingbo_application(d) -> dict:
    """An application of 清波's worker, owned by the worker's union (inside 清波街道). A POST with
    no step is answered by a message and a redirect to the queue; a sibling street gets 404."""
    from assistance.models import Application

    application = Application.objects.create(
        number="JZ-MATRIX", applicant=d.qingbo_worker.name, id_number=d.qingbo_worker.id_number, worker=d.qingbo_worker,
        kind="医疗救助", applied_on=dt.date(2024, 3, 1), requested_amount=5000, node=d.qingbo_union)
    return {"pk": application.pk}


MATRIX = {
    "assistance:queue": ("get", lambda d: ({}, ""), READ_ANY),
    "assistance:act": ("post", lambda d: (_qingbo_application(d), ""), WRITE_QINGBO_POST),
}
