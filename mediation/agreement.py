"""The printable 劳动争议调解协议书 of a 调解成功 case, as DOCX (python-docx) and PDF (WeasyPrint).

Both are built from one `Agreement`, so the two files always say the same thing. The PDF is
rendered from an HTML template with the WenQuanYi Zen Hei font that Debian's fonts-wqy-zenhei
installs; the DOCX names common Chinese fonts and leaves the choice to Word.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from core.masking import mask_id_number

from .models import Case, CaseStatus

FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
TITLE = "劳动争议调解协议书"
NOT_ENTERED = "（未录入）"
EFFECT = (
    "本协议书经双方当事人签名或者盖章，调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力，"
    "当事人应当履行（《中华人民共和国劳动争议调解仲裁法》第十四条）。"
    "因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成调解协议，用人单位在协议约定期限内不履行的，"
    "劳动者可以持本调解协议书依法向人民法院申请支付令（同法第十六条）。"
)
COPIES = "本协议书一式三份，双方当事人和调解组织各执一份。"


# --- amounts in Chinese capital numerals (大写) ------------------------------------------------

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def yuan_in_words(amount: Decimal | int) -> str:
    """An amount in 元 as written on a Chinese voucher: 16409.02 → 壹万陆仟肆佰零玖元零贰分.

    Follows the People's Bank rules for 大写 amounts: 壹拾 keeps its 壹; one 零 stands for a run
    of zeros inside the number (none for zeros just before 万, 亿 or 元, which the rules leave
    optional); 元 is followed by 零 when 角 is 0 but 分 is not; 整 closes an amount with no 角 or 分."""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount < 0:
        raise ValueError("金额不能为负数")
    cents = int(amount * 100)
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    if yuan >= 10**16:
        raise ValueError("金额过大")
    out = ""
    if yuan:
        digits = str(yuan)
        zero_pending = False
        for i, char in enumerate(digits):
            position = len(digits) - 1 - i  # 0 = the 元 digit
            digit = int(char)
            if digit == 0:
                zero_pending = True
            else:
                if zero_pending:
                    out += "零"
                    zero_pending = False
                out += _DIGITS[digit] + _SMALL_UNITS[position % 4]
            if position % 4 == 0 and position > 0 and int(digits[max(0, i - 3):i + 1]):
                # 万 / 亿 after a group that is not all zeros; zeros at the end of that group are
                # not read (壹拾万柒仟), zeros at the head of the next one are (贰拾万零叁佰)
                out += _BIG_UNITS[position // 4]
                zero_pending = False
        out += "元"
    if not jiao and not fen:
        return (out or "零元") + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return out


def yuan_in_figures(amount: Decimal) -> str:
    return f"{amount:,.2f}"


# --- the agreement ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Agreement:
    number: str
    applicant: str
    applicant_id_number: str  # masked unless the reader may reveal personal data
    respondent: str
    respondent_code: str  # the employer's 统一社会信用代码; "" for an org
    mediation_org: str
    dispute_type: str
    matters: str
    terms: str
    amount: Decimal
    amount_figures: str
    amount_words: str
    applied_on: dt.date
    signed_on: dt.date
    masked: bool

    @property
    def date_text(self) -> str:
        return f"{self.signed_on.year}年{self.signed_on.month}月{self.signed_on.day}日"

    @property
    def amount_text(self) -> str:
        return f"人民币{self.amount_figures}元（大写：人民币{self.amount_words}）"

    @property
    def matter_lines(self) -> list[str]:
        return _lines(self.matters)

    @property
    def term_lines(self) -> list[str]:
        return _lines(self.terms)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()] or [NOT_ENTERED]


def agreement_of(case: Case, *, reveal: bool) -> Agreement:
    """The agreement of a 调解成功 case; refused in Chinese for any other state."""
    if case.status != CaseStatus.SUCCEEDED:
        raise ValidationError(f"该案件状态为“{case.status}”，只有调解成功的案件才能生成调解协议书。")
    respondent = case.respondent
    amount = case.agreed_amount if case.agreed_amount is not None else Decimal(0)
    number = case.applicant_id_number or ""
    return Agreement(
        number=case.number, applicant=case.applicant,
        applicant_id_number=(number if reveal else mask_id_number(number)) or NOT_ENTERED,
        respondent=str(respondent) if respondent is not None else "",
        respondent_code=getattr(respondent, "credit_code", ""),
        mediation_org=case.mediation_org.name, dispute_type=case.dispute_type,
        matters=case.matters, terms=case.terms, amount=amount, amount_figures=yuan_in_figures(amount),
        amount_words=yuan_in_words(amount), applied_on=case.applied_on, signed_on=case.closed_on or case.applied_on,
        masked=not reveal and bool(number),
    )


def _parties(agreement: Agreement) -> list[tuple[str, str]]:
    rows = [
        ("申请人", agreement.applicant),
        ("申请人身份证号", agreement.applicant_id_number),
        ("被申请人（用人单位）", agreement.respondent),
    ]
    if agreement.respondent_code:
        rows.append(("统一社会信用代码", agreement.respondent_code))
    rows += [("调解组织", agreement.mediation_org), ("争议类型", agreement.dispute_type),
             ("申请日期", f"{agreement.applied_on.year}年{agreement.applied_on.month}月{agreement.applied_on.day}日")]
    return rows


SIGNATURES = (
    ("申请人（签名）", "日期"),
    ("被申请人（盖章）", "法定代表人/委托代理人（签名）"),
    ("调解员（签名）", "日期"),
)


def _page_numbers(paragraph: Any) -> None:
    """第 N 页，共 M 页, centred in the footer, as the PDF prints it (PAGE and NUMPAGES fields)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("第 ", "PAGE"), (" 页，共 ", "NUMPAGES"), (" 页", "")):
        paragraph.add_run(text)
        if field:
            simple = OxmlElement("w:fldSimple")
            simple.set(qn("w:instr"), field)
            run = OxmlElement("w:r")
            number = OxmlElement("w:t")
            number.text = "1"
            run.append(number)
            simple.append(run)
            paragraph._p.append(simple)


def agreement_docx(agreement: Agreement) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    section.left_margin = section.right_margin = Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "SimSun", Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    normal.paragraph_format.space_after = Pt(4)

    def paragraph(text: str = "", *, bold: bool = False, size: int | None = None, align: int | None = None):
        p = document.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        return p

    paragraph(TITLE, bold=True, size=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(f"案件编号：{agreement.number}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, value in _parties(agreement):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].width, cells[1].width = Cm(4.5), Cm(11.3)
    paragraph()
    paragraph("争议事项", bold=True)
    for line in agreement.matter_lines:
        paragraph(line)
    paragraph("经调解，双方当事人自愿达成如下协议：", bold=True)
    for line in agreement.term_lines:
        paragraph(line)
    paragraph("协议金额", bold=True).paragraph_format.keep_with_next = True
    paragraph(agreement.amount_text).paragraph_format.keep_with_next = True
    # the closing terms, the signatures, the seal and the date are one block that never splits over
    # two pages (a table row that cannot split: office suites honour it where a chain of
    # keep-with-next paragraphs is not always kept)
    block = document.add_table(rows=1, cols=1)
    block.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cell = block.rows[0].cells[0]
    cell.paragraphs[0].add_run(EFFECT)
    cell.add_paragraph(COPIES)
    for left, right in SIGNATURES:
        line = cell.add_paragraph(f"{left}：____________\t{right}：____________")
        line.paragraph_format.tab_stops.add_tab_stop(Cm(8.2))
        line.paragraph_format.space_before = Pt(14)
    for text in ("", f"调解组织（盖章）：{agreement.mediation_org}", agreement.date_text):
        cell.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _page_numbers(section.footer.paragraphs[0])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def agreement_html(agreement: Agreement) -> str:
    return render_to_string("mediation/agreement.html", {
        "a": agreement, "title": TITLE, "parties": _parties(agreement), "signatures": SIGNATURES,
        "effect": EFFECT, "copies": COPIES, "font_url": FONT_FILE.as_uri() if FONT_FILE.exists() else "",
    })


def agreement_pdf(agreement: Agreement) -> bytes:
    from weasyprint import HTML

    return HTML(string=agreement_html(agreement)).write_pdf()
