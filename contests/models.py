"""Labour and skill competitions (竞赛) and who took part in them (参赛), SPEC §2 and §5."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_id_number, validate_not_future, validate_year
from orgs.models import Employer, Org
from workers.models import Worker


class ContestType(models.TextChoices):
    LABOUR = "劳动竞赛", "劳动竞赛"
    SKILL = "技能竞赛", "技能竞赛"
    TECHNICAL = "技术比武", "技术比武"
    KNOWLEDGE = "知识竞赛", "知识竞赛"


#: the types whose entries count as skill person-times (SPEC §5 competition.skill_person_times)
SKILL_TYPES = (ContestType.SKILL, ContestType.TECHNICAL)


class Level(models.TextChoices):
    GRASSROOTS = "基层", "基层"
    STREET = "街道", "街道"
    DISTRICT = "区级", "区级"
    CITY = "市级", "市级"
    PROVINCE = "省级", "省级"
    NATIONAL = "全国", "全国"


#: levels whose organisers may lie outside the tree (SPEC §2)
OUTSIDE_LEVELS = (Level.CITY, Level.PROVINCE, Level.NATIONAL)


class Award(models.TextChoices):
    GOLD = "金奖", "金奖"
    SILVER = "银奖", "银奖"
    BRONZE = "铜奖", "铜奖"
    FIRST = "一等奖", "一等奖"
    SECOND = "二等奖", "二等奖"
    THIRD = "三等奖", "三等奖"
    MERIT = "优秀奖", "优秀奖"




def validate_start_not_future(value: dt.date | None, *, today: dt.date | None = None) -> None:
    validate_not_future(value, label="开始日期", today=today)


class CompetitionQuerySet(ScopedQuerySet):
    def with_figures(self) -> CompetitionQuerySet:
        """Each competition's participants (distinct 身份证号 among its entries, else 参与人数) and
        person-times (its entries, else 参与人数), SPEC §5."""
        entries = Entry.objects.filter(competition=OuterRef("pk")).order_by().values("competition")
        people = entries.annotate(n=Count("id_number", distinct=True)).values("n")
        times = entries.annotate(n=Count("id")).values("n")
        return self.annotate(
            entry_people=Coalesce(Subquery(people), Value(0)),
            entry_times=Coalesce(Subquery(times), Value(0)),
        ).annotate(
            participant_count=models.Case(
                models.When(entry_people__gt=0, then=F("entry_people")), default=Coalesce(F("participants"), Value(0)), output_field=models.IntegerField()),
            person_times=models.Case(
                models.When(entry_times__gt=0, then=F("entry_times")), default=Coalesce(F("participants"), Value(0)), output_field=models.IntegerField()),
        )


class Competition(models.Model):
    name = models.CharField("竞赛名称", max_length=200, db_index=True)
    year = models.PositiveSmallIntegerField("年度", validators=[validate_year])
    contest_type = models.CharField("竞赛类型", max_length=4, choices=ContestType.choices)
    level = models.CharField("级别", max_length=2, choices=Level.choices)
    # The names as the import keeps them (registers/organisers.py); the first that resolves is the host.
    organisers = models.CharField("主办单位", max_length=500)
    co_organisers = models.CharField("协办单位", max_length=500, blank=True)
    start_date = models.DateField("开始日期", null=True, blank=True, validators=[validate_start_not_future])
    end_date = models.DateField("结束日期", null=True, blank=True)
    participants = models.PositiveIntegerField("参与人数", null=True, blank=True)
    host_employer = models.ForeignKey(
        Employer, verbose_name="主办单位（单位）", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    host_org = models.ForeignKey(
        Org, verbose_name="主办单位（组织）", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The first organiser's node, or the importing user's when none lies in the tree (SPEC §2).
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = CompetitionQuerySet.as_manager()

    class Meta:
        verbose_name = "竞赛"
        verbose_name_plural = "竞赛"
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="competition_name_year")]
        indexes = [models.Index(fields=["year", "contest_type"])]

    def __str__(self) -> str:
        return f"{self.year}年{self.name}"

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "结束日期不能早于开始日期"
        raise_errors(self, errors, self.import_notices())

    def import_notices(self) -> dict[str, str]:
        """Rules beyond SPEC's (core.notices)."""
        if self.start_date and self.year and self.start_date.year > self.year:
            return {"start_date": f"开始日期晚于{self.year}年度"}
        return {}

    def participant_count(self) -> int:
        """Distinct 身份证号 among its entries if it has any, else its 参与人数 (SPEC §5)."""
        people = self.entries.values("id_number").distinct().count()
        return people or (self.participants or 0)

    def person_times(self) -> int:
        """Its entries (one person-time each) if it has any, else its 参与人数 (SPEC §5)."""
        return self.entries.count() or (self.participants or 0)


class EntryManager(models.Manager.from_queryset(ScopedQuerySet)):
    def get_queryset(self) -> ScopedQuerySet:
        # An entry is known by its competition's name and year (its natural key): read the
        # competition along, and let queries name the key as the import does.
        return super().get_queryset().select_related("competition").alias(
            competition_name=F("competition__name"), competition_year=F("competition__year"))


class Entry(models.Model):
    competition = models.ForeignKey(Competition, verbose_name="竞赛", on_delete=models.PROTECT, related_name="entries")
    category = models.CharField("大类", max_length=100, blank=True)
    item = models.CharField("项目", max_length=100)
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, validators=[validate_id_number])
    team = models.CharField("代表队", max_length=100, blank=True)
    result = models.CharField("成绩", max_length=50, blank=True)
    award = models.CharField("奖项", max_length=3, choices=Award.choices, blank=True)
    # the worker register's record of this person, when it holds them (SPEC §2)
    worker = models.ForeignKey(Worker, verbose_name="职工", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = EntryManager()

    class Meta:
        verbose_name = "参赛"
        verbose_name_plural = "参赛"
        constraints = [models.UniqueConstraint(fields=["competition", "id_number", "item"], name="entry_competition_person_item")]
        indexes = [models.Index(fields=["id_number"]), models.Index(fields=["competition", "category", "item"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.item}）"

    # The import names the competition by 竞赛名称 and 年度 (part of the entry's key): a row sets
    # them here, `prepare_entry` finds the competition; a stored entry answers with its competition's.
    @property
    def competition_name(self) -> str:
        if "_competition_name" in self.__dict__:
            return self.__dict__["_competition_name"]
        return self.competition.name if self.competition_id else ""

    @competition_name.setter
    def competition_name(self, value: str) -> None:
        self.__dict__["_competition_name"] = value

    @property
    def competition_year(self) -> int | None:
        if "_competition_year" in self.__dict__:
            return self.__dict__["_competition_year"]
        return self.competition.year if self.competition_id else None

    @competition_year.setter
    def competition_year(self, value: int | None) -> None:
        self.__dict__["_competition_year"] = value


def award_rank() -> models.Case:
    """奖项 in their order of merit, for sorting (no award last)."""
    return models.Case(*(models.When(award=a, then=Value(i)) for i, a in enumerate(Award.values)),
                       default=Value(len(Award.values)), output_field=models.IntegerField())


def participants_total(competitions: models.QuerySet) -> int:
    """Σ participants over these competitions (SPEC §5 competition.labour_participants)."""
    return competitions.with_figures().aggregate(n=Coalesce(models.Sum("participant_count"), Value(0)))["n"]


def person_times_total(competitions: models.QuerySet) -> int:
    """Σ person-times over these competitions (SPEC §5 competition.skill_person_times)."""
    return competitions.with_figures().aggregate(n=Coalesce(models.Sum("person_times"), Value(0)))["n"]

