"""The founding rules that pages, imports and the to-do list share (SPEC §7).

A founding (工会组建) is owned by its 所属街道. 单独建会 founds a 基层工会 for one employer, 联合建会 a
联合基层工会 for several; 已成立 needs the 会员大会 and the 批复 and creates that union under the street
(establishing.py). A founding still 筹建中 `FOUNDING_WARN_DAYS` after its 启动日期 is due.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError

from core.validators import validate_not_before
from orgs.models import OrgType

from .choices import FoundingForm, Status

if TYPE_CHECKING:
    from .models import Founding

#: the days a founding may stay 筹建中 before it is due on the to-do list (the setting overrides it)
DEFAULT_WARN_DAYS = 180


def warn_days() -> int:
    return int(getattr(settings, "FOUNDING_WARN_DAYS", DEFAULT_WARN_DAYS))


def due_on(started_on: dt.date) -> dt.date:
    """The day a founding started on `started_on` and still 筹建中 becomes due."""
    return started_on + dt.timedelta(days=warn_days())


def latest_due_start(today: dt.date) -> dt.date:
    """The latest 启动日期 of a founding that is due on `today` (the query's side of due_on)."""
    return today - dt.timedelta(days=warn_days())


#: the union each form founds
UNION_TYPE = {FoundingForm.SINGLE: OrgType.GRASSROOTS, FoundingForm.JOINT: OrgType.JOINT}

#: what a founding that already founded its union keeps, since the union and its employers stand on it
SETTLED_FIELDS = {
    "name": "拟建工会名称",
    "form": "组建形式",
    "unit_codes": "涉及单位",
    "street_id": "所属街道",
}
SETTLED = "工会已按此组建成立，不能再修改{}；如需调整，请在组织或单位台账中办理"
NAME_TAKEN = "系统中已有名为“{}”的组织，拟建工会名称不能与现有组织重名"
HAS_UNION = "“{}”已有所属工会（{}），不能再组建工会"
OTHER_STREET = "“{}”的所属街道是{}，不在本次组建的所属街道"
SINGLE_ONE = "单独建会只能涉及一家单位（本行填写了{}家）；多家单位共同建会请选“联合建会”"
JOINT_SEVERAL = "联合建会一般涉及两家及以上单位；一家单位建会请选“单独建会”"


def founding_problems(founding: Founding) -> dict[str, list[str]]:
    """Each field's problems whatever the form, move or file: the dates' order, what 已成立
    needs, and the number of employers a 单独建会 takes (SPEC §7)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for end, start, end_label, start_label in (
        (founding.congress_on, founding.started_on, "会员大会日期", "启动日期"),
        (founding.approved_on, founding.started_on, "批复日期", "启动日期"),
        (founding.approved_on, founding.congress_on, "批复日期", "会员大会日期"),
    ):
        try:
            validate_not_before(end, start, end_label=end_label, start_label=start_label)
        except ValidationError as error:
            add("approved_on" if end is founding.approved_on else "congress_on", error.messages[0])
    if founding.status == Status.ESTABLISHED:
        if founding.congress_on is None:
            add("congress_on", "状态为“已成立”时须填写会员大会日期")
        if founding.approved_on is None:
            add("approved_on", "状态为“已成立”时须填写批复日期")
    units = unit_count(founding)
    if founding.form == FoundingForm.SINGLE and units is not None and units != 1:
        add("unit_codes", SINGLE_ONE.format(units))
    return errors


def founding_requirements(founding: Founding) -> dict[str, list[str]]:
    """Beyond SPEC's rules (core.notices): a joint founding of one employer. A form refuses it; an
    imported row keeps it as a notice."""
    units = unit_count(founding)
    if founding.form == FoundingForm.JOINT and units == 1:
        return {"unit_codes": [JOINT_SEVERAL]}
    return {}


def unit_count(founding: Any) -> int | None:
    """How many 涉及单位 the founding names (None before they are known)."""
    codes = founding.unit_codes
    return len([c for c in codes.split("；") if c]) if codes else None


def unit_refusal(
    employer: Any, street_id: int | None, union_id: int | None = None, *, union_name: str = ""
) -> str:
    """Why this employer cannot be a 涉及单位 ("" when it can): it already has a union other than
    `union_id` (the one the founding itself founded), or it lies in another street."""
    if employer.union_id is not None and employer.union_id != union_id:
        return HAS_UNION.format(employer.name, union_name or "已建会")
    if street_id is not None and employer.street_id != street_id:
        return OTHER_STREET.format(employer.name, "另一街道")
    return ""


def warning(founding: Founding, today: dt.date) -> str:
    """What the record page says of a founding still 筹建中 (Register.notices)."""
    if founding.status != Status.PREPARING or founding.started_on is None:
        return ""
    due = due_on(founding.started_on)
    if due <= today:
        return f"自启动日期起已超过{warn_days()}天仍在筹建中（{due:%Y-%m-%d}起），请推进会员大会和批复，或中止组建"
    return f"筹建中：须在{due:%Y-%m-%d}前完成会员大会和批复（启动后{warn_days()}天）"
