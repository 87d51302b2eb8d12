"""The meeting register (SPEC §2: meetings 会议)."""

from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce

from core.declarations import Column, Follow, Register
from orgs.refs import PARTY

from .filters import MeetingFilter
from .importing import SESSION, prepare_meeting
from .models import Meeting, MeetingType

MEETINGS = Register(
    slug="meetings",
    label="会议",
    key="召集组织+会议类型+届次",
    columns=(
        Column("会议类型", "meeting_type", required=True, choices=tuple(MeetingType.values)),
        # kind text: the cell may say 第3次; SESSION turns it into the number the key holds
        Column("届次", "session", required=True, ref=SESSION, note="填 3 或 第3次"),
        Column("召开日期", "held_on", required=True, kind="date"),
        Column("召集组织", Coalesce(F("convener_employer__credit_code"), F("convener_org__name")), required=True,
               field="convener", ref=PARTY, note="组织名称，或单位的统一社会信用代码、完整名称"),
        Column("议题", "topics", required=True, note="多个议题用“；”分隔"),
        Column("形成文件", "documents", note="多个文件用“；”分隔"),
    ),
    queryset=lambda user: Meeting.objects.visible_to(user).order_by("held_on", "id"),
    filterset=MeetingFilter,
    list_url="",
    model=Meeting,
    key_fields=("meeting_type", "session", "convener"),
    prepare=prepare_meeting,
    area="relations",
    follows=(Follow("convener_employer"),),  # 召集组织
)

REGISTERS = [MEETINGS]
