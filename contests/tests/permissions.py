"""The contests pages in the URL × persona matrix (core/tests/test_permission_matrix.py).

The competition is hosted by 清波示范科技有限公司, so it belongs to 清波示范企业工会: 湖滨街道's
admin gets 404 and 清波's union admin may read and write it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from core.tests.matrix import READ_QINGBO, WRITE_QINGBO


def qingbo_competition(d) -> int:
    from contests.models import Competition, Entry

    competition = Competition.objects.create(
        name="清波示范科技岗位技能比武", year=2024, contest_type="技术比武", level="基层",
        organisers=d.qingbo_employer.name, host_employer=d.qingbo_employer, node=d.qingbo_union,
        start_date=dt.date(2024, 5, 1))
    worker = d.qingbo_worker
    Entry.objects.create(competition=competition, category="机械", item="焊工", name=worker.name,
                         id_number=worker.id_number, worker=worker, node=d.qingbo_union)
    return competition.pk


MATRIX = {
    "contests:competition": ("get", lambda d: ({"pk": qingbo_competition(d)}, ""), READ_QINGBO),
    "contests:results": ("get", lambda d: ({"pk": qingbo_competition(d)}, "?" + urlencode({"item": "焊工"})), WRITE_QINGBO),
}
