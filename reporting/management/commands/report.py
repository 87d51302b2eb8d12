"""uniondesk report annual|check|file|accept|return|reopen|due|status|stats (SPEC §6, §8).

annual --year Y [--org NAME] --format json|docx|xlsx|pdf [-o FILE] [--date D]: the annual report.
check / file [--explain RULE=TEXT]... / accept|return|reopen --child NAME [--reason TEXT] /
due --date YYYY-MM-DD / status / stats -o FILE.xlsx: reporting up the tree (逐级上报). Each takes
--as USERNAME (the acting account; default the root with an admin's rights) and --org NAME (a
node in that account's subtree; default the account's node) and prints JSON with "year" and
"org" first; a refusal prints its reason in Chinese and exits with status 1.

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

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from indicators.documents import annual as documents
from indicators.models import FiledReport
from indicators.report import annual
from orgs.models import Org
from registers.management.commands._common import acting_user
from reporting import services, stats
from reporting.logic import check
from reporting.selectors import board

REPORTING = ("check", "file", "accept", "return", "reopen", "due", "status", "stats")

FILE_FORMATS = ("docx", "xlsx", "pdf")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD：{text}") from None


class Command(BaseCommand):
    help = (
        "生成年度报告：--format json 输出指标；docx / xlsx / pdf 生成工作总结文件（不加 -o 时写到标准输出，"
        "须重定向到文件）。Word 版式取自环境变量 REPORT_TEMPLATE 指定的 .docx 模板，未设置时用系统自带模板。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=["annual", *REPORTING])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--org", help="组织名称（annual 默认为根组织，其余默认为 --as 账号的组织）"
        )
        parser.add_argument(
            "--as", dest="username", help="以该账号的范围和权限执行；缺省为根组织的管理员"
        )
        parser.add_argument("--format", dest="fmt", choices=["json", *FILE_FORMATS], default="json")
        parser.add_argument("-o", "--output", help="输出文件（默认写到标准输出）")
        parser.add_argument(
            "--date",
            dest="on",
            type=_date,
            help="annual：落款日期 YYYY-MM-DD（默认为该年度定稿之日，未定稿的为当日）；due：下级上报截止日期",
        )
        parser.add_argument(
            "--explain", action="append", default=[], metavar="RULE=TEXT", help="file：提示的说明"
        )
        parser.add_argument("--child", help="accept / return / reopen：下级组织名称")
        parser.add_argument("--reason", default="", help="return / reopen：原因")

    def handle(
        self,
        *args: object,
        kind: str,
        year: int,
        org: str | None,
        fmt: str,
        output: str | None,
        on: dt.date | None = None,
        username: str | None = None,
        explain: list[str] | None = None,
        child: str | None = None,
        reason: str = "",
        **options: object,
    ) -> None:
        if kind in REPORTING:
            self._reporting(
                kind,
                year,
                org,
                username,
                output=output,
                on=on,
                explain=explain or [],
                child=child,
                reason=reason,
            )
            return
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

    def _document(
        self, year: int, org: Org | None, fmt: str, output: str | None, on: dt.date | None
    ) -> None:
        if not output and sys.stdout.isatty():
            raise CommandError(
                f"{fmt} 是二进制文件：请用 -o 指定输出文件，或把标准输出重定向到文件。"
            )
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

    # --- reporting up the tree (SPEC §8) ------------------------------------------------------------

    def _reporting(
        self,
        kind: str,
        year: int,
        name: str | None,
        username: str | None,
        *,
        output: str | None,
        on: dt.date | None,
        explain: list[str],
        child: str | None,
        reason: str,
    ) -> None:
        user = acting_user(username)
        org = self._node(user, name)
        head: dict[str, Any] = {"year": year, "org": org.name if org else None}
        try:
            result, failed = self._run(
                kind,
                year,
                user,
                org,
                on=on,
                explain=explain,
                child=child,
                reason=reason,
                output=output,
            )
        except (PermissionDenied, ValidationError) as refusal:
            raise CommandError("；".join(getattr(refusal, "messages", [str(refusal)]))) from refusal
        sys.stdout.write(json.dumps({**head, **result}, ensure_ascii=False, indent=2) + "\n")
        if failed:
            sys.exit(1)

    def _node(self, user: User, name: str | None) -> Org | None:
        if not name:
            return user.org
        found = Org.objects.visible_to(user).filter(name=name).first() if user.org else None
        if found is None:
            raise CommandError(f"在账号的范围内找不到名为“{name}”的组织")
        return found

    def _run(
        self,
        kind: str,
        year: int,
        user: User,
        org: Org | None,
        *,
        on: dt.date | None,
        explain: list[str],
        child: str | None,
        reason: str,
        output: str | None,
    ) -> tuple[dict[str, Any], bool]:
        if kind == "check":
            outcomes = check(org, year, user) if org else []
            if org is None:  # an empty database: every rule, nothing found
                from reporting.logic import Outcome, rules

                outcomes = [Outcome(rule, 0) for rule in rules()]
            return {
                "rules": [
                    {
                        "rule": o.rule.key,
                        "level": o.rule.level,
                        "count": o.count,
                        "message": o.message,
                    }
                    for o in outcomes
                ]
            }, any(o.blocks for o in outcomes)
        if kind == "status":
            if org is None:
                return {"due": None, "children": []}, False
            the_board = board(org, year)
            return {
                "due": the_board.due.due_on.isoformat() if the_board.due else None,
                "children": [
                    {
                        "org": row.org.name,
                        "state": row.state,
                        "filed_at": row.latest.filed_at.isoformat() if row.latest else None,
                        "version": row.latest.version if row.latest else None,
                        "explanations": row.latest.explanations if row.latest else {},
                        "reason": row.latest.reason if row.latest else "",
                    }
                    for row in the_board.rows
                ],
            }, False
        if kind == "stats":
            if not output:
                raise CommandError("请用 -o 指定输出的 .xlsx 文件")
            with open(output, "wb") as handle:
                handle.write(stats.workbook(org, year, user) if org else stats.empty_workbook(year))
            self.stderr.write(f"已写入 {output}")
            return (
                {
                    "file": output,
                    **{
                        k: v
                        for k, v in stats.as_json(org, year, user).items()
                        if k not in ("year", "org")
                    },
                }
                if org
                else {"file": output, "columns": [c.key for c, _ in stats.columns()], "rows": []}
            ), False
        if org is None:
            raise CommandError("数据库中还没有组织：请先导入组织")
        if kind == "file":
            explanations = {}
            for item in explain:
                key, sep, text = item.partition("=")
                if not sep or not text.strip():
                    raise CommandError(f"--explain 应写作 RULE=说明：{item}")
                explanations[key.strip()] = text
            return self._filing(
                services.filing_file(user=user, org=org, year=year, explanations=explanations)
            ), False
        if kind == "due":
            if on is None:
                raise CommandError("请用 --date YYYY-MM-DD 指定截止日期")
            due = services.filing_due_set(user=user, org=org, year=year, due_on=on)
            return {"due": due.due_on.isoformat()}, False
        if not child:
            raise CommandError("请用 --child 指定下级组织")
        below = Org.objects.get_children(org).filter(name=child).first()
        if below is None:
            raise CommandError(f"{org.name}没有名为“{child}”的直属下级")
        if kind == "accept":
            return {
                "child": child,
                **self._filing(services.filing_accept(user=user, child=below, year=year)),
            }, False
        move = services.filing_return if kind == "return" else services.filing_reopen
        return {
            "child": child,
            **self._filing(move(user=user, child=below, year=year, reason=reason)),
        }, False

    @staticmethod
    def _filing(version: FiledReport) -> dict[str, Any]:
        return {
            "state": version.state,
            "version": version.version,
            "filed_at": version.filed_at.isoformat(),
            "on_behalf": version.on_behalf,
            "explanations": version.explanations,
            "reason": version.reason,
        }
