"""The competition page (items, entrants, awards; printable) and the results form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import Action, AuditEntry
from conftest import make_id_number
from contests.models import Competition, Entry


@pytest.fixture
def contest(district):
    competition = Competition.objects.create(
        name="上城区职工职业技能大赛", year=2024, contest_type="技能竞赛", level="区级", organisers="清波街道总工会",
        host_org=district.qingbo, node=district.qingbo, start_date=dt.date(2024, 9, 1), participants=500)
    people = [("张清波", district.qingbo_worker.id_number), ("李外区", make_id_number(seq="701")),
              ("王外区", make_id_number(seq="703")), ("赵外区", make_id_number(seq="705"))]
    plan = [("机械", "焊工", ["一等奖", "二等奖", "优秀奖", ""]), ("机械", "钳工", ["一等奖", "", "", ""]),
            ("服务", "茶艺", ["金奖", "银奖", "银奖", "铜奖"])]
    for category, item, awards in plan:
        for (name, number), award in zip(people, awards, strict=True):
            Entry.objects.create(competition=competition, category=category, item=item, name=name, id_number=number,
                                 award=award, result="90" if award else "", team=f"{name[0]}家队", node=district.qingbo)
    return competition


def test_the_page_groups_items_by_category_with_entrants_and_an_award_table(login, contest):
    page = login("qingbo_viewer").get(reverse("contests:competition", args=[contest.pk])).content.decode()
    items = page[page.index("<h2>竞赛项目</h2>"):]
    assert items.index("<h3>服务</h3>") < items.index("茶艺") < items.index("<h3>机械</h3>") < items.index("焊工")
    assert "4 人，12 人次（按参赛名单）" in page  # the entries count, not the 500 typed
    # the award table: 焊工 gave one 一等奖, one 二等奖 and one 优秀奖 (3 in all) to 4 entrants
    awards = page[page.index("获奖统计"):page.index("竞赛项目")]
    assert [h for h in ("金奖", "银奖", "铜奖", "一等奖", "二等奖", "三等奖", "优秀奖") if h in awards] == [
        "金奖", "银奖", "铜奖", "一等奖", "二等奖", "优秀奖"]
    assert ('<td>焊工</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">1</td>'
            '<td class="num">1</td><td class="num">1</td><td class="num">3</td><td class="num">4</td>') in awards
    assert '<th class="num">8</th><th class="num">12</th>' in awards  # awards given, entries
    assert "@media print" in page and "data-print" in page
    assert "录入成绩" not in page  # a viewer may not edit
    assert contest.entries.first().id_number not in page


def test_the_page_reads_a_fixed_number_of_queries(login, contest, district):
    client = login("qingbo_admin")
    url = reverse("contests:competition", args=[contest.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(20):
        Entry.objects.create(competition=contest, category="新类", item=f"项目{i}", name="甲",
                             id_number=make_id_number(seq="709"), node=district.qingbo)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_the_results_form_saves_every_entrant_of_an_item_with_history_and_audit(login, contest):
    client = login("qingbo_admin")
    page = client.get(reverse("contests:competition", args=[contest.pk])).content.decode()
    welders = list(contest.entries.filter(item="焊工").order_by("name", "id"))
    url = reverse("contests:results", args=[contest.pk])
    assert "item=%E7%84%8A%E5%B7%A5&amp;category=%E6%9C%BA%E6%A2%B0" in page  # 焊工 of 机械
    form = client.get(url, {"item": "焊工", "category": "机械"}).content.decode()
    assert form.count('name="e') == 2 * len(welders)
    data = {}
    for entry in welders:
        data[f"e{entry.pk}-result"] = entry.result
        data[f"e{entry.pk}-award"] = entry.award
    changed = welders[0]
    data[f"e{changed.pk}-result"] = "98.5"
    data[f"e{changed.pk}-award"] = "三等奖"
    response = client.post(f"{url}?item=焊工&category=机械", data)
    assert response.status_code == 302 and response.url.startswith(reverse("contests:competition", args=[contest.pk]))
    changed.refresh_from_db()
    assert (changed.result, changed.award) == ("98.5", "三等奖")
    assert changed.history.latest("history_date").history_change_reason == "录入成绩"
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert entry.username == "qingbo_admin" and entry.object_repr == "张清波（焊工）"
    assert entry.detail == {"成绩": ["90", "98.5"], "奖项": ["一等奖", "三等奖"]}
    assert AuditEntry.objects.filter(action=Action.UPDATE).count() == 1  # unchanged entrants are not touched


def test_the_results_form_takes_only_the_import_s_awards(login, contest):
    client = login("qingbo_admin")
    entry = contest.entries.get(item="钳工", award="一等奖")
    url = reverse("contests:results", args=[contest.pk]) + "?item=钳工"
    response = client.post(url, {f"e{entry.pk}-award": "特等奖", f"e{entry.pk}-result": "1"})
    assert response.status_code == 200 and "特等奖" in response.content.decode()
    entry.refresh_from_db()
    assert entry.award == "一等奖" and not AuditEntry.objects.filter(action=Action.UPDATE).exists()
    assert client.get(reverse("contests:results", args=[contest.pk]), {"item": "跳高"}).status_code == 404


def test_the_record_pages_link_to_the_competition_page_and_a_form_edit_moves_the_entries(login, personas, contest, district):
    from registers.catalog import get_register
    from registers.records import cells_of, version_of

    client = login("qingbo_admin")
    detail = client.get(reverse("registers:record-detail", args=["competitions", contest.pk])).content.decode()
    assert reverse("contests:competition", args=[contest.pk]) in detail
    register = get_register("competitions")
    cells = cells_of(register, contest, user=personas["qingbo_admin"]) | {"主办单位": "清波示范科技有限公司"}
    data = {f"c{register.headers.index(h)}": "" if v is None else str(v) for h, v in cells.items()}
    data["version"] = version_of(contest)
    response = client.post(reverse("registers:record-edit", args=["competitions", contest.pk]), data)
    assert response.status_code == 302, response.content.decode()
    contest.refresh_from_db()
    assert (contest.host_employer, contest.node) == (district.qingbo_employer, district.qingbo_union)
    assert set(contest.entries.values_list("node", flat=True)) == {district.qingbo_union.pk}
    entry = contest.entries.first()
    page = client.get(reverse("registers:record-detail", args=["entries", entry.pk])).content.decode()
    assert reverse("contests:competition", args=[contest.pk]) in page and entry.id_number not in page
