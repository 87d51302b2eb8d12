"""The annual report as DOCX, XLSX and PDF: every figure of the JSON in the tables, the narrative
in the sample's register and only from the records, the office's own letterhead, and the
numbers written as Chinese offices write them."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pypdf
import pypdfium2
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import make_id_number
from indicators.catalog import BY_KEY, INDICATORS
from indicators.documents.annual import build, to_docx, to_pdf, to_xlsx
from indicators.documents.chinese_numbers import approx_wan, count_cn, more_than, percent, plain
from indicators.documents.content import shown
from indicators.documents.layout import extras_kept
from indicators.documents.template import SHIPPED, open_template
from indicators.report import annual

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
Y = 2025


# --- numbers as the sample writes them ------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (23064, "2.3万"), (10000, "1万"), (23950, "2.4万"), (123456, "12.3万"), (9876, "9876"),
])
def test_approx_wan(value, expected):
    assert approx_wan(value) == expected


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (3916.4, "万元", "3900多万元"), (83, "", "80多"), (467, "", "460多"), (80, "", "80"),
    (Decimal("3900.00"), "万元", "3900万元"), (7, "个", "7个"), (100.5, "", "100多"),
])
def test_more_than_cuts_down_and_says_so(value, unit, expected):
    assert more_than(value, unit=unit) == expected


@pytest.mark.parametrize(("n", "expected"), [
    (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (100, "一百"), (105, "一百零五"),
    (110, "一百一十"), (1001, "一千零一"), (0, "零"),
])
def test_count_cn(n, expected):
    assert count_cn(n) == expected


def test_percent_and_plain_figures():
    assert percent(Decimal("96.1")) == "96.1%"
    assert percent(96.0) == "96.0%"
    assert plain(57422) == "57422" and plain(Decimal("3841.03")) == "3841.03" and plain(3841.0) == "3841"


# --- a small district with a year of records --------------------------------------------------------

@pytest.fixture
def records(district):
    """One or two records in most registers for 2025: seven joint meetings held since 2019, a skill
    competition with items and awards, a contract covering 23,064 workers, proposals worth
    3,916.40万元, assistance and an inspection whose deadline has passed; no tripartite meeting, no
    mediation organisation or case."""
    from assistance.models import Application
    from contests.models import Competition, Entry
    from contracts.importing import set_parties
    from contracts.models import Contract, Instructor
    from honours.models import Facility
    from meetings.models import Meeting
    from proposals.models import Proposal
    from supervision.models import Inspection
    from training.models import Course

    root, qingbo, hubin = district.root, district.qingbo, district.hubin
    for session, year in enumerate(range(2019, 2026), start=1):
        Meeting.objects.create(meeting_type="政府与工会联席会议", session=session, held_on=dt.date(year, 4, 10),
                               convener_org=root, node=root, topics="通报全区劳动关系情况",
                               documents="《关于加强劳动关系协调工作的意见》" if year == Y else "")
    skill = Competition.objects.create(name="上城区职工技能大赛", year=Y, contest_type="技能竞赛", level="区级",
                                       organisers="上城区总工会", host_org=root, node=root)
    for seq, (category, item, award) in enumerate([("服务类", "中式烹调", "一等奖"), ("服务类", "中式烹调", "二等奖"),
                                                   ("服务类", "茶艺", "三等奖"), ("制造类", "电工", "一等奖")]):
        Entry.objects.create(competition=skill, category=category, item=item, name=f"选手{seq}",
                             id_number=make_id_number(born="19920101", seq=f"8{seq}1"), award=award, node=root)
    Competition.objects.create(name="清波街道劳动竞赛", year=Y, contest_type="劳动竞赛", level="街道",
                               organisers="清波街道总工会", host_org=qingbo, participants=120, node=qingbo)
    Course.objects.create(name="清波示范科技电工培训", category="技术培训", organisers="清波示范科技有限公司",
                          start_date=dt.date(Y, 5, 6), person_times=40, host_employer=district.qingbo_employer,
                          node=district.qingbo_union)
    Course.objects.create(name="茶艺师免费培训", category="免费培训", organisers="上城区总工会",
                          start_date=dt.date(Y, 3, 1), person_times=30, host_org=root, node=root)
    for number, status, benefit in (("JY2025-1", "已采纳", "3000.00"), ("JY2025-2", "已实施", "916.40"),
                                    ("JY2025-3", "已提交", None)):
        Proposal.objects.create(number=number, title="建议", proposer="张清波", employer=district.qingbo_employer,
                                submitted_on=dt.date(Y, 2, 1), status=status, node=district.qingbo_union,
                                adopted_on=dt.date(Y, 3, 1) if benefit else None,
                                benefit=Decimal(benefit) if benefit else None)
    Proposal.objects.create(number="JY2024-1", title="建议", proposer="张清波", employer=district.qingbo_employer,
                            submitted_on=dt.date(Y - 1, 5, 1), node=district.qingbo_union)
    Facility.objects.create(facility_type="职工书屋", name="清波示范科技职工书屋", level="省级", built_on=dt.date(2020, 1, 1),
                            employer=district.qingbo_employer, unit_key=f"单位:{district.qingbo_employer.pk}",
                            node=district.qingbo_union)
    contract = Contract.objects.create(
        number="JT2025-0001", contract_type="综合性集体合同", signing_mode="新签",
        party_codes=district.qingbo_employer.credit_code, signed_on=dt.date(Y, 3, 1), term_years=3,
        expires_on=dt.date(Y + 3, 3, 1), covered_workers=23064, node=district.qingbo_union)
    set_parties({contract.pk: (district.qingbo_employer.pk,)})
    Instructor.objects.create(name="钱指导", id_number=make_id_number(born="19750305", seq="341"),
                              appointed_on=dt.date(2024, 1, 1), node=root)
    Application.objects.create(number="JZ2025-1", applicant="张清波", id_number=district.qingbo_worker.id_number,
                               kind="职工急难救助", applied_on=dt.date(Y, 5, 1), status="已发放",
                               approved_amount=Decimal("5000.00"), paid_on=dt.date(Y, 6, 1), node=district.qingbo_union)
    Application.objects.create(number="JZ2025-2", applicant="陈湖滨", id_number=district.hubin_worker.id_number,
                               kind="金秋助学", applied_on=dt.date(Y, 7, 1), status="不予救助", node=district.hubin_union)
    Inspection.objects.create(number="JC2025-1", inspected_on=dt.date(Y, 6, 1), employer=district.hubin_employer,
                              supervisor_org=hubin, matters="劳动合同；工资支付", findings="两人未签劳动合同",
                              deadline=dt.date(Y, 8, 1), result="整改中", node=district.hubin_union)
    return district


def docx_paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def narrative(content: bytes, org: str = "上城区总工会") -> str:
    """The summary's text: from the title to the signature (the org's name on its own line)."""
    paragraphs = docx_paragraphs(content)
    return "\n".join(paragraphs[1:paragraphs.index(org, 1)])


def docx_table(content: bytes, caption_start: str) -> list[list[str]]:
    """The rows of the table whose caption starts so (captions are paragraphs before tables)."""
    document = docx.Document(io.BytesIO(content))
    body = document.element.body
    caption = ""
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            caption = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
        elif child.tag.endswith("}tbl") and caption.startswith(caption_start):
            table = docx.table.Table(child, document)
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"no table captioned {caption_start}")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


# --- the DOCX ---------------------------------------------------------------------------------------

def test_the_docx_has_the_title_the_sample_sections_and_every_json_figure(records):
    content = to_docx(build(Y))
    paragraphs = docx_paragraphs(content)
    assert "上城区总工会2025年工会工作总结" in paragraphs
    headings = [p for p in paragraphs if re.match(r"^[一二三四五六七八九十]、|^（[一二三四]）", p)]
    assert headings == ["一、职工素质建设", "二、劳动关系协调与维权", "（一）联席会议", "（二）三方协调与集体协商",
                        "（三）劳动法律监督", "三、帮扶救助", "四、法律监督检查"]
    rows = {row[0].rstrip("*"): row for row in docx_table(content, "附表1")}
    figures = annual(Y)["indicators"]
    assert len(figures) == len(INDICATORS)
    for key, value in figures.items():
        indicator = BY_KEY[key]
        assert rows[indicator.label][1:3] == [indicator.unit, shown(value, indicator.unit)], key
    assert rows["集体合同受益职工"][2:] == ["23064", "0", "+23064"]
    assert rows["创造直接经济效益"][2:] == ["3916.40", "0.00", "+3916.40"]
    # as the register stands: 2024 was never filed, so its figure is not made up
    assert rows["工会会员"][2:] == ["4", "—", "—"] and rows["入会率"][2] == "66.7"


def test_a_figure_of_the_register_as_it_stands_takes_last_year_from_its_filing(records):
    from django.utils import timezone

    from indicators.models import FiledReport

    FiledReport.objects.create(org=records.root, year=Y - 1, filed_at=timezone.now(), figures={"members.count": 3},
                               records={})
    rows = {row[0].rstrip("*"): row for row in docx_table(to_docx(build(Y)), "附表1")}
    assert rows["工会会员"][2:] == ["4", "3", "+1"]
    assert rows["入会率"][2:] == ["66.7", "—", "—"]  # not in that filing


def test_the_narrative_writes_the_figures_as_the_sample_does(records):
    text = narrative(to_docx(build(Y)))
    for sentence in (
        "2025年，全区组织和参加各类竞赛2项，其中劳动竞赛1项、技能竞赛1项。",
        "“上城区职工技能大赛”设制造类、服务类等两大类三个项目，4名职工参赛，评出一等奖2名、二等奖1名、三等奖1名。",
        "2025年，全区有1家企业组织技术培训40人次，120名职工参加劳动竞赛活动，4人次参与各类技能比武；"
        "提出合理化建议3条，已采纳2条。通过合理化建议活动共创造直接经济效益3900多万元。",
        "到2025年底，全区已建成职工书屋1个，其中清波示范科技职工书屋被命名为省级“职工书屋”。",
        "全区开展职工免费培训，2025年已经开展了茶艺师1个项目30人次的培训活动。",
        "全区建立了政府与工会联席会议制度，自2019年召开第一次联席会议以来，至2025年底已召开七次。"
        "2025年召开的第七次联席会议研究了通报全区劳动关系情况议题，形成了《关于加强劳动关系协调工作的意见》。",
        "聘任了1位同志组成企业工资集体协商指导员队伍",
        "2025年，全区有1家单位新（续）签集体合同和专项集体协议，累计1家单位签订的集体合同和工资集体协议在有效期内，"
        "受益职工2.3万名。",
        "目前，全区企业与职工（5人）签订了劳动合同，占应签人数的83.3%。",
        "2025年，全区受理帮扶救助申请2件，其中职工急难救助1件、金秋助学1件；全年发放救助1件，发放救助金0.50万元；"
        "经审核不予救助1件。",
        "2025年，全区工会劳动法律监督组织开展劳动法律监督检查1次，涉及1家单位，检查事项包括劳动合同1次、工资支付1次。"
        "发现问题1项，截至目前逾期未整改1项。",
    ):
        assert sentence in text, sentence


def test_a_mechanism_without_records_gets_no_sentence(records):
    text = narrative(to_docx(build(Y)))
    # no tripartite meeting, mediation organisation or case in the registers
    assert "三方协调会议制度" not in text and "调解" not in text and "矛盾调处" not in text
    assert "已整改" not in text  # the one finding is still 整改中


def test_an_empty_year_is_a_report_with_tables_and_no_claims(district):
    content = to_docx(build(2019))
    assert docx_paragraphs(content)[0] == "上城区总工会2019年工会工作总结"
    # only the figures of the register as it stands (the workers' labour contracts) have anything to say
    text = narrative(content)
    headings = [p for p in text.splitlines() if re.match(r"^[一二三四五六七八九十]、|^（[一二三四]）", p)]
    assert headings == ["一、劳动关系协调与维权", "（一）劳动法律监督"]
    assert "目前，全区企业与职工（5人）签订了劳动合同，占应签人数的83.3%。" in text
    assert not any(word in text for word in ("竞赛", "联席会议", "帮扶救助", "监督检查", "调解"))
    assert docx_table(content, "附表1")[1][2] == "0"
    assert build(2019).charts == []  # nothing but zeros to draw


def test_the_docx_breaks_the_figures_down_by_street_and_lists_meetings_and_competitions(records):
    content = to_docx(build(Y))
    # the streets as rows, the indicators as columns, over as many tables as the columns take
    parts = [docx_table(content, f"附表3-{n}") for n in (1, 2)]
    assert all([row[0] for row in part] == ["名称", "清波街道", "湖滨街道"] for part in parts)
    columns = {header: [row[c] for row in part[1:]] for part in parts for c, header in enumerate(part[0])}
    assert columns["工会会员（人）"] == ["2", "2"] and columns["提出合理化建议（条）"] == ["3", "0"]
    assert "区级劳动争议调解委员会（个）" not in columns  # 0 in every street
    meetings = docx_table(content, "附表4")
    assert meetings[1] == ["4月10日", "政府与工会联席会议第7次", "上城区总工会", "通报全区劳动关系情况",
                           "《关于加强劳动关系协调工作的意见》"]
    competitions = docx_table(content, "附表5 ")
    assert competitions[1] == ["上城区职工技能大赛", "技能竞赛", "区级", "4", "4", "3", "4"]
    assert competitions[2] == ["清波街道劳动竞赛", "劳动竞赛", "街道", "120", "120", "—", "—"]
    awards = docx_table(content, "附表5-1")
    assert awards[0] == ["大类", "项目", "参赛人次", "一等奖", "二等奖", "三等奖", "获奖合计"]
    assert ["服务类", "中式烹调", "2", "1", "1", "0", "2"] in awards and awards[-1] == ["合计", "", "4", "2", "1", "1", "4"]


def test_the_docx_embeds_the_charts_as_pictures(records):
    report = build(Y)
    assert [c.title for c in report.charts] == ["图1 2025年各街道主要指标", "图2 2024—2025年主要指标变化"]
    assert all(c.png.startswith(b"\x89PNG") for c in report.charts)
    document = docx.Document(io.BytesIO(to_docx(report)))
    assert len(document.inline_shapes) == 2
    ARTIFACTS.mkdir(exist_ok=True)
    for number, chart in enumerate(report.charts, start=1):
        (ARTIFACTS / f"annual-report-chart{number}.png").write_bytes(chart.png)


def test_a_street_reports_its_own_subtree_broken_down_by_its_unions(records, personas):
    qingbo = records.qingbo
    report = build(Y, qingbo, user=personas["qingbo_admin"])
    assert report.title == "清波街道总工会2025年工会工作总结" and report.area == "全街道"
    assert [name for name, _ in report.parts] == ["清波示范企业工会"]
    figures = report.figures
    assert figures["members.count"] == 2 and figures["supervision.inspections"] == 0  # 湖滨's inspection
    assert figures["assistance.applications"] == 1
    text = narrative(to_docx(report), "清波街道总工会")
    assert "湖滨" not in text and "法律监督检查" not in text


def test_a_competitions_own_quotation_marks_turn_single_inside_the_narratives_quotes(records, personas):
    """A name with “” of its own (清波街道“建功新时代”劳动竞赛) is quoted as Chinese nests quotes."""
    from contests.models import Competition, Entry

    quoted = Competition.objects.create(name="清波街道“建功新时代”劳动竞赛", year=Y, contest_type="劳动竞赛", level="街道",
                                        organisers="清波街道总工会", host_org=records.qingbo, node=records.qingbo)
    for seq, item in enumerate(["岗位练兵", "节能降耗", "岗位练兵"]):
        Entry.objects.create(competition=quoted, item=item, name=f"职工{seq}", award="优秀奖",
                             id_number=make_id_number(born="19900101", seq=f"7{seq}1"), node=records.qingbo)
    text = narrative(to_docx(build(Y, records.qingbo, user=personas["qingbo_admin"])), "清波街道总工会")
    assert "“清波街道‘建功新时代’劳动竞赛”设" in text
    assert "““" not in text and "“清波街道“" not in text


# --- the template -------------------------------------------------------------------------------------

def test_the_shipped_template_gives_the_letterhead_margins_and_styles(district):
    document = open_template(org="上城区总工会", year=Y)
    section = document.sections[0]
    assert section.first_page_header.paragraphs[0].text == "上城区总工会"
    assert round(section.top_margin.cm, 1) == 3.7 and round(section.left_margin.cm, 1) == 2.8
    for name in ("Title", "Heading 1", "Heading 2", "Body Text", "Caption", "Table Text"):
        assert document.styles[name] is not None
    assert document.paragraphs == []  # the body is the report's


def test_the_shipped_template_is_rebuilt_by_its_builder(tmp_path):
    from indicators.documents.template import write_shipped_template

    write_shipped_template(tmp_path / "report.docx")
    rebuilt, shipped = docx.Document(str(tmp_path / "report.docx")), docx.Document(str(SHIPPED))
    assert sorted(s.name for s in rebuilt.styles) == sorted(s.name for s in shipped.styles)
    assert rebuilt.sections[0].first_page_header.paragraphs[0].text == "{单位}"


def test_an_office_uses_its_own_letterhead_through_report_template(records, tmp_path, monkeypatch):
    own = docx.Document(str(SHIPPED))
    header = own.sections[0].first_page_header.paragraphs[0]
    header.runs[0].text = "{单位}办公室文件（{年度}）"
    own.add_paragraph("模板正文，不应出现在报告里")
    path = tmp_path / "letterhead.docx"
    own.save(str(path))
    monkeypatch.setenv("REPORT_TEMPLATE", str(path))
    out = tmp_path / "r.docx"
    call_command("report", "annual", "--year", str(Y), "--format", "docx", "-o", str(out))
    document = docx.Document(str(out))
    assert document.sections[0].first_page_header.paragraphs[0].text == "上城区总工会办公室文件（2025）"
    assert "模板正文，不应出现在报告里" not in [p.text for p in document.paragraphs]
    monkeypatch.setenv("REPORT_TEMPLATE", str(tmp_path / "missing.docx"))
    with pytest.raises(CommandError, match="REPORT_TEMPLATE"):
        call_command("report", "annual", "--year", str(Y), "--format", "docx", "-o", str(out))


# --- XLSX ------------------------------------------------------------------------------------------------

def test_every_figure_of_each_format_links_to_the_records_it_counted(records, district, settings):
    """Issue: each figure in every report links to its drill-down (the page listing its records)."""
    settings.SITE_URL = "https://gh.example.gov.cn"
    report = build(Y)
    drill = "https://gh.example.gov.cn/indicators/{key}/?year=2025&org={org}"
    expected = drill.format(key="proposals.submitted", org=district.root.pk)
    # DOCX: the figure's cell is a hyperlink (its relationship holds the address)
    document = docx.Document(io.BytesIO(to_docx(report)))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert expected in targets
    assert drill.format(key="proposals.submitted", org=district.qingbo.pk) in targets  # the street's cell
    assert all(url.startswith("https://gh.example.gov.cn/indicators/") for url in targets)
    # the §5 figures and the table of 帮扶救助, 法律监督检查 and 调解 alike (the mechanisms it keeps)
    kept = extras_kept(report)
    assert kept
    assert len([url for url in targets if f"org={district.root.pk}" in url]) == len(INDICATORS) + len(kept)
    # PDF: a link annotation on the figure
    links = [annotation.get_object()["/A"]["/URI"] for page in pypdf.PdfReader(io.BytesIO(to_pdf(report))).pages
             for annotation in page.get("/Annots", [])]
    assert expected in links
    # XLSX: a 明细 column beside the number, which stays a number
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))["指标"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "提出合理化建议")
    assert row[7].hyperlink.target == expected and row[7].value == "查看记录" and isinstance(row[1].value, int)
    # without an address there is nothing to link to
    assert build(Y, site="").drill_url("proposals.submitted") == ""


def test_the_xlsx_has_a_sheet_of_indicators_and_one_per_breakdown(records):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(build(Y))))
    assert book.sheetnames == ["指标", "街道", "逐年", "会议", "竞赛", "竞赛项目"]
    sheet = list(book["指标"].values)
    assert sheet[0][0] == "上城区总工会2025年主要指标"
    assert sheet[1] == ("指标", "2025年", "单位", "2024年", "增减", "口径", "按台账现状", "明细")
    rows = {row[0]: row for row in sheet[2:]}
    for key, value in annual(Y)["indicators"].items():
        label = BY_KEY[key].label
        assert rows[label][1] == value, key
        assert rows[label][2] == BY_KEY[key].unit
    assert rows["创造直接经济效益"][3:5] == (0, 3916.4)
    assert rows["工会会员"][3:5] == (None, None) and rows["工会会员"][6] == "是"
    assert rows["发放救助金"][1] == 0.5 and "2025年" in rows["组织技术培训的企业"][5]
    parts = list(book["街道"].values)
    assert parts[1][:2] == ("名称", "组织技术培训的企业（家）")
    members = parts[1].index("工会会员（人）")
    assert [(r[0], r[members]) for r in parts[2:]] == [("清波街道", 2), ("湖滨街道", 2)]
    years = list(book["逐年"].values)
    assert years[1][0] == "年度" and years[-1][0] == 2025
    items = list(book["竞赛项目"].values)
    assert ("上城区职工技能大赛", "服务类", "中式烹调", 2, 2, "一等奖1名、二等奖1名") in items


# --- PDF ---------------------------------------------------------------------------------------------------

def test_the_pdf_says_what_the_docx_says_in_rendered_chinese(records):
    report = build(Y)
    content = to_pdf(report)
    text = pdf_text(content)
    flat = re.sub(r"\s+", "", text)
    assert "上城区总工会2025年工会工作总结" in flat
    for heading in ("一、职工素质建设", "（一）联席会议", "四、法律监督检查", "附表1", "附表3", "图1", "图2"):
        assert heading in flat, heading
    for row in report.rows:
        printed = row.label + ("*" if row.as_stands else "") + row.unit + row.shown + row.shown_previous + row.shown_change
        assert printed in flat, printed
    assert "受益职工2.3万名" in flat and "直接经济效益3900多万元" in flat and "已召开七次" in flat
    # glyphs, not empty boxes: every font in the file is an embedded Noto CJK SC face
    fonts = {str(font.get_object()["/BaseFont"]) for page in pypdf.PdfReader(io.BytesIO(content)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Noto-S" in name and "CJK-SC" in name for name in fonts), fonts
    pdf = pypdfium2.PdfDocument(content)
    sizes = {tuple(round(v) for v in pdf[i].get_size()) for i in range(len(pdf))}
    assert sizes == {(595, 842), (842, 595)}  # A4, the wide tables across
    # the first page as a picture, for a person to look at (test-artifacts/ is not committed)
    ARTIFACTS.mkdir(exist_ok=True)
    image = pdf[0].render(scale=1.5).to_pil()
    assert image.size[0] > 800
    image.save(ARTIFACTS / "annual-report-page1.png")


# --- the command ----------------------------------------------------------------------------------------------

def test_the_command_writes_each_format_to_a_file(records, tmp_path):
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        out = tmp_path / f"r.{fmt}"
        call_command("report", "annual", "--year", str(Y), "--org", "清波街道总工会", "--format", fmt, "-o", str(out))
        assert out.read_bytes().startswith(magic), fmt
    assert "清波街道总工会2025年工会工作总结" in docx_paragraphs((tmp_path / "r.docx").read_bytes())


def test_without_o_a_file_format_goes_to_standard_output_as_bytes(records, capsysbinary):
    call_command("report", "annual", "--year", str(Y), "--format", "xlsx")
    body = capsysbinary.readouterr().out
    assert body.startswith(b"PK")
    assert openpyxl.load_workbook(io.BytesIO(body)).sheetnames[0] == "指标"


def test_a_file_format_is_not_poured_onto_a_terminal(records, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(CommandError, match="请用 -o 指定输出文件"):
        call_command("report", "annual", "--year", str(Y), "--format", "pdf")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_docx_opens_in_libreoffice(records, tmp_path):
    """What Word users see, as near as this machine gets: the DOCX converted by LibreOffice."""
    import subprocess

    source = tmp_path / "report.docx"
    source.write_bytes(to_docx(build(Y)))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],  # noqa: S603,S607
                   check=True, capture_output=True, timeout=240)
    content = (tmp_path / "report.pdf").read_bytes()
    assert "上城区总工会2025年工会工作总结" in re.sub(r"\s+", "", pdf_text(content))
    ARTIFACTS.mkdir(exist_ok=True)
    pypdfium2.PdfDocument(content)[0].render(scale=1.5).to_pil().save(ARTIFACTS / "annual-report-docx-page1.png")
