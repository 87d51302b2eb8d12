"""Import rules of the meeting register (SPEC §2): 届次 as typed, and the owning node."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

from core.declarations import CellError
from orgs.refs import Lookups, node_id_of

from .models import Meeting

_DIGITS = "零一二三四五六七八九"
_SESSION = re.compile(r"^第?\s*([0-9]+|[零一二三四五六七八九十百两]+)\s*[次届]?$")


def _chinese_number(text: str) -> int:
    """一 … 九十九 and 一百: enough for the sessions of a meeting."""
    text = text.replace("两", "二")
    if text == "一百":
        return 100
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(units) if units else 0)
    if len(text) == 1:
        return _DIGITS.index(text)
    raise ValueError(text)


def parse_session(text: str) -> int:
    """届次 as people write it: 3, 第3次, 第三次, 第3届 → 3; CellError otherwise."""
    match = _SESSION.match(str(text).strip())
    if match:
        try:
            number = int(match[1]) if match[1].isdigit() else _chinese_number(match[1])
        except ValueError:
            number = 0
        if number >= 1:
            return number
    raise CellError("届次应为正整数，如 3 或 第3次")


class SessionNumber:
    """The 届次 column's reader: the import engine hands a column's `ref` the cell text, so the
    key holds the number whether the cell said 3 or 第3次 (a kind="int" cell would refuse 第3次)."""

    label = "届次"

    def resolve(self, lookups: Lookups, text: str) -> int:
        return parse_session(text)


SESSION = SessionNumber()


def prepare_meeting(meeting: Meeting, before: Meeting | None, ctx: Any) -> None:
    """A meeting belongs to its 召集组织's node: the org itself, or the employer's node."""
    if meeting.convener is None:
        raise ValidationError({"convener": "召集组织必填"})
    meeting.node_id = node_id_of(meeting.convener)
