"""uniondesk radar [--org NAME] [--as USERNAME] [--date YYYY-MM-DD] (SPEC §9).

Prints JSON: [{"employer", "credit_code", "level", "score", "signals": [{"signal", "count",
"weight"}]}], the employers with a score above 0, highest first (ties by credit code). --as runs
with that account's subtree and rights (without it, the root's); --org narrows to an org of that
subtree. A refusal is a sentence in Chinese and exit status 1; an empty database prints [].
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from orgs.models import Org
from radar.selectors import open_employers, radar
from registers.management.commands._common import acting_user


class Command(BaseCommand):
    help = "风险雷达：按评估日列出得分大于 0 的单位及其信号（JSON），得分高的在前"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--org", help="组织名称（默认为账号所在组织的全部范围）")
        parser.add_argument("--as", dest="username", help="以该账号的范围和权限查看；缺省为根组织")
        parser.add_argument("--date", dest="on", help="评估日 YYYY-MM-DD（默认为今天）")

    def handle(
        self,
        *args: object,
        org: str | None,
        username: str | None,
        on: str | None,
        **options: object,
    ) -> None:
        try:
            day = dt.date.fromisoformat(on) if on else timezone.localdate()
        except ValueError:
            raise CommandError(f"评估日应写作 YYYY-MM-DD：{on}") from None
        user = acting_user(username)
        employers = open_employers(user, day)
        if org:
            # an org outside the account's subtree is "not found", as a name in an import is
            chosen = Org.objects.visible_to(user).filter(name=org).first()
            if chosen is None:
                raise CommandError(f"找不到名为“{org}”的组织")
            employers = employers.filter(node__path__startswith=chosen.path)
        out = [
            {
                "employer": s.name,
                "credit_code": s.credit_code,
                "level": s.level,
                "score": s.score,
                "signals": [
                    {"signal": r.signal.name, "count": r.count, "weight": r.weight}
                    for r in s.reasons
                ],
            }
            for s in radar(user, day, employers=employers)
            if s.score > 0
        ]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
