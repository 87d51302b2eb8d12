"""The annual report's documents as they come out on paper, for every level: a district, a street
of many grassroots unions and a grassroots union each get a report whose pictures and tables fit
the page, whose tables hold something, whose captions and sentences name its own children, and
whose fonts, date and print setup are those of a filed Chinese document."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import docx
import openpyxl
import pypdf
import pytest
from django.core.management import call_command
from docx.oxml.ns import qn
from docx.shared import Cm

from indicators.documents.annual import build, to_docx, to_pdf, to_xlsx

Y = 2025
UNIONS = 30  # grassroots unions under 清波: more than a chart or a page's width holds one by one
MIN_COLUMN = Cm(1.5)  # narrower and a header prints one character a line


@pytest.fixture
def many(district):
    """清波 with UNIONS grassroots unions, each of whose employers hosted a 技术培训 course and
    received proposals in Y (a different number each); 清波's own street mediation committee and a
    街道三方协调会议; a 湖滨 inspection; no assistance or mediation case anywhere."""
    from conftest import make_credit_code
    from mediation.models import MediationOrg
    from meetings.models import Meeting
    from orgs.models import Employer, EmployerType, Org, OrgType
    from proposals.models import Proposal
    from supervision.models import Inspection
    from training.models import Course

    qingbo = district.qingbo
    for i in range(UNIONS):
        union = Org.objects.add_child(qingbo, instance=Org(name=f"杭州清波第{i + 1:02d}精密机械制造有限公司工会",
                                                           org_type=OrgType.GRASSROOTS))
        employer = Employer.objects.create(
            name=f"杭州清波第{i + 1:02d}精密机械制造有限公司", credit_code=make_credit_code(f"91330102MA2C{i:05d}"),
            employer_type=EmployerType.ENTERPRISE, street=qingbo, union=union, node=union, headcount=10)
        Course.objects.create(name=f"第{i + 1}期电工培训", category="技术培训", organisers=employer.name,
                              start_date=dt.date(Y, 5, 6), person_times=10 + i, host_employer=employer, node=union)
        for n in range(i % 4):
            Proposal.objects.create(number=f"JY{Y}-{i}-{n}", title="建议", proposer="张三", employer=employer,
                                    submitted_on=dt.date(Y, 2, 1), node=union)
    MediationOrg.objects.create(name="清波街道劳动争议调解委员会", level="街道调解委员会", org=qingbo,
                                founded_on=dt.date(2020, 1, 1), node=qingbo)
    Meeting.objects.create(meeting_type="街道三方协调会议", session=1, held_on=dt.date(Y, 6, 1), convener_org=qingbo,
                           node=qingbo, topics="通报街道劳动关系情况")
    Inspection.objects.create(number=f"JC{Y}-1", inspected_on=dt.date(Y, 6, 1), employer=district.hubin_employer,
                              supervisor_org=district.hubin, matters="劳动合同", findings="",
                              deadline=dt.date(Y, 8, 1), result="已整改", node=district.hubin_union)
    return district


# --- reading the DOCX as laid out -------------------------------------------------------------------

def captioned_tables(document) -> list[tuple[str, object]]:
    """(caption, table) for each table, the caption being the paragraph before it."""
    out, caption = [], ""
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            caption = "".join(t.text or "" for t in child.iter(qn("w:t")))
        elif child.tag.endswith("}tbl"):
            out.append((caption, docx.table.Table(child, document)))
    return out


def section_of(document, element):
    """The section an element of the body lies in (its sectPr is the next one in the body)."""
    sections = document.sections
    index = 0
    for child in document.element.body.iterchildren():
        if child is element:
            return sections[index]
        if child.tag.endswith("}p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1
    raise AssertionError("not in the body")


def assert_fits_the_page(content: bytes) -> None:
    """No picture taller or wider than the printable area; no table wider than it, none with a
    column too narrow to read, every row kept whole and a long table's header repeated; no table
    of figures that holds nothing but zeros."""
    document = docx.Document(io.BytesIO(content))
    for shape in document.inline_shapes:
        paragraph = shape._inline.getparent().getparent().getparent()
        section = section_of(document, paragraph)
        assert shape.height <= section.page_height - section.top_margin - section.bottom_margin - Cm(1.5)
        assert shape.width <= section.page_width - section.left_margin - section.right_margin
    for caption, table in captioned_tables(document):
        section = section_of(document, table._tbl)
        usable = section.page_width - section.left_margin - section.right_margin
        widths = [column.width for column in table.columns]
        assert sum(widths) <= usable + Cm(0.1), caption
        assert min(widths) >= MIN_COLUMN, (caption, min(widths))
        rows = table.rows
        assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, caption
        figures = [cell.text for row in rows[1:] for cell in row.cells[1:] if re.fullmatch(r"[-+]?\d+(\.\d+)?", cell.text)]
        if figures:
            assert any(float(figure) for figure in figures), f"{caption}: nothing but zeros"


def narrative(content: bytes, org: str) -> str:
    paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    return "\n".join(paragraphs[1:paragraphs.index(org, 1)])


# --- every level fits the page ------------------------------------------------------------------------

def test_a_street_of_many_unions_gets_a_report_that_fits_the_page(many):
    report = build(Y, many.qingbo)
    assert len(report.parts) == UNIONS + 1
    content = to_docx(report)
    assert_fits_the_page(content)
    captions = [caption for caption, _ in captioned_tables(docx.Document(io.BytesIO(content)))]
    breakdown = [c for c in captions if "各基层工会主要指标" in c]
    assert breakdown and all(re.match(r"附表\d+(-\d+)? 2025年各基层工会主要指标", c) for c in breakdown)
    assert not any("街道（系统）" in c for c in captions)
    # the unions are rows: every one of them is in the first column of each part
    document = docx.Document(io.BytesIO(content))
    for caption, table in captioned_tables(document):
        if caption in breakdown:
            names = [row.cells[0].text for row in table.rows[1:]]
            assert len(names) == UNIONS + 1 and "杭州清波第30精密机械制造有限公司工会" in names
    # the chart: the ten largest and the others together, not a bar per union
    assert report.charts[0].title == "图1 2025年各基层工会主要指标（每项前10位及其余合计）"
    assert report.charts[0].height <= 9


def test_a_district_and_a_grassroots_union_get_reports_that_fit_the_page(many):
    district_report = build(Y)
    assert_fits_the_page(to_docx(district_report))
    assert district_report.charts[0].title == "图1 2025年各街道主要指标"
    from orgs.models import Org

    union = build(Y, Org.objects.get(pk=many.qingbo_union.pk))  # its path moved as the unions sorted in
    content = to_docx(union)
    assert_fits_the_page(content)
    assert union.parts == [] and not any("各" in c.title for c in union.charts)
    assert "目前，本单位与职工（3人）签订了劳动合同，占应签人数的100.0%。" in narrative(content, "清波示范企业工会")


def test_a_street_speaks_of_itself_and_a_district_of_its_streets(many):
    street = narrative(to_docx(build(Y, many.qingbo)), "清波街道总工会")
    assert "本街道成立了劳动争议调解委员会" in street and "1个街道" not in street
    assert "2025年，全街道召开街道三方协调会议1次。" in street and "各街道和区域" not in street
    district = narrative(to_docx(build(Y)), "上城区总工会")
    assert "1个街道成立了劳动争议调解委员会" in district
    assert "2025年各街道和区域共召开街道三方协调会议1次。" in district


# --- what the tables leave out ------------------------------------------------------------------------------

def test_a_mechanism_without_records_is_left_out_of_the_tables(many):
    document = docx.Document(io.BytesIO(to_docx(build(Y))))
    tables = dict(captioned_tables(document))
    assert "附表2 2025年法律监督检查情况" in tables  # no assistance or mediation case, in 2025 or 2024
    labels = [row.cells[0].text for row in tables["附表2 2025年法律监督检查情况"].rows[1:]]
    assert labels == ["劳动法律监督检查", "被检查单位", "发现问题", "已整改", "整改逾期*"]
    assert not any("帮扶救助" in caption or "调解" in caption for caption in tables)
    # a year with none of the three: no 附表2 at all, the breakdown comes second
    empty = dict(captioned_tables(docx.Document(io.BytesIO(to_docx(build(2019))))))
    assert not any("监督检查" in caption for caption in empty)


def test_the_trend_starts_at_the_first_year_with_something_to_draw(many):
    from training.models import Course

    # a 免费培训 course in 2022 is a record of the course register, but no charted figure counts it
    Course.objects.create(name="茶艺师免费培训", category="免费培训", organisers="上城区总工会",
                          start_date=dt.date(2022, 3, 1), person_times=30, host_org=many.root, node=many.root)
    report = build(Y)
    assert report.trend[0][0] == Y and report.charts[-1].title != "图2 2022—2025年主要指标变化"


# --- the date, the typography, the fonts ---------------------------------------------------------------------

def test_the_report_is_dated_the_day_it_was_filed_or_the_day_asked_for(many, tmp_path):
    from django.utils import timezone

    from indicators.models import FiledReport

    FiledReport.objects.create(org=many.root, year=Y, filed_at=dt.datetime(Y + 1, 1, 15, 2, tzinfo=dt.UTC),
                               figures={}, records={})
    assert build(Y).generated_on == dt.date(Y + 1, 1, 15)
    assert build(Y, many.qingbo).generated_on == timezone.localdate()  # 清波 has not filed
    out = tmp_path / "r.docx"
    call_command("report", "annual", "--year", str(Y), "--format", "docx", "--date", f"{Y + 1}-02-03", "-o", str(out))
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert f"{Y + 1}年2月3日" in paragraphs


def test_the_docx_is_typeset_as_chinese_with_fallback_faces(many):
    document = docx.Document(io.BytesIO(to_docx(build(Y))))
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"  # “” full-width, as Chinese text sets them
    font_table = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    text = font_table.blob.decode("utf-8")
    for face, alternative in (("仿宋_GB2312", "仿宋"), ("仿宋", "FangSong"), ("楷体_GB2312", "楷体"), ("楷体", "KaiTi"),
                              ("宋体", "SimSun"), ("黑体", "SimHei")):
        assert re.search(f'w:name="{face}"><w:altName w:val="{alternative}"', text), face
    # a figure's caption under it, a table's above it
    body = list(document.element.body.iterchildren())
    for i, child in enumerate(body):
        if child.find(f".//{qn('w:drawing')}") is not None:
            after = "".join(t.text or "" for t in body[i + 1].iter(qn("w:t")))
            assert after.startswith("图"), after


def test_the_pdf_sets_the_body_in_a_serif_and_prints_no_note_about_clicking(many):
    content = to_pdf(build(Y))
    fonts = {str(font.get_object()["/BaseFont"]) for page in pypdf.PdfReader(io.BytesIO(content)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("Noto-Serif-CJK-SC" in name for name in fonts) and any("Noto-Sans-CJK-SC" in name for name in fonts)
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages))
    assert "点击" not in text and "2025年各街道主要指标" in text


# --- the XLSX --------------------------------------------------------------------------------------------------

def test_the_xlsx_names_the_org_prints_landscape_and_has_meetings_and_competitions(many):
    from contests.models import Competition
    from meetings.models import Meeting

    Meeting.objects.create(meeting_type="政府与工会联席会议", session=1, held_on=dt.date(Y, 4, 10),
                           convener_org=many.root, node=many.root, topics="通报全区劳动关系情况")
    Competition.objects.create(name="上城区职工技能大赛", year=Y, contest_type="技能竞赛", level="区级",
                               organisers="上城区总工会", host_org=many.root, participants=40, node=many.root)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(build(Y))))
    assert book.sheetnames == ["指标", "街道", "逐年", "会议", "竞赛"]
    for sheet in book.worksheets:
        assert str(sheet["A1"].value).startswith("上城区总工会"), sheet.title
        # one page wide (1 is the default, left unwritten), as many long as it takes
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth in (None, 1)
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$2"
        assert not any("." in str(cell.value) and re.fullmatch(r"[a-z_]+\.[a-z_.]+", str(cell.value))
                       for row in sheet.iter_rows() for cell in row), sheet.title  # no internal keys
    # headers and long 口径 wrapped in rows tall enough to show them, not cut to one line
    indicators = book["指标"]
    assert all(sheet.row_dimensions[2].height >= 30 for sheet in book.worksheets)
    longest = max(range(3, indicators.max_row + 1), key=lambda r: len(str(indicators.cell(r, 6).value or "")))
    assert indicators.row_dimensions[longest].height >= 30
    figures = {row[0]: row for row in book["指标"].iter_rows(min_row=3, values_only=True)}
    assert figures["提出合理化建议"][1] == sum(i % 4 for i in range(UNIONS))
    assert figures["创造直接经济效益"][1] == float(Decimal("0.00"))
    streets = list(book["街道"].iter_rows(min_row=2, values_only=True))
    assert streets[0][:2] == ("名称", "组织技术培训的企业（家）") and [r[0] for r in streets[1:]] == ["清波街道", "湖滨街道"]
    assert list(book["会议"].iter_rows(min_row=3, values_only=True))[0][1:4] == (
        "政府与工会联席会议第1次", "上城区总工会", "通报全区劳动关系情况")
    assert list(book["竞赛"].iter_rows(min_row=3, values_only=True))[0][:5] == (
        "上城区职工技能大赛", "技能竞赛", "区级", "上城区总工会", 40)
