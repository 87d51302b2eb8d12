"""The annual report as PDF: the DOCX's content rendered by WeasyPrint from
indicators/templates/indicators/report_pdf.html in Noto Serif CJK SC (body, title) and Noto Sans
CJK SC (headings, captions) from Debian's fonts-noto-cjk, WenQuanYi Zen Hei where they are
missing; charts as data: URIs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from .layout import KEEP_TOGETHER, tables

if TYPE_CHECKING:
    from .content import Report

FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def to_html(report: Report) -> str:
    day = report.generated_on
    return render_to_string("indicators/report_pdf.html", {
        "report": report, "tables": tables(report), "charts": report.charts,
        "signed_on": f"{day.year}年{day.month}月{day.day}日",
        "font_url": FONT_FILE.as_uri() if FONT_FILE.exists() else "", "keep_together": KEEP_TOGETHER,
    })


def to_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(report)).write_pdf()
