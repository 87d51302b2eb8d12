"""uniondesk report annual --year Y [--org NAME] --format json|docx|xlsx|pdf [-o FILE] [--date D] (SPEC §6).

json prints the indicators; docx, xlsx and pdf write the annual report (indicators/documents).
Without -o a file format goes to standard output as bytes, for a pipe or a redirect, and is
refused when standard output is a terminal. The DOCX takes its layout from the Word file that
REPORT_TEMPLATE names, else the shipped one (indicators/documents/template.py).
On a freshly migrated database (no org yet) json prints "org": null and every figure empty (counts
0, rates null); a document, which is written for an org, is refused with exit status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from indicators.documents import annual as documents
from indicators.report import annual
from orgs.models import Org

FILE_FORMATS = ("docx", "xlsx", "pdf")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD：{text}") from None


class Command(BaseCommand):
    help = ("生成年度报告：--format json 输出指标；docx / xlsx / pdf 生成工作总结文件（不加 -o 时写到标准输出，"
            "须重定向到文件）。Word 版式取自环境变量 REPORT_TEMPLATE 指定的 .docx 模板，未设置时用系统自带模板。")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=["annual"])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--org", help="组织名称（默认为根组织）")
        parser.add_argument("--format", dest="fmt", choices=["json", *FILE_FORMATS], default="json")
        parser.add_argument("-o", "--output", help="输出文件（默认写到标准输出）")
        parser.add_argument("--date", dest="on", type=_date,
                            help="落款日期 YYYY-MM-DD（默认为该年度定稿之日，未定稿的为当日）")

    def handle(self, *args: object, kind: str, year: int, org: str | None, fmt: str, output: str | None,
               on: dt.date | None = None, **options: object) -> None:
        chosen = None
        if org:
            chosen = Org.objects.filter(name=org).first()
            if chosen is None:
                raise CommandError(f"找不到名为“{org}”的组织")
        if fmt in FILE_FORMATS:
            self._document(year, chosen, fmt, output, on)
            return
        text = json.dumps(annual(year, chosen), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stderr.write(f"已写入 {output}")
        else:
            sys.stdout.write(text + "\n")

    def _document(self, year: int, org: Org | None, fmt: str, output: str | None, on: dt.date | None) -> None:
        if not output and sys.stdout.isatty():
            raise CommandError(f"{fmt} 是二进制文件：请用 -o 指定输出文件，或把标准输出重定向到文件。")
        try:
            content = documents.render(year, org, fmt, on=on)
        except ImproperlyConfigured as error:  # a REPORT_TEMPLATE that is not there
            raise CommandError(str(error)) from error
        if output:
            with open(output, "wb") as handle:
                handle.write(content)
            self.stderr.write(f"已写入 {output}")
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
