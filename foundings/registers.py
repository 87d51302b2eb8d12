"""The founding register (SPEC §7: foundings 工会组建)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from core.declarations import Column, Register, UnionlessAction
from orgs.models import Employer
from orgs.refs import EMPLOYERS, STREET

from .choices import FoundingForm, Status
from .filters import FoundingFilter
from .importing import after_founding_write, prepare_founding, sync_units
from .models import Founding
from .rules import HAS_UNION, warn_days, warning


def _notices(founding: Founding) -> list[tuple[str, str]]:
    text = warning(founding, timezone.localdate())
    notices = [("warn" if "超过" in text else "", text)] if text else []
    if founding.status == Status.PREPARING:
        covered = Employer.objects.filter(
            pk__in=founding.unit_ids(), union__isnull=False
        ).select_related("union")
        notices += [
            ("warn", HAS_UNION.format(e.name, e.union) + "，请调整涉及单位或中止组建")
            for e in covered
        ]
    return notices


def _links(founding: Founding) -> list[tuple[str, str]]:
    if founding.union_id is None:
        return []
    return [("成立的工会", reverse("orgs:org-detail", args=[founding.union_id]))]


FOUNDINGS = Register(
    slug="foundings",
    label="工会组建",
    key="组建编号",
    columns=(
        Column("组建编号", "number", required=True, kind="code"),
        Column(
            "拟建工会名称",
            "name",
            required=True,
            note="不能与现有组织重名；已成立的即为成立的工会名称",
        ),
        Column(
            "组建形式",
            "form",
            required=True,
            choices=tuple(FoundingForm.values),
            note="单独建会涉及一家单位，成立基层工会；联合建会涉及多家单位，成立联合基层工会",
        ),
        Column(
            "涉及单位",
            "unit_codes",
            required=True,
            field="unit_list",
            shown="units",
            ref=EMPLOYERS,
            note="单位的统一社会信用代码或完整名称，多个用“；”分隔；须为本街道尚未建会的单位",
        ),
        Column(
            "所属街道",
            "street__name",
            to_cell=lambda name: name.removesuffix("总工会"),
            required=True,
            field="street",
            ref=STREET,
            note="街道名称，如“清波街道”",
        ),
        Column(
            "启动日期",
            "started_on",
            required=True,
            kind="date",
            note=f"启动后{warn_days()}天仍在筹建中的列入待办",
        ),
        Column("会员大会日期", "congress_on", kind="date", note="状态为已成立时须填写"),
        Column(
            "批复日期",
            "approved_on",
            kind="date",
            note="上级工会批复成立的日期，状态为已成立时须填写",
        ),
        Column("批复文号", "approval_number"),
        Column(
            "状态",
            "status",
            required=True,
            choices=tuple(Status.values),
            note="已成立的，系统按拟建工会名称建立工会（已有同名工会的直接关联），并将涉及单位的所属工会设为该工会",
        ),
    ),
    queryset=lambda user: Founding.objects.visible_to(user).order_by("-started_on", "number"),
    filterset=FoundingFilter,
    list_url="",
    model=Founding,
    key_fields=("number",),
    prepare=prepare_founding,
    after_write=after_founding_write,
    after_undo=sync_units,
    pages=(("未建会单位", "orgs:employer-list", "has_union=0&state=open"),),
    list_headers=(
        "组建编号",
        "拟建工会名称",
        "组建形式",
        "涉及单位",
        "启动日期",
        "批复日期",
        "状态",
    ),
    notices=_notices,
    links=_links,
    more_fields=("union",),
)

REGISTERS: list[Any] = [FOUNDINGS]


def _start_founding(employer: Any) -> str:
    """The founding form filled in for this employer: its street, one employer, 单独建会, today."""
    cells = {
        "涉及单位": employer.credit_code,
        "所属街道": employer.street.short_name(),
        "组建形式": FoundingForm.SINGLE,
        "拟建工会名称": f"{employer.name}工会",
        "启动日期": timezone.localdate().isoformat(),
        "状态": Status.PREPARING,
    }
    return f"{reverse('registers:record-create', args=['foundings'])}?{urlencode(cells)}"


#: the 未建会 list offers 启动组建 (SPEC §7)
UNIONLESS_ACTIONS = (UnionlessAction("启动组建", _start_founding),)
