"""The Word template that gives the annual report its layout: page margins, heading and body
styles, and the letterhead (版头) of the first page.

An office uses its own letterhead by pointing `REPORT_TEMPLATE` (a Django setting, or the
environment variable of that name) at a .docx of its own; without it the shipped
`indicators/templates/indicators/report.docx` is used. The report keeps the template's sections,
headers, footers and styles and replaces its body, so any text in the template's body is
dropped. In the headers and footers, "{单位}" is replaced by the reporting organisation's name
and "{年度}" by the year. The report uses these paragraph styles where the template has them
(Normal otherwise): Title, Heading 1, Heading 2, Body Text, Caption, Table Text.

The shipped template follows GB/T 9704 (党政机关公文格式) and is rebuilt by
`write_shipped_template()`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SHIPPED = Path(__file__).resolve().parents[1] / "templates" / "indicators" / "report.docx"
PLACEHOLDERS = ("{单位}", "{年度}")
RED = "C00000"


def template_path() -> Path:
    """REPORT_TEMPLATE when set (it must exist: a mistyped path should not pass silently),
    else the shipped template."""
    chosen = getattr(settings, "REPORT_TEMPLATE", "") or os.environ.get("REPORT_TEMPLATE", "")
    if not chosen:
        return SHIPPED
    path = Path(chosen).expanduser()
    if not path.is_file():
        raise ImproperlyConfigured(f"REPORT_TEMPLATE 指向的文件不存在：{path}")
    return path


def open_template(*, org: str, year: int) -> Any:
    """The template as a python-docx Document with an empty body and its placeholders filled."""
    from docx import Document

    document = Document(str(template_path()))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):  # the last section's page setup stays
            body.remove(child)
    _chinese(document)
    values = {"{单位}": org, "{年度}": str(year)}
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if part.is_linked_to_previous:
                continue
            for paragraph in part.paragraphs:
                _fill(paragraph, values)
    return document


def _chinese(document: Any) -> None:
    """The text is Chinese (zh-CN as its East Asian language): Word and LibreOffice then set “” and
    other punctuation full-width, as a Chinese document has them."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run = defaults.find(qn("w:rPrDefault"))
    if run is None:
        run = OxmlElement("w:rPrDefault")
        defaults.insert(0, run)
    properties = run.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _fill(paragraph: Any, values: dict[str, str]) -> None:
    text = paragraph.text
    if not any(key in text for key in values):
        return
    for key, value in values.items():
        text = text.replace(key, value)
    # Word may split a placeholder over several runs: the first run takes the whole text and
    # keeps its formatting
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def style(document: Any, name: str) -> Any:
    """The template's style of that name, or Normal when an office template lacks it."""
    try:
        return document.styles[name]
    except KeyError:
        return document.styles["Normal"]


# --- the shipped template -----------------------------------------------------------------------

def _fonts(target: Any, *, east_asia: str, size: float, bold: bool = False, latin: str = "Times New Roman") -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    target.font.name, target.font.size, target.font.bold = latin, Pt(size), bold
    target.font.color.rgb = RGBColor(0, 0, 0)
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    # the theme fonts of python-docx's default template would override the names above
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


#: the faces the shipped template names, with the name of the face a system without them should
#: look for (w:altName) and its kind (serif "roman", sans "swiss"), so an office suite substitutes
#: a 宋 face for 仿宋 and a 黑 face for 黑体 rather than whatever it has
FONTS = (
    ("仿宋_GB2312", "仿宋", "roman", "02010609030101010101"),
    ("仿宋", "FangSong", "roman", "02010609060101010101"),
    ("楷体_GB2312", "楷体", "roman", "02010609030101010101"),
    ("楷体", "KaiTi", "roman", "02010609060101010101"),
    ("宋体", "SimSun", "roman", "02010600030101010101"),
    ("黑体", "SimHei", "swiss", "02010609060101010101"),
    ("方正小标宋简体", "宋体", "roman", "02000000000000000000"),
)


def _font_table(document: Any) -> None:
    """Declare FONTS in the document's font table (python-docx's default lists only Latin faces)."""
    from lxml import etree

    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    ns = root.nsmap["w"]

    def w(tag: str) -> str:
        return f"{{{ns}}}{tag}"

    for name, alternative, family, panose in FONTS:
        for old in root.findall(w("font")):
            if old.get(w("name")) == name:
                root.remove(old)
        font = etree.SubElement(root, w("font"), {w("name"): name})
        etree.SubElement(font, w("altName"), {w("val"): alternative})
        etree.SubElement(font, w("panose1"), {w("val"): panose})
        etree.SubElement(font, w("charset"), {w("val"): "86"})  # GB2312
        etree.SubElement(font, w("family"), {w("val"): family})
        etree.SubElement(font, w("pitch"), {w("val"): "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _bottom_border(paragraph: Any, *, color: str, size: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "4"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _page_number(paragraph: Any) -> None:
    """— 1 — centred, as a PAGE field Word fills in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


def write_shipped_template(path: Path = SHIPPED) -> None:
    """Build the shipped template: A4, 公文 margins (上37 下35 左28 右26 mm), 仿宋 三号 body on a
    28-point line, 黑体 and 楷体 headings, a red letterhead on the first page, "— 1 —" page numbers."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance, section.footer_distance = Cm(1.5), Cm(2.0)
    styles = document.styles

    def line(target: Any, points: float, *, indent: bool = False, before: float = 0, after: float = 0) -> None:
        fmt = target.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(points)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.first_line_indent = Pt(32) if indent else Pt(0)

    normal = styles["Normal"]
    _fonts(normal, east_asia="仿宋_GB2312", size=16)
    line(normal, 28)
    body = styles["Body Text"]
    _fonts(body, east_asia="仿宋_GB2312", size=16)
    line(body, 28, indent=True)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    title = styles["Title"]
    _fonts(title, east_asia="方正小标宋简体", size=22, latin="Times New Roman")
    line(title, 36, before=12, after=18)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.element.get_or_add_pPr()  # python-docx's Title has a blue rule under it: drop it
    for border in title.element.pPr.findall(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"):
        title.element.pPr.remove(border)
    for name, face in (("Heading 1", "黑体"), ("Heading 2", "楷体_GB2312")):
        heading = styles[name]
        _fonts(heading, east_asia=face, size=16, bold=False)
        line(heading, 28, indent=True, before=6)
        heading.paragraph_format.keep_with_next = True
    caption = styles["Caption"]
    _fonts(caption, east_asia="黑体", size=12)
    line(caption, 20, before=12, after=6)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    _fonts(table_text, east_asia="宋体", size=10.5)
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    table_text.paragraph_format.first_line_indent = Pt(0)

    section.different_first_page_header_footer = True
    letterhead = section.first_page_header.paragraphs[0]
    letterhead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = letterhead.add_run("{单位}")
    _fonts(run, east_asia="方正小标宋简体", size=26, bold=True)
    run.font.color.rgb = RGBColor.from_string(RED)
    _bottom_border(letterhead, color=RED, size=18)
    for footer in (section.footer, section.first_page_footer):
        number = footer.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number(number)
        for part in number.runs:
            _fonts(part, east_asia="宋体", size=14)
    _chinese(document)
    _font_table(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
