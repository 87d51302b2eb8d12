"""Honours (命名表彰) and workers' facilities (职工阵地) kept at a 所在单位 (SPEC §2, §5).

An honour is in force from its 年度 until its 撤销年度; a facility is open from its 建成日期 until
its 停用日期. Both belong to the node of their 所在单位: an employer's node, or the org itself.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import (
    validate_id_number,
    validate_not_before,
    validate_not_future,
    validate_year,
)
from orgs.models import Employer, Org
from orgs.parties import EmployerOrOrg
from workers.models import Worker


class Level(models.TextChoices):
    DISTRICT = "区级", "区级"
    CITY = "市级", "市级"
    PROVINCE = "省级", "省级"
    NATIONAL = "全国", "全国"


#: levels that count as provincial (SPEC §5 facilities.book_houses_provincial: 省级 or 全国)
PROVINCIAL = (Level.PROVINCE, Level.NATIONAL)


class HonourType(models.TextChoices):
    LEARNING_ORG = "学习型组织", "学习型组织"
    LEARNING_TEAM = "学习型班组", "学习型班组"
    KNOWLEDGE_WORKER = "知识型职工", "知识型职工"
    HARMONIOUS = "劳动关系和谐企业", "劳动关系和谐企业"
    MODEL_HOME = "模范职工之家", "模范职工之家"
    PIONEER = "工人先锋号", "工人先锋号"
    OTHER = "其他", "其他"


#: honours of a person (keyed by 身份证号), and of a unit or team (never one)
PERSON_TYPES = (HonourType.KNOWLEDGE_WORKER,)
COLLECTIVE_TYPES = (HonourType.LEARNING_ORG, HonourType.LEARNING_TEAM, HonourType.HARMONIOUS,
                    HonourType.MODEL_HOME, HonourType.PIONEER)


class FacilityType(models.TextChoices):
    SCHOOL = "职工学校", "职工学校"
    CLUB = "职工俱乐部", "职工俱乐部"
    BOOK_HOUSE = "职工书屋", "职工书屋"
    HOME = "职工之家", "职工之家"
    OTHER = "其他", "其他"




def unit_key_for(employer_id: int | None, org_id: int | None) -> str:
    """所在单位 as one value: "单位:<id>" for an employer, "组织:<id>" for an org."""
    return f"单位:{employer_id}" if employer_id else f"组织:{org_id}"


def unit_key_of(unit: Employer | Org) -> str:
    return unit_key_for(unit.pk, None) if isinstance(unit, Employer) else unit_key_for(None, unit.pk)


def _one_unit(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(employer__isnull=False, org__isnull=True) | Q(employer__isnull=True, org__isnull=False),
        name=name, violation_error_message="所在单位必须是一个单位或一个组织",
    )


class UnitQuerySet(ScopedQuerySet):
    def open_at_end_of(self, year: int) -> Self:
        """Without the records owned through an employer or org closed by 31 Dec of `year` (SPEC §5:
        they drop out of that year's figures)."""
        end = dt.date(year, 12, 31)
        return self.exclude(employer__closed_on__lte=end).exclude(org__closed_on__lte=end).exclude(
            node__closed_on__lte=end)


class UnitRecord(models.Model):
    """A record kept at a 所在单位: an employer, or an org (a union's own honour or facility)."""

    employer = models.ForeignKey(Employer, verbose_name="所在单位（单位）", on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    org = models.ForeignKey(Org, verbose_name="所在单位（组织）", on_delete=models.PROTECT,
                            null=True, blank=True, related_name="+")
    # Which of the two as one value (unit_key_for()). The register's key holds it, so an
    # import compares a row with a stored record without reading the employer or org again.
    unit_key = models.CharField("所在单位", max_length=20, editable=False)
    # 所在单位's node: the employer's, or the org itself (SPEC §2)
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        self.derive_keys()
        super().save(*args, **kwargs)

    def derive_keys(self) -> None:
        """What is kept beside the links to spare a read: bulk writers call it, save() does."""
        if self.employer_id or self.org_id:
            self.unit_key = unit_key_for(self.employer_id, self.org_id)

    unit = EmployerOrOrg()

    def set_unit(self, unit: Employer | Org) -> None:
        """所在单位, and with it the owning node."""
        self.unit = unit
        self.unit_key = unit_key_of(unit)
        self.node_id = unit.node_id if isinstance(unit, Employer) else unit.pk


class HonourQuerySet(UnitQuerySet):
    def in_force(self, year: int) -> HonourQuerySet:
        """Named in or before `year` and not revoked by it (撤销年度 ≤ year means revoked)."""
        return self.filter(year__lte=year).filter(Q(revoked_year__isnull=True) | Q(revoked_year__gt=year))

    def revoked_by(self, year: int) -> HonourQuerySet:
        return self.filter(revoked_year__lte=year)


def honour_key(honour_type: str, level: str, year: int | None, id_number: str, unit_key: str, name: str) -> str:
    """SPEC §2's key: 类型+级别+年度+身份证号 for a person, else 类型+级别+年度+所在单位+对象."""
    if id_number:
        return f"{honour_type}|{level}|{year}|{id_number}"
    return f"{honour_type}|{level}|{year}|{unit_key}|{name}"


class Honour(UnitRecord):
    honour_type = models.CharField("类型", max_length=10, choices=HonourType.choices)
    name = models.CharField("对象", max_length=100, db_index=True, help_text="单位、班组或个人的名称")
    id_number = models.CharField("身份证号", max_length=18, blank=True, validators=[validate_id_number])
    level = models.CharField("级别", max_length=2, choices=Level.choices)
    year = models.PositiveSmallIntegerField("年度", validators=[validate_year])
    revoked_year = models.PositiveSmallIntegerField("撤销年度", null=True, blank=True, validators=[validate_year])
    # the worker register's record of the person, when it holds them (SPEC §2)
    worker = models.ForeignKey(Worker, verbose_name="职工", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    # honour_key(): unique, so a person is named once per type, level and year whatever the unit
    natural_key = models.CharField("表彰标识", max_length=200, unique=True, editable=False)

    history = RecordHistory()
    objects = HonourQuerySet.as_manager()

    class Meta:
        verbose_name = "命名表彰"
        verbose_name_plural = "命名表彰"
        constraints = [_one_unit("honour_one_unit")]
        # id_number: a person's records are found by it (registers.person, 自动退会建议名单)
        indexes = [models.Index(fields=["honour_type", "year"]), models.Index(fields=["node", "honour_type"]),
                   models.Index(fields=["id_number"])]

    def __str__(self) -> str:
        return f"{self.year}年{self.level}{self.get_honour_type_display()}：{self.name}"

    def derive_keys(self) -> None:
        super().derive_keys()
        self.natural_key = honour_key(self.honour_type, self.level, self.year, self.id_number, self.unit_key, self.name)

    def in_force(self, year: int) -> bool:
        return self.year <= year and (self.revoked_year is None or self.revoked_year > year)

    def clean(self) -> None:
        errors = {}
        if self.revoked_year is not None and self.year and self.revoked_year < self.year:
            errors["revoked_year"] = "撤销年度不能早于年度"
        if self.honour_type in PERSON_TYPES and not self.id_number:
            errors["id_number"] = f"“{self.honour_type}”是对个人的表彰，须填写身份证号"
        raise_errors(self, errors, self.import_notices())

    def import_notices(self) -> dict[str, str]:
        """Rules beyond SPEC's (core.notices)."""
        if self.honour_type in COLLECTIVE_TYPES and self.id_number:
            return {"id_number": f"“{self.honour_type}”是对单位或集体的表彰，却填写了身份证号"}
        return {}


class FacilityQuerySet(UnitQuerySet):
    def open_at(self, day: dt.date) -> FacilityQuerySet:
        """Built on or before `day` and not closed on or before it."""
        return self.filter(built_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))

    def closed_at(self, day: dt.date) -> FacilityQuerySet:
        return self.filter(closed_on__lte=day)


class Facility(UnitRecord):
    facility_type = models.CharField("类型", max_length=5, choices=FacilityType.choices)
    name = models.CharField("名称", max_length=100, db_index=True)
    level = models.CharField("级别", max_length=2, choices=Level.choices, blank=True)
    built_on = models.DateField("建成日期", validators=[validate_not_future])
    funds = models.DecimalField(
        "专项经费(万元)", max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0), message="专项经费不能为负数")],
    )
    closed_on = models.DateField("停用日期", null=True, blank=True)

    history = RecordHistory()
    objects = FacilityQuerySet.as_manager()

    class Meta:
        verbose_name = "阵地"
        verbose_name_plural = "阵地"
        constraints = [
            _one_unit("facility_one_unit"),
            models.UniqueConstraint(fields=["unit_key", "facility_type", "name"], name="facility_unit_type_name"),
        ]
        indexes = [models.Index(fields=["facility_type", "built_on"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_facility_type_display()}）"

    def is_open(self, day: dt.date) -> bool:
        return self.built_on <= day and (self.closed_on is None or self.closed_on > day)

    def clean(self) -> None:
        try:
            validate_not_before(self.closed_on, self.built_on, end_label="停用日期", start_label="建成日期")
        except ValidationError as error:
            raise ValidationError({"closed_on": error}) from None
