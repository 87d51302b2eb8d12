"""The dashboard: every business user's landing page, with their own subtree's figures only."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from django.test import RequestFactory
from django.urls import reverse

from honours.models import Honour, HonourType, Level
from indicators import dashboard
from indicators.catalog import BY_KEY, figure
from indicators.filing import file_report
from indicators.scope import Scope
from orgs.models import Org, OrgType
from proposals.models import Proposal, ProposalStatus
from workers.models import Worker

URL = reverse("indicators:dashboard")
Y = 2024  # the latest year the tests' records hold: the page opens on it
# 98 here with three years held: every indicator for Y and Y−1 (as-it-stands ones for Y only,
# their Y−1 from the filed report), the trend figures of the one year before Y−1, one grouped query
# per breakdown column, the years held, what is due, the session. Records and child nodes add none; each further year held adds
# the trend figures' dozen.
QUERIES = 110  # the figures, trends and breakdown, plus the subtree summary


@pytest.fixture
def propose(district):
    """propose(unit, submitted_on, status=…) → a saved proposal owned where its unit lies."""
    numbers = iter(range(1, 10_000))

    def make(unit, submitted_on: dt.date, status: str = ProposalStatus.REJECTED, **fields) -> Proposal:
        if status in (ProposalStatus.ADOPTED, ProposalStatus.IMPLEMENTED):
            fields.setdefault("adopted_on", submitted_on + dt.timedelta(days=10))
        proposal = Proposal(number=f"JY-{next(numbers)}", title="改进工艺", proposer="张清波",
                            submitted_on=submitted_on, status=status, **fields)
        proposal.party = unit
        proposal.node_id = proposal.owning_node_id()
        proposal.full_clean()
        proposal.save()
        return proposal

    return make


@pytest.fixture
def proposals(district, propose):
    """清波: 3 in Y (2 adopted, benefit 12.5 + 7.5), 2 in Y−1; 湖滨: 1 in Y (adopted)."""
    propose(district.qingbo_employer, dt.date(Y, 3, 1), ProposalStatus.IMPLEMENTED, benefit=Decimal("12.50"))
    propose(district.qingbo_employer, dt.date(Y, 5, 1), ProposalStatus.ADOPTED, benefit=Decimal("7.50"))
    propose(district.qingbo_no_union, dt.date(Y, 6, 1))
    propose(district.qingbo_employer, dt.date(Y - 1, 6, 1))
    propose(district.qingbo_union, dt.date(Y - 1, 9, 1))
    propose(district.hubin_employer, dt.date(Y, 4, 1), ProposalStatus.ADOPTED, benefit=Decimal("30"))


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[-1] = (self._script, self.scripts[-1][1] + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def parse(response) -> _Tags:
    parser = _Tags()
    parser.feed(response.content.decode())
    return parser


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def tile(response, key: str) -> str:
    """What a reader sees on the figure's tile: label, value and unit, the change on Y−1."""
    found = re.search(rf'<a class="card tile" href="([^"]+)"[^>]*data-key="{re.escape(key)}">(.*?)</a>',
                      response.content.decode(), re.S)
    assert found, f"no tile for {key}"
    return text(found.group(2))


def tile_link(response, key: str) -> str:
    return re.search(rf'<a class="card tile" href="([^"]+)"[^>]*data-key="{re.escape(key)}">',
                     response.content.decode()).group(1).replace("&amp;", "&")


def breakdown_rows(response) -> list[list[str]]:
    body = re.search(r'<table class="list breakdown">.*?<tbody>(.*?)</tbody>', response.content.decode(), re.S)
    return [[text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)]


def chart_data(response) -> dict:
    return next(json.loads(body) for attrs, body in parse(response).scripts if attrs.get("id") == "dashboard-data")


def test_district_admin_sees_the_districts_figures_with_the_change_on_last_year(login, proposals):
    page = login("district_admin").get(URL)
    assert page.status_code == 200
    assert "上城区总工会 · 2024年工作台" in text(page.content.decode())
    assert tile(page, "proposals.submitted") == "提出合理化建议 4 条 较上年 +2（+100.0%）"
    assert tile(page, "proposals.adopted") == "已采纳合理化建议 3 条 较上年 +3"
    assert tile(page, "proposals.benefit_wan") == "创造直接经济效益 50.00 万元 较上年 +50.00"


def test_qingbo_admin_sees_qingbos_figures_only(login, district, proposals, propose):
    client = login("qingbo_admin")
    page = client.get(URL)
    assert "清波街道总工会 · 2024年工作台" in text(page.content.decode())
    assert tile(page, "proposals.submitted") == "提出合理化建议 3 条 较上年 +1（+50.0%）"
    assert tile(page, "proposals.benefit_wan") == "创造直接经济效益 20.00 万元 较上年 +20.00"

    # more work in the sibling street changes the district's figures, not 清波's
    propose(district.hubin_employer, dt.date(Y, 8, 1), ProposalStatus.ADOPTED, benefit=Decimal(100))
    propose(district.hubin_union, dt.date(Y - 1, 8, 1))
    again = client.get(URL)
    assert tile(again, "proposals.submitted") == "提出合理化建议 3 条 较上年 +1（+50.0%）"
    assert tile(again, "proposals.benefit_wan") == "创造直接经济效益 20.00 万元 较上年 +20.00"
    assert tile(login("district_admin").get(URL), "proposals.submitted") == "提出合理化建议 5 条 较上年 +2（+66.7%）"


def test_a_decrease_reads_as_one_and_a_figure_as_it_stands_has_no_change(login, district, propose):
    propose(district.qingbo_employer, dt.date(Y - 1, 3, 1))
    propose(district.qingbo_employer, dt.date(Y - 1, 4, 1))
    propose(district.qingbo_employer, dt.date(Y, 4, 1))
    page = login("qingbo_admin").get(URL)
    assert tile(page, "proposals.submitted") == "提出合理化建议 1 条 较上年 -1（-50.0%）"
    assert 'class="chg down"' in re.search(r'<a [^>]*data-key="proposals.submitted">.*?</a>',
                                           page.content.decode(), re.S).group(0)
    # 张清波 and 李晓梅 are members of 4 workers in 清波: the register as it stands, no Y−1 of its own
    assert tile(page, "members.count") == "工会会员 2 人 按台账现状 · 2023年未定稿"
    assert tile(page, "members.rate") == "入会率 50.0 % 按台账现状 · 2023年未定稿"


def test_a_figure_as_it_stands_compares_with_last_years_filed_report(login, district, personas, propose):
    propose(district.qingbo_employer, dt.date(Y, 4, 1))
    from reporting.tests.flow import union_accepted

    union_accepted(personas, district, Y - 1)
    file_report(user=personas["qingbo_admin"], org=district.qingbo, year=Y - 1)  # 2 members of 4 then
    Worker.objects.filter(name="王建国").update(is_member=True)
    client = login("qingbo_admin")
    page = client.get(URL)
    assert tile(page, "members.count") == "工会会员 3 人 较上年定稿 +1（+50.0%）"
    assert tile(page, "members.rate") == "入会率 75.0 % 较上年定稿 +25.0个百分点"
    assert tile(page, "proposals.submitted") == "提出合理化建议 1 条 较上年 +1"
    filed_page = client.get(URL + f"?year={Y - 1}")
    assert f"{Y - 1}年报告已于" in text(filed_page.content.decode())
    # 湖滨 filed nothing: its page still says so
    hubin = login("hubin_admin").get(URL + f"?year={Y}")
    assert tile(hubin, "members.count") == "工会会员 2 人 按台账现状 · 2023年未定稿"


def test_each_figure_links_to_its_drill_down_for_the_year(login, proposals):
    client = login("qingbo_admin")
    page = client.get(URL)
    link = tile_link(page, "proposals.adopted")
    assert link == reverse("indicators:detail", args=["proposals.adopted"]) + f"?year={Y}"
    assert client.get(link).status_code == 200
    keys = re.findall(r'<a class="card tile"[^>]*data-key="([^"]+)"', page.content.decode())
    assert sorted(keys) == sorted(i.key for i in dashboard.INDICATORS), "every indicator has one tile"


def test_the_year_selector_opens_on_the_latest_year_held_and_shows_another(login, proposals):
    client = login("district_admin")
    page = client.get(URL)
    assert page.context["year"] == Y and page.context["years"] == [Y, Y - 1]
    earlier = client.get(URL + f"?year={Y - 1}")
    assert tile(earlier, "proposals.submitted") == "提出合理化建议 2 条 较上年 +2"
    for nonsense in ("abc", "0", "99999"):
        assert client.get(URL + f"?year={nonsense}").context["year"] == Y


def test_with_no_records_the_page_opens_on_this_year(login, district, today):
    page = login("qingbo_admin").get(URL)
    assert page.status_code == 200 and page.context["year"] == today.year
    assert tile(page, "proposals.submitted") == "提出合理化建议 0 条 与上年持平"


def test_the_breakdown_rows_are_the_users_children(login, district, proposals):
    district_page = login("district_admin").get(URL)
    rows = breakdown_rows(district_page)
    assert [row[0] for row in rows] == ["清波街道总工会", "湖滨街道总工会"]
    # columns: submitted, adopted, learning orgs, teams, knowledge workers, members, labour contracts signed
    assert rows == [["清波街道总工会", "3", "2", "0", "0", "0", "2", "3"],
                    ["湖滨街道总工会", "1", "1", "0", "0", "0", "2", "2"]]
    data = chart_data(district_page)
    assert data["breakdown"]["orgs"] == ["清波街道总工会", "湖滨街道总工会"]
    assert data["breakdown"]["series"][0]["data"] == [3, 1]

    qingbo_page = login("qingbo_admin").get(URL)
    # 清波示范企业工会 holds 清波示范科技's two proposals of Y, not the one of 清波未建会商店 (owned by the street)
    assert breakdown_rows(qingbo_page) == [["清波示范企业工会", "2", "2", "0", "0", "0", "2", "3"]]
    cell = re.search(r'<td class="num"><a href="([^"]+)">2</a>', qingbo_page.content.decode()).group(1)
    assert cell.replace("&amp;", "&") == (reverse("indicators:detail", args=["proposals.submitted"])
                                          + f"?year={Y}&org={district.qingbo_union.pk}")


def test_each_breakdown_figure_is_the_nodes_own_figure(login, district, personas, proposals, propose):
    """The grouped counts equal figure() over each node's scope, which its drill-down lists:
    records owned by the org itself, by a child, and deeper down."""
    def honour(unit, honour_type: str, year: int, revoked_year: int | None = None, **fields) -> None:
        fields = {"name": str(unit), **fields}
        record = Honour(honour_type=honour_type, level=Level.DISTRICT, year=year, revoked_year=revoked_year, **fields)
        record.set_unit(unit)
        record.save()

    propose(district.root, dt.date(Y, 2, 1), ProposalStatus.ADOPTED)
    propose(district.hubin, dt.date(Y, 2, 1))
    honour(district.qingbo_employer, HonourType.LEARNING_ORG, Y - 3)
    honour(district.qingbo, HonourType.LEARNING_ORG, Y)
    honour(district.hubin_employer, HonourType.LEARNING_ORG, Y - 1, revoked_year=Y)
    honour(district.hubin_union, HonourType.LEARNING_TEAM, Y)
    honour(district.root, HonourType.LEARNING_TEAM, Y)
    honour(district.qingbo_employer, HonourType.KNOWLEDGE_WORKER, Y, name="张清波",
           id_number=district.qingbo_worker.id_number)
    for username in ("district_admin", "qingbo_admin"):
        user = personas[username]
        page = login(username).get(URL)
        for child, cells in page.context["breakdown_rows"]:
            scope = Scope(Y, child.path, user)
            assert [value for _, value, _ in cells] == [figure(BY_KEY[key], scope) for key in dashboard.BREAKDOWN]
    rows = breakdown_rows(login("district_admin").get(URL))
    assert rows[0][:6] == ["清波街道总工会", "3", "2", "2", "0", "1"]
    assert rows[1][:6] == ["湖滨街道总工会", "2", "1", "0", "1", "0"]


def test_a_street_with_many_unions_costs_no_more_queries_than_one_with_few(
        login, district, proposals, django_assert_max_num_queries):
    client = login("qingbo_admin")
    client.get(URL)
    with django_assert_max_num_queries(QUERIES) as one:
        client.get(URL)
    for n in range(12):
        Org.objects.add_child(district.qingbo, instance=Org(name=f"清波第{n}工会", org_type=OrgType.GRASSROOTS))
    with django_assert_max_num_queries(QUERIES) as many:
        page = client.get(URL)
    assert len(breakdown_rows(page)) == 13
    assert len(many.captured_queries) == len(one.captured_queries)


def test_a_node_closed_by_the_end_of_the_year_leaves_the_breakdown(login, district, proposals):
    Org.objects.filter(pk=district.hubin.pk).update(closed_on=dt.date(Y, 12, 31))
    client = login("district_admin")
    assert [row[0] for row in breakdown_rows(client.get(URL))] == ["清波街道总工会"]
    assert [row[0] for row in breakdown_rows(client.get(URL + f"?year={Y - 1}"))] == ["清波街道总工会", "湖滨街道总工会"]


def test_an_org_without_children_says_so(login, proposals):
    page = login("union_admin").get(URL)
    assert page.status_code == 200 and page.context["breakdown_rows"] == []
    assert "清波示范企业工会没有下级组织" in text(page.content.decode())


def test_trends_hold_every_year_held_up_to_the_chosen_one(login, proposals):
    data = chart_data(login("district_admin").get(URL))
    proposals_trend = next(t for t in data["trends"] if t["title"] == "合理化建议")
    assert proposals_trend["years"] == [Y - 1, Y]
    assert [(s["key"], s["data"]) for s in proposals_trend["series"]] == [
        ("proposals.submitted", [2, 4]), ("proposals.adopted", [0, 3])]
    assert {t["title"] for t in data["trends"]} == {t.title for t in dashboard.TRENDS}


def test_whats_due_is_counted_by_kind(login, district, propose, today):
    propose(district.qingbo_employer, today - dt.timedelta(days=40), ProposalStatus.SUBMITTED)
    propose(district.hubin_employer, today - dt.timedelta(days=40), ProposalStatus.SUBMITTED)
    strip = re.search(r'<div class="card due-strip no-print">(.*?)</div>', login("qingbo_admin").get(URL).content.decode(), re.S)
    assert text(strip.group(1)) == "待办 1 项，已逾期 1 项 合理化建议待审核超过15天 1（逾期 1）"
    assert f'href="{reverse("todo:due-list")}?kind=%E5%90%88' in strip.group(1)


def test_echarts_is_served_from_the_repository(login, district):
    page = login("qingbo_admin").get(URL)
    srcs = [attrs["src"] for tag, attrs in parse(page).tags if tag == "script" and attrs.get("src")]
    assert "/static/vendor/echarts.min.js" in srcs and "/static/indicators/dashboard.js" in srcs
    assert all(src.startswith("/static/") for src in srcs), "no script from another site"
    template = Path(dashboard.__file__).parent / "templates" / "indicators" / "dashboard.html"
    assert "{% static 'vendor/echarts.min.js' %}" in template.read_text()
    found = Path(finders.find("vendor/echarts.min.js"))
    assert found.stat().st_size > 500_000 and "Apache Software Foundation" in found.read_text()[:2000]
    assert "Apache License" in (found.parent / "echarts.LICENSE.txt").read_text()
    versions = (found.parent / "VERSIONS").read_text()
    assert re.search(r"version: 5\.6\.0 \(echarts", versions)
    assert 't.version="5.6.0"' in found.read_text()
    served = serve(RequestFactory().get("/static/vendor/echarts.min.js"), "vendor/echarts.min.js", insecure=True)
    assert served.status_code == 200 and served["Content-Type"] in ("text/javascript", "application/javascript")


def test_no_inline_script_runs_without_the_nonce(login, proposals):
    page = login("district_admin").get(URL)
    policy = page.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    parsed = parse(page)
    for attrs, body in parsed.scripts:
        if attrs.get("src"):
            assert not body.strip()
        else:
            # the chart data travels as JSON, which a browser never runs
            assert attrs.get("type") == "application/json" or attrs.get("nonce") == nonce, attrs
    assert [attrs.get("nonce") for tag, attrs in parsed.tags if tag == "style"] == [nonce]
    assert not [attrs for tag, attrs in parsed.tags if "style" in attrs], "no style attributes (CSP)"
    assert not [attrs for tag, attrs in parsed.tags if any(name.startswith("on") for name in attrs)]


def test_the_print_stylesheet_hides_the_nav_and_fixes_the_chart_width(login, district):
    html = login("qingbo_admin").get(URL).content.decode()
    print_css = html[html.index("@media print"):html.index("</style>")]
    assert ".topbar" in print_css and "display:none" in print_css
    assert re.search(r"\.chart \{ width:680px", print_css)
    js = Path(finders.find("indicators/dashboard.js")).read_text()
    assert "const PRINT_WIDTH = 680" in js and "beforeprint" in js


@pytest.mark.parametrize("username, status", [
    ("qingbo_viewer", 200), ("district_auditor", 403), ("sysadmin", 403)])
def test_business_roles_reach_the_page_and_others_do_not(login, district, username, status):
    assert login(username).get(URL).status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in(client, district):
    page = client.get(URL)
    assert page.status_code == 302 and page.url.startswith(reverse("accounts:login"))


def test_queries_stay_within_bounds_as_records_grow(login, district, propose, django_assert_max_num_queries):
    client = login("district_admin")
    for n in range(3):
        propose(district.qingbo_employer, dt.date(Y - 2 + n, 3, 1))
    client.get(URL)  # caches filled once per process (content types) are not the page's
    with django_assert_max_num_queries(QUERIES) as few:
        client.get(URL)
    for n in range(30):
        propose(district.hubin_employer if n % 2 else district.qingbo_union, dt.date(Y - 2 + n % 3, 1 + n % 12, 1),
                ProposalStatus.ADOPTED if n % 3 else ProposalStatus.REJECTED)
    with django_assert_max_num_queries(QUERIES) as many:
        client.get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)
