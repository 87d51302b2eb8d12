"""The 待办 page and reminders: due items across registers, most urgent first, in scope, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from proposals.models import Proposal
from todo.due import collect
from todo.models import Notification
from todo.services import remind


@pytest.fixture
def waiting(district):
    """Two proposals of 清波 waiting for review: one 40 days, one 20 days; one of 湖滨 30 days."""
    today = timezone.localdate()

    def proposal(number: str, employer, days: int, node) -> Proposal:
        return Proposal.objects.create(number=number, title=f"建议{number}", proposer="张三", employer=employer,
                                       submitted_on=today - dt.timedelta(days=days), node=node)

    return [proposal("Q40", district.qingbo_employer, 40, district.qingbo_union),
            proposal("Q20", district.qingbo_no_union, 20, district.qingbo),
            proposal("H30", district.hubin_employer, 30, district.hubin_union)]


def test_due_items_are_sorted_by_urgency_and_scoped(district, personas, waiting):
    today = timezone.localdate()
    titles = [i.title for i in collect(personas["qingbo_admin"], today)]
    assert titles == ["Q40 建议Q40", "Q20 建议Q20"]
    assert [i.title for i in collect(personas["hubin_admin"], today)] == ["H30 建议H30"]
    assert [i.days_left for i in collect(personas["district_admin"], today)] == [-25, -15, -5]


def test_the_page_lists_them_with_how_late_they_are(login, waiting):
    page = login("qingbo_admin").get(reverse("todo:due-list")).content.decode()
    assert "Q40 建议Q40" in page and "已逾期 25 天" in page and "H30" not in page
    assert "共 2 项，其中已逾期 2 项" in page


def test_a_registers_front_page_shows_what_is_due_in_it(login, waiting):
    """SPEC §4: every register shows on its front page what is due in the user's subtree."""
    page = login("qingbo_admin").get(reverse("registers:record-list", args=["proposals"])).content.decode()
    assert "待办 <span class=\"muted\">（2 项，已逾期 2 项）" in page
    assert "Q40 建议Q40" in page and "已逾期 25 天" in page and "H30 建议H30" not in page
    hubin = login("hubin_admin").get(reverse("registers:record-list", args=["proposals"])).content.decode()
    assert "（1 项，已逾期 1 项）" in hubin and "Q40 建议Q40" not in hubin
    # another register's page lists none of them; the to-do list can show one register's items
    assert "已逾期" not in login("qingbo_admin").get(reverse("registers:record-list", args=["cases"])).content.decode()
    only = login("qingbo_admin").get(reverse("todo:due-list") + "?register=cases").content.decode()
    assert "Q40 建议Q40" not in only and "共 0 项" in only
    mine = login("qingbo_admin").get(reverse("todo:due-list") + "?register=proposals").content.decode()
    assert "共 2 项，其中已逾期 2 项" in mine and "register=proposals" in mine


def test_reminders_are_sent_once_per_item_and_user(district, personas, waiting):
    today = timezone.localdate()
    first = remind(today)
    assert first["qingbo_admin"] == 2 and first["hubin_admin"] == 1 and first["district_admin"] == 3
    assert "district_auditor" not in first and "sysadmin" not in first  # no business data, no reminders
    assert remind(today) == {}
    assert Notification.objects.filter(user=personas["qingbo_admin"]).count() == 2


def test_the_command_and_the_unread_count_in_the_menu(login, waiting, capsys):
    call_command("remind")
    # district 3, 清波 admin 2 and viewer 2, 湖滨 1, the union admin 1 (Q40 only)
    assert "已发出 9 条新提醒，涉及 5 位用户" in capsys.readouterr().out
    client = login("qingbo_admin")
    assert '待办 <span class="tag bad">2</span>' in client.get(reverse("core:home"), follow=True).content.decode()
    client.post(reverse("todo:notices-read"))
    assert '待办 <span class="tag bad">' not in client.get(reverse("core:home"), follow=True).content.decode()


def test_a_bad_date_is_refused_in_chinese(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="格式不对"):
        call_command("remind", "--date", "2026/13/01")
