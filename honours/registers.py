"""The honour and facility registers (SPEC §2: honours 命名表彰, facilities 阵地)."""

from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce

from core.declarations import Column, Follow, Register
from core.masking import mask_id_number

from .filters import FacilityFilter, HonourFilter
from .importing import UNIT, prepare_facility, prepare_honour
from .models import Facility, FacilityType, Honour, HonourType, Level
from .selectors import total_funds

#: 所在单位 as exports write it: the employer's 信用代码, or the org's name
UNIT_CELL = Coalesce(F("employer__credit_code"), F("org__name"))
UNIT_NOTE = "单位的统一社会信用代码或完整名称，或工会组织的完整名称"

HONOURS = Register(
    slug="honours",
    label="命名表彰",
    key="类型+级别+年度+身份证号（个人）或 类型+级别+年度+所在单位+对象",
    columns=(
        Column("类型", "honour_type", required=True, choices=tuple(HonourType.values)),
        Column("对象", "name", required=True, note="获表彰的单位、班组或个人的名称"),
        Column("所在单位", UNIT_CELL, required=True, field="unit_key", shown="unit", ref=UNIT, note=UNIT_NOTE),
        Column("身份证号", "id_number", kind="code", mask=mask_id_number, note="个人表彰（如知识型职工）必填"),
        Column("级别", "level", required=True, choices=tuple(Level.values)),
        Column("年度", "year", required=True, kind="int"),
        Column("撤销年度", "revoked_year", kind="int", note="被撤销称号的年度；留空表示现行有效"),
    ),
    queryset=lambda user: Honour.objects.visible_to(user).select_related("employer", "org").order_by("year", "honour_type", "id"),
    filterset=HonourFilter,
    list_url="",
    model=Honour,
    # the import's match (see honours/importing.py); SPEC's person key is checked by prepare_honour
    key_fields=("name", "honour_type", "level", "year", "unit_key"),
    prepare=prepare_honour,
    list_headers=("类型", "对象", "所在单位", "级别", "年度", "撤销年度"),
    area="quality",
    person_field="id_number",
    follows=(Follow("employer"),),  # 所在单位
)

FACILITIES = Register(
    slug="facilities",
    label="阵地",
    key="所在单位+类型+名称",
    columns=(
        Column("类型", "facility_type", required=True, choices=tuple(FacilityType.values)),
        Column("名称", "name", required=True),
        Column("所在单位", UNIT_CELL, required=True, field="unit_key", shown="unit", ref=UNIT, note=UNIT_NOTE),
        Column("级别", "level", choices=tuple(Level.values)),
        Column("建成日期", "built_on", required=True, kind="date"),
        Column("专项经费(万元)", "funds", kind="decimal"),
        Column("停用日期", "closed_on", kind="date", note="留空表示仍在使用"),
    ),
    queryset=lambda user: Facility.objects.visible_to(user).select_related("employer", "org").order_by("facility_type", "built_on", "id"),
    filterset=FacilityFilter,
    list_url="",
    model=Facility,
    key_fields=("name", "facility_type", "unit_key"),
    prepare=prepare_facility,
    list_headers=("类型", "名称", "所在单位", "级别", "建成日期", "专项经费(万元)", "停用日期"),
    totals=lambda facilities: [("共", f"{facilities.count()} 处"),
                               ("专项经费合计", f"{total_funds(facilities):,.2f} 万元")],
    area="quality",
    follows=(Follow("employer"),),  # 所在单位
)

REGISTERS = [HONOURS, FACILITIES]
