"""The printable 调解协议书: DOCX and PDF read back, who may download it, and the audit entry."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdf
import pypdfium2
import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from core.masking import mask_id_number
from mediation.agreement import agreement_docx, agreement_of, agreement_pdf
from mediation.models import Case, CaseStatus

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WORDS = "壹万零伍元伍角"


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def url(case: Case, fmt: str) -> str:
    return reverse("mediation:agreement", kwargs={"pk": case.pk, "fmt": fmt})


def test_the_docx_names_the_parties_the_terms_and_the_amount_in_words(district, succeeded_case):
    text = docx_text(agreement_docx(agreement_of(succeeded_case, reveal=True)))
    for expected in ("劳动争议调解协议书", "案件编号：2024劳调00007", "张清波", district.qingbo_worker.id_number,
                     "清波示范科技有限公司", district.qingbo_employer.credit_code, "清波示范科技有限公司劳动争议调解小组",
                     "拖欠其2023年10月至12月工资", "一、被申请单位于2024年3月31日前一次性支付申请人工资10,005.50元。",
                     f"人民币10,005.50元（大写：人民币{WORDS}）", "申请人（签名）", "被申请人（盖章）", "调解员（签名）",
                     "调解组织（盖章）：清波示范科技有限公司劳动争议调解小组", "2024年3月12日"):
        assert expected in text, expected


def test_the_pdf_says_the_same_and_its_chinese_renders(district, succeeded_case):
    content = agreement_pdf(agreement_of(succeeded_case, reveal=False))
    text = pdf_text(content).replace(" ", "")
    masked = mask_id_number(district.qingbo_worker.id_number)
    for expected in ("劳动争议调解协议书", "2024劳调00007", "张清波", masked, "清波示范科技有限公司",
                     district.qingbo_employer.credit_code, "10,005.50", WORDS, "调解员（签名）", "调解组织（盖章）"):
        assert expected in text, expected
    assert district.qingbo_worker.id_number not in text
    # the first page as a picture, for a person to look at (test-artifacts/ is not committed)
    page = pypdfium2.PdfDocument(content)[0]
    image = page.render(scale=1.5).to_pil()
    assert image.size[0] > 800
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / "mediation-agreement-page1.png")
    # glyphs, not empty boxes: every font in the file is the embedded WenQuanYi Zen Hei
    fonts = {str(font.get_object()["/BaseFont"]) for page in pypdf.PdfReader(io.BytesIO(content)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all(name.endswith(("Zen-Hei-Medium", "Zen-Hei-Bold")) for name in fonts), fonts


def test_an_imported_agreement_without_its_text_leaves_lines_to_fill_in(district, succeeded_case):
    Case.objects.filter(pk=succeeded_case.pk).update(matters="", terms="", agreed_amount=0)
    case = Case.objects.get(pk=succeeded_case.pk)
    text = docx_text(agreement_docx(agreement_of(case, reveal=True)))
    assert "（未录入）" in text and "人民币0.00元（大写：人民币零元整）" in text


def test_an_admin_downloads_both_formats_in_clear_and_each_is_audited_as_an_export(login, district, succeeded_case):
    client = login("union_admin")
    response = client.get(url(succeeded_case, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert district.qingbo_worker.id_number in docx_text(response.content)
    response = client.get(url(succeeded_case, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    entries = list(AuditEntry.objects.filter(action=Action.EXPORT).order_by("id"))
    assert [(e.username, e.object_type, e.object_id, e.detail) for e in entries] == [
        ("union_admin", "劳动争议调解协议书", str(succeeded_case.pk), {"格式": "DOCX", "脱敏": "否"}),
        ("union_admin", "劳动争议调解协议书", str(succeeded_case.pk), {"格式": "PDF", "脱敏": "否"}),
    ]


def test_a_viewer_gets_the_id_number_masked(login, district, succeeded_case):
    response = login("qingbo_viewer").get(url(succeeded_case, "docx"))
    text = docx_text(response.content)
    assert mask_id_number(district.qingbo_worker.id_number) in text and district.qingbo_worker.id_number not in text
    assert AuditEntry.objects.get(action=Action.EXPORT).detail["脱敏"] == "是"


@pytest.mark.parametrize("status", [CaseStatus.MEDIATING, CaseStatus.FAILED])
def test_a_case_without_agreement_is_refused_in_chinese(login, succeeded_case, status):
    Case.objects.filter(pk=succeeded_case.pk).update(status=status)
    response = login("qingbo_admin").get(url(succeeded_case, "pdf"))
    assert response.status_code == 409
    assert f"该案件状态为“{status}”，只有调解成功的案件才能生成调解协议书。" in response.content.decode()
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()


def test_a_sibling_street_gets_404(login, succeeded_case):
    assert login("hubin_admin").get(url(succeeded_case, "pdf")).status_code == 404


def test_an_unknown_format_has_no_url(succeeded_case):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        url(succeeded_case, "html")


def test_the_docx_keeps_its_closing_terms_signatures_seal_and_date_on_one_page_and_numbers_its_pages(
        district, succeeded_case):
    from docx.oxml.ns import qn

    from mediation.agreement import EFFECT

    document = docx.Document(io.BytesIO(agreement_docx(agreement_of(succeeded_case, reveal=True))))
    body = [child for child in document.element.body.iterchildren() if not child.tag.endswith("}sectPr")]
    block = docx.table.Table(body[-1], document)  # the last thing on the paper: one row that never splits
    assert len(block.rows) == 1 and block.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    text = block.rows[0].cells[0].text
    for expected in (EFFECT, "申请人（签名）", "调解员（签名）", "调解组织（盖章）：清波示范科技有限公司劳动争议调解小组",
                     "2024年3月12日"):
        assert expected in text, expected
    amount = docx.text.paragraph.Paragraph(body[-2], document)
    assert amount.text.startswith("人民币") and amount.paragraph_format.keep_with_next  # the block follows the terms
    footer = document.sections[0].footer.paragraphs[0]
    fields = [f.get(qn("w:instr")) for f in footer._p.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"] and footer.text.startswith("第 ")


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice is not installed")
def test_in_an_office_suite_the_seal_and_the_date_stay_with_the_terms(district, succeeded_case, tmp_path):
    """Long terms push the closing block over the page: it moves whole, with the amount, and the
    seal never stands alone on a page."""
    import subprocess

    succeeded_case.terms = "\n".join(f"{n}、被申请单位于2024年3月31日前一次性支付申请人工资10,005.50元。" for n in range(1, 13))
    source = tmp_path / "agreement.docx"
    source.write_bytes(agreement_docx(agreement_of(succeeded_case, reveal=True)))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],  # noqa: S603,S607
                   check=True, capture_output=True, timeout=240)
    pages = [page.extract_text().replace(" ", "") for page in pypdf.PdfReader(tmp_path / "agreement.pdf").pages]
    last = pages[-1]
    for expected in ("本协议书经双方当事人签名", "申请人（签名）", "调解组织（盖章）", "2024年3月12日", "人民币10,005.50元"):
        assert expected in last, expected
    assert all(f"第{n}页，共{len(pages)}页" in page for n, page in enumerate(pages, start=1))
