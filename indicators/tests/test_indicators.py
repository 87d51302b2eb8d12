"""Indicators: SPEC §5's definitions, a figure equal to its drill-down, the subtree and the user's
scoping, and the JSON of `report annual` (SPEC §6)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import make_credit_code, make_id_number
from indicators.catalog import BY_KEY, INDICATORS, figure
from indicators.report import annual
from indicators.scope import Scope
from orgs.models import Employer, EmployerType
from workers.models import Worker


def worker(employer, seq: str, **fields) -> Worker:
    w = Worker(name="工人", id_number=make_id_number(born="19910101", seq=seq), employer=employer, node=employer.node,
               labour_contract=fields.pop("labour_contract", "已签订"), **fields)
    w.derive_from_id()
    w.save()
    return w


def test_labour_contracts_count_employed_workers_of_enterprises_only(district):
    institution = Employer.objects.create(name="清波社区卫生服务中心", credit_code=make_credit_code("12330102MB2B00009"),
                                          employer_type=EmployerType.INSTITUTION, street=district.qingbo,
                                          node=district.qingbo)
    worker(institution, "701")  # 事业单位: not counted
    worker(district.qingbo_employer, "702", status="离职")  # left: not counted
    scope = Scope(2025, district.qingbo.path)
    # the fixture: 清波 has 3 signed workers at its company and 1 unsigned at its shop
    assert figure(BY_KEY["labour_contracts.signed"], scope) == 3
    assert str(figure(BY_KEY["labour_contracts.rate"], scope)) == "75.0"


def test_a_rate_with_nothing_to_divide_is_null_in_the_json(district, capsys):
    Worker.objects.all().delete()
    call_command("report", "annual", "--year", "2025")
    body = json.loads(capsys.readouterr().out)
    assert body["year"] == 2025 and body["org"] == "上城区总工会"
    assert set(body["indicators"]) == {i.key for i in INDICATORS}
    assert body["indicators"]["labour_contracts.rate"] is None and body["indicators"]["members.count"] == 0


def test_the_json_of_a_street_counts_its_subtree(district, capsys):
    call_command("report", "annual", "--year", "2025", "--org", "湖滨街道总工会")
    body = json.loads(capsys.readouterr().out)
    assert body["org"] == "湖滨街道总工会" and body["indicators"]["members.count"] == 2
    assert annual(2025)["indicators"]["members.count"] == 4  # 清波 2 of its 4, 湖滨 2


def test_an_unknown_org_is_refused_in_chinese(district):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到名为“无此组织”的组织"):
        call_command("report", "annual", "--year", "2025", "--org", "无此组织")


@pytest.fixture
def honours(district):
    from honours.models import Honour

    def honour(name: str, year: int, revoked: int | None = None) -> Honour:
        return Honour.objects.create(honour_type="学习型组织", name=name, employer=district.qingbo_employer,
                                     unit_key=f"单位:{district.qingbo_employer.pk}", level="区级", year=year,
                                     revoked_year=revoked, node=district.qingbo_union)

    return [honour("甲", 2020), honour("乙", 2022, revoked=2024), honour("丙", 2026)]


def test_honours_in_force_at_year_end_and_the_drill_down_is_the_same_records(login, honours):
    client = login("qingbo_admin")
    page = client.get(reverse("indicators:detail", args=["honours.learning_orgs"]) + "?year=2024")
    assert page.context["value"] == 1 and page.context["page"].paginator.count == 1
    assert "甲" in page.content.decode() and "口径" in page.content.decode()
    earlier = client.get(reverse("indicators:detail", args=["honours.learning_orgs"]) + "?year=2023")
    assert earlier.context["value"] == earlier.context["page"].paginator.count == 2


def test_a_drill_down_gives_the_sample_summarys_sentence_as_the_samples_not_as_this_orgs(login, honours):
    """清波's 2024 page has its own figure; the sample summary's 341个 is shown as the sample's wording."""
    text = login("qingbo_admin").get(reverse("indicators:detail", args=["honours.learning_orgs"]) + "?year=2024").content.decode()
    sample = BY_KEY["honours.learning_orgs"].sample
    assert "对应年度总结中的表述" not in text
    assert f"年度总结范本中的写法（示例，不是本页的数字）：{sample}" in text


def test_the_list_shows_every_indicator_with_last_year_and_the_change(login, honours):
    page = login("qingbo_admin").get(reverse("indicators:list") + "?year=2023")
    rows = {row.indicator.key: (row.now, row.before, row.change) for row in page.context["rows"]}
    assert len(rows) == len(INDICATORS) and rows["honours.learning_orgs"] == (2, 2, 0)
    text = page.content.decode()
    assert BY_KEY["training.enterprises"].definition in text


def test_a_sibling_street_counts_none_of_qingbos_records(login, honours):
    page = login("hubin_admin").get(reverse("indicators:detail", args=["honours.learning_orgs"]) + "?year=2024")
    assert page.context["value"] == 0 and page.context["page"].paginator.count == 0
    # nor by asking for 清波's org: another subtree's org is not found, as any of its records
    from orgs.models import Org

    qingbo = Org.objects.get(name="清波街道总工会")
    for name in ("indicators:detail", "indicators:list"):
        args = ["honours.learning_orgs"] if name == "indicators:detail" else []
        assert login("hubin_admin").get(reverse(name, args=args) + f"?year=2024&org={qingbo.pk}").status_code == 404
    assert login("hubin_admin").get(reverse("registers:export", args=["honours"])
                                    + f"?indicator=honours.learning_orgs&year=2024&org={qingbo.pk}").status_code == 404


def test_a_year_out_of_range_is_the_default_year_not_a_server_error(login, district):
    from django.utils import timezone

    client = login("qingbo_admin")
    for year in ("99999", "-5", "1", "二〇二四", ""):
        page = client.get(reverse("indicators:list") + f"?year={year}")
        assert page.status_code == 200 and page.context["year"] == timezone.localdate().year - 1, year
    assert client.get(reverse("indicators:detail", args=["proposals.submitted"]) + "?year=99999").status_code == 200
    assert client.get(reverse("core:home") + "?year=99999").status_code == 200
    assert client.get(reverse("indicators:area", args=["quality"]) + "?year=-5").status_code == 200


def test_an_unknown_indicator_is_404(login, district):
    assert login("qingbo_admin").get(reverse("indicators:detail", args=["no.such"])).status_code == 404


def test_figures_drop_records_of_a_closed_org(district, honours):
    district.qingbo_union.closed_on = dt.date(2023, 6, 30)
    district.qingbo_union.save()
    assert figure(BY_KEY["honours.learning_orgs"], Scope(2022, district.root.path)) == 2
    assert figure(BY_KEY["honours.learning_orgs"], Scope(2023, district.root.path)) == 0


def test_filing_freezes_the_figures_and_later_views_show_what_changed(login, personas, district, honours):
    from honours.models import Honour
    from indicators.models import FiledReport
    from members.tests.helpers import member_of
    from reporting.services import filing_accept

    client = login("qingbo_admin")
    member_of(district, joined_on=dt.date(2024, 1, 1))  # a union without members is a 空壳工会 to explain
    assert login("union_admin").post(reverse("indicators:file"), {"year": 2024}).status_code == 302
    # the street files once its union's filing is received (SPEC §8)
    filing_accept(user=personas["qingbo_admin"], child=district.qingbo_union, year=2024)
    client = login("qingbo_admin")
    client.post(reverse("indicators:file"), {"year": 2024})
    filing = FiledReport.objects.get(org=district.qingbo, year=2024)
    assert filing.figures["honours.learning_orgs"] == 1 and len(filing.records_of("honours.learning_orgs")) == 1
    # two figures over the same courses keep one list of ids
    assert filing.records["training.person_times"] == "training.enterprises"
    assert filing.records_of("training.person_times") == filing.records_of("training.enterprises")
    # a record of 2024 arrives late
    Honour.objects.create(honour_type="学习型组织", name="丁", employer=district.qingbo_employer,
                          unit_key=f"单位:{district.qingbo_employer.pk}", level="区级", year=2024, node=district.qingbo_union)
    page = client.get(reverse("indicators:list") + "?year=2024")
    row = next(r for r in page.context["rows"] if r.indicator.key == "honours.learning_orgs")
    assert (row.now, row.filed, row.added, row.removed) == (2, 1, 1, 0)
    assert "已于" in page.content.decode() and "新增 1 · 移出 0" in page.content.decode()
    # the drill-down lists which records changed since the filing; one filed record is revoked later
    Honour.objects.filter(name="丁").update(name="丁组")
    first = Honour.objects.get(pk=filing.records_of("honours.learning_orgs")[0])
    Honour.objects.filter(pk=first.pk).update(revoked_year=2024)
    detail = client.get(reverse("indicators:detail", args=["honours.learning_orgs"]) + "?year=2024").content.decode()
    changed = detail[detail.index('id="changes"'):]
    assert "定稿后新计入的记录（1 条）" in changed and "丁组" in changed
    assert "定稿时计入、现在不再计入的记录（1 条）" in changed and first.name in changed
    again = client.post(reverse("indicators:file"), {"year": 2024}, follow=True)
    assert "已经上报" in again.content.decode()
    assert FiledReport.objects.filter(org=district.qingbo).count() == 1


def test_register_as_it_stands_figures_take_last_year_from_its_filing(login, personas, district):
    from reporting.tests.flow import union_accepted

    page = login("qingbo_admin").get(reverse("indicators:list") + "?year=2025")
    row = next(r for r in page.context["rows"] if r.indicator.key == "labour_contracts.signed")
    assert row.before is None  # 2024 not filed: shown as —
    union_accepted(personas, district, 2024)
    login("qingbo_admin").post(reverse("indicators:file"), {"year": 2024})
    page = login("qingbo_admin").get(reverse("indicators:list") + "?year=2025")
    row = next(r for r in page.context["rows"] if r.indicator.key == "labour_contracts.signed")
    assert (row.now, row.before, row.change) == (3, 3, 0)


def test_the_current_year_cannot_be_filed_nor_another_nodes(login, district):
    from django.utils import timezone

    from indicators.models import FiledReport

    client = login("qingbo_admin")
    client.post(reverse("indicators:file"), {"year": timezone.localdate().year})
    client.post(reverse("indicators:file"), {"year": 2024, "org": district.qingbo_union.pk})
    assert not FiledReport.objects.exists()
    assert login("qingbo_viewer").post(reverse("indicators:file"), {"year": 2024}).status_code == 403


def test_a_drill_down_exports_through_the_register_engine(login, honours):
    import io

    import openpyxl

    client = login("qingbo_admin")
    response = client.get(reverse("registers:export", args=["honours"]) + "?indicator=honours.learning_orgs&year=2024")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["甲"]


def test_a_closed_employer_takes_the_records_owned_through_it_out_of_the_year(district):
    from contests.models import Competition
    from training.models import Certificate

    employer = district.qingbo_employer
    Competition.objects.create(name="岗位练兵", year=2023, contest_type="劳动竞赛", level="基层", organisers=employer.name,
                               host_employer=employer, participants=40, node=employer.node)
    Certificate.objects.create(number="ZS-9", name=district.qingbo_worker.name, id_number=district.qingbo_worker.id_number,
                               title="电工", issued_on=dt.date(2023, 5, 1), worker=district.qingbo_worker, node=employer.node)
    scope = Scope(2023, district.root.path)
    assert figure(BY_KEY["competition.labour_participants"], scope) == 40
    assert figure(BY_KEY["certificates.people"], scope) == 1
    employer.closed_on = dt.date(2023, 6, 30)
    employer.save()
    assert figure(BY_KEY["competition.labour_participants"], scope) == 0
    assert figure(BY_KEY["certificates.people"], scope) == 0
    assert figure(BY_KEY["competition.labour_participants"], Scope(2022, district.root.path)) == 0  # held in 2023 only
