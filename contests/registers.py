"""The competition and entry registers (SPEC §2: competitions 竞赛, entries 参赛)."""

from __future__ import annotations

from django.urls import reverse

from core.declarations import Column, Follow, Register
from core.masking import mask_id_number
from registers.organisers import Organisers

from .filters import CompetitionFilter, EntryFilter
from .importing import after_competitions, prepare_competition, prepare_entry
from .models import Award, Competition, ContestType, Entry, Level

COMPETITIONS = Register(
    slug="competitions",
    label="竞赛",
    key="竞赛名称+年度",
    columns=(
        Column("竞赛名称", "name", required=True),
        Column("年度", "year", required=True, kind="int", note="四位年份，如 2024"),
        Column("竞赛类型", "contest_type", required=True, choices=tuple(ContestType.values)),
        Column("级别", "level", required=True, choices=tuple(Level.values)),
        Column("主办单位", "organisers", required=True, ref=Organisers(keep_unknown=True),
               note="单位（信用代码或完整名称）或组织名称，多个用“；”分隔；市级及以上的竞赛可填系统外的单位"),
        Column("协办单位", "co_organisers", note="自由填写，多个用“；”分隔"),
        Column("开始日期", "start_date", kind="date"),
        Column("结束日期", "end_date", kind="date"),
        Column("参与人数", "participants", kind="int", note="无逐人参赛名单时填写"),
    ),
    queryset=lambda user: Competition.objects.visible_to(user).order_by("-year", "name", "id"),
    filterset=CompetitionFilter,
    list_url="",
    model=Competition,
    key_fields=("name", "year"),
    prepare=prepare_competition,
    after_write=after_competitions,
    list_headers=("竞赛名称", "年度", "竞赛类型", "级别", "主办单位", "开始日期"),
    links=lambda competition: [("项目、成绩与获奖", reverse("contests:competition", args=[competition.pk]))],
    area="quality",
    follows=(Follow("host_employer"),),  # the first 主办单位 that resolves
)

ENTRIES = Register(
    slug="entries",
    label="参赛",
    key="竞赛名称+年度+身份证号+项目",
    columns=(
        Column("竞赛名称", "competition__name", required=True, field="competition_name"),
        Column("年度", "competition__year", required=True, kind="int", field="competition_year"),
        Column("大类", "category"),
        Column("项目", "item", required=True),
        Column("姓名", "name", required=True),
        Column("身份证号", "id_number", required=True, kind="code", mask=mask_id_number),
        Column("代表队", "team"),
        Column("成绩", "result"),
        Column("奖项", "award", choices=tuple(Award.values)),
    ),
    queryset=lambda user: Entry.objects.visible_to(user).order_by(
        "-competition__year", "competition__name", "category", "item", "name", "id"),
    filterset=EntryFilter,
    list_url="",
    model=Entry,
    key_fields=("id_number", "item", "competition_name", "competition_year"),
    prepare=prepare_entry,
    list_headers=("竞赛名称", "年度", "项目", "姓名", "身份证号", "奖项"),
    links=lambda entry: [("竞赛页面", reverse("contests:competition", args=[entry.competition_id]))],
    area="quality",
    person_field="id_number",
    follows=(Follow("competition"),),  # its competition's node
)

REGISTERS = [COMPETITIONS, ENTRIES]
