"""The annual report as DOCX, laid out by the Word template (template.py)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from .layout import KEEP_TOGETHER, Table, tables
from .template import open_template, style

if TYPE_CHECKING:
    from .content import Report


def _borders(table: Any) -> None:
    """Single lines around every cell, whatever table styles the office's template has."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    table._tbl.tblPr.append(borders)


def _link(paragraph: Any, run: Any, url: str) -> None:
    """Make the run a hyperlink to `url` (python-docx has no call for it); it prints as the text
    around it, so the filed report looks the same, and opens the drill-down on a click."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run._r.addprevious(hyperlink)
    hyperlink.append(run._r)


def _usable_width(section: Any) -> int:
    return section.page_width - section.left_margin - section.right_margin


def _usable_height(section: Any) -> int:
    return section.page_height - section.top_margin - section.bottom_margin


def _row_flags(row: Any, *, header: bool) -> None:
    """A row is never split over two pages; the header row repeats on each page the table runs to."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)


def _no_wrap(cell: Any) -> None:
    """A number stays on one line (a narrow column would break it digit by digit)."""
    from docx.oxml import OxmlElement

    cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))


def _table(document: Any, spec: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.add_paragraph(spec.caption, style=style(document, "Caption"))
    text_style = style(document, "Table Text")
    table = document.add_table(rows=1 + len(spec.rows), cols=len(spec.headers))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    total = _usable_width(document.sections[-1])
    widths = [int(total * w / sum(spec.widths)) for w in spec.widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    last = len(spec.rows)
    keep = last <= KEEP_TOGETHER
    header = [(text, "") for text in spec.headers]
    for r, (row, values) in enumerate(zip(table.rows, [header, *spec.cells()], strict=True)):
        _row_flags(row, header=r == 0)
        for c, (cell, (value, link)) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[c]
            if r and c in spec.numeric:
                _no_wrap(cell)
            paragraph = cell.paragraphs[0]
            paragraph._p.style = text_style.style_id  # by id: python-docx's lookup by name is slow
            run = paragraph.add_run(value)
            run.bold = r == 0 or (spec.total and r == last)
            if link:
                _link(paragraph, run, link)
            if keep and r < last:
                paragraph.paragraph_format.keep_with_next = True  # a short table stays on one page
            if r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif c in spec.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if spec.note:
        document.add_paragraph(spec.note, style=text_style)


def _new_section(document: Any, *, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    previous = document.sections[-1]
    portrait = min(previous.page_width, previous.page_height), max(previous.page_width, previous.page_height)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # the letterhead is for the first page only
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = portrait[1], portrait[0]
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.6)
    else:
        first = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = portrait
        section.left_margin, section.right_margin = first.left_margin, first.right_margin
        section.top_margin, section.bottom_margin = first.top_margin, first.bottom_margin


def to_docx(report: Report) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Cm

    document = open_template(org=report.org, year=report.year)
    document.add_paragraph(report.title, style=style(document, "Title"))
    body = style(document, "Body Text")
    for section in report.sections:
        document.add_paragraph(section.heading, style=style(document, "Heading 1"))
        for text in section.paragraphs:
            document.add_paragraph(text, style=body)
        for part in section.parts:
            document.add_paragraph(part.heading, style=style(document, "Heading 2"))
            for text in part.paragraphs:
                document.add_paragraph(text, style=body)
    for text in (report.org, f"{report.generated_on.year}年{report.generated_on.month}月{report.generated_on.day}日"):
        signature = document.add_paragraph(text, style=style(document, "Normal"))
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page = document.sections[-1]
    for chart in report.charts:
        # the picture fits the page with its caption under it (图题在下)
        width = min(_usable_width(page), Cm(16))
        height = int(width * chart.height / chart.width)
        if height > _usable_height(page) - Cm(2.5):
            height = _usable_height(page) - Cm(2.5)
            width = int(height * chart.width / chart.height)
        picture = document.add_paragraph(style=style(document, "Normal"))
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # an exact line height (公文 body) would crop the picture to one line
        picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        picture.paragraph_format.first_line_indent = 0
        picture.paragraph_format.keep_with_next = True
        picture.paragraph_format.space_before = Cm(0.4)
        picture.add_run().add_picture(io.BytesIO(chart.png), width=width, height=height)
        document.add_paragraph(chart.title, style=style(document, "Caption")).paragraph_format.keep_with_next = False
    landscape = None
    for spec in tables(report):
        if spec.wide != landscape:
            _new_section(document, landscape=spec.wide)
            landscape = spec.wide
        _table(document, spec)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
