"""The reviewer's inbox and the 15-day reminder (SPEC §4): what waits in the user's subtree, oldest
first, with the days waited."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from proposals.due import KIND, due_items
from proposals.models import ProposalStatus
from proposals.selectors import inbox
from registers.pages import record_url

S = ProposalStatus


def _numbers(page: str) -> list[str]:
    return re.findall(r">(JY-[A-Z0-9-]+)</a>", page)


def test_the_inbox_lists_waiting_proposals_of_the_subtree_oldest_first(login, district, make_proposal):
    today = timezone.localdate()
    newer = make_proposal("JY-NEW", status=S.REVIEWING, submitted_on=today - dt.timedelta(days=3))
    older = make_proposal("JY-OLD", submitted_on=today - dt.timedelta(days=20), unit=district.qingbo_no_union)
    make_proposal("JY-UNION", submitted_on=today - dt.timedelta(days=9), unit=district.qingbo_union)
    make_proposal("JY-DONE", status=S.ADOPTED, submitted_on=today - dt.timedelta(days=30))
    make_proposal("JY-NO", status=S.REJECTED, submitted_on=today - dt.timedelta(days=30))
    make_proposal("JY-HUBIN", submitted_on=today - dt.timedelta(days=40), unit=district.hubin_employer)

    page = login("qingbo_admin").get(reverse("proposals:inbox")).content.decode()
    assert _numbers(page) == ["JY-OLD", "JY-UNION", "JY-NEW"]
    assert f'href="{record_url("proposals", older.pk)}"' in page and f'href="{record_url("proposals", newer.pk)}"' in page
    assert "超期</span> 20" in page and ">3</td>" in page
    # the union sees what lies at its own node or below; the sibling street sees only its own
    assert _numbers(login("union_admin").get(reverse("proposals:inbox")).content.decode()) == ["JY-UNION", "JY-NEW"]
    assert _numbers(login("hubin_admin").get(reverse("proposals:inbox")).content.decode()) == ["JY-HUBIN"]
    assert _numbers(login("district_admin").get(reverse("proposals:inbox")).content.decode()) == [
        "JY-HUBIN", "JY-OLD", "JY-UNION", "JY-NEW"]


def test_the_inbox_reads_a_fixed_number_of_queries_however_many_wait(login, district, make_proposal, personas):
    client = login("district_admin")
    url = reverse("proposals:inbox")
    make_proposal("JY-1")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i, unit in enumerate([district.qingbo_union, district.hubin_employer, district.qingbo_no_union] * 4):
        make_proposal(f"JY-M{i}", unit=unit)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(_numbers(response.content.decode())) == 13
    assert len(many) == len(few)
    assert inbox(user=personas["qingbo_viewer"]).count() == 9


def test_proposals_waiting_over_15_days_are_due(district, personas, make_proposal):
    today = dt.date(2024, 6, 30)
    waited_16 = make_proposal("JY-16", submitted_on=dt.date(2024, 6, 14))
    make_proposal("JY-15", submitted_on=dt.date(2024, 6, 15))  # exactly 15 days: not yet over
    reviewing = make_proposal("JY-40", status=S.REVIEWING, submitted_on=dt.date(2024, 5, 21), unit=district.qingbo_union)
    make_proposal("JY-DONE", status=S.ADOPTED, submitted_on=dt.date(2024, 1, 5))
    make_proposal("JY-HUBIN", submitted_on=dt.date(2024, 5, 1), unit=district.hubin_employer)

    items = due_items(personas["qingbo_admin"], today)
    assert [i.title for i in items] == [str(reviewing), str(waited_16)]
    first, second = items
    assert (first.kind, first.due, first.days_left, first.overdue) == (KIND, dt.date(2024, 6, 5), -25, True)
    assert (first.url, first.node, first.key) == (record_url("proposals", reviewing.pk), "清波示范企业工会", f"proposals:{reviewing.pk}:review")
    assert first.note == "审核中，提出日期 2024-05-21，已等待 40 天"
    assert (second.due, second.days_left) == (dt.date(2024, 6, 29), -1)
    assert [i.title for i in due_items(personas["hubin_admin"], today)] == ["JY-HUBIN 建议JY-HUBIN"]
    assert due_items(personas["sysadmin"], today) == []
