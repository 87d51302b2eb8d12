"""Meetings (会议) of the labour-relations mechanisms: 政府与工会联席会议, 劳动关系三方协调会议,
街道三方协调会议 and 区域性职代会 (SPEC §2 meetings), and what SPEC §5 counts of them."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from core.history import RecordHistory
from core.scoping import ScopedQuerySet
from core.validators import validate_not_future
from orgs.models import Employer, Org
from orgs.parties import EmployerOrOrg
from orgs.refs import split_names


class MeetingType(models.TextChoices):
    JOINT = "政府与工会联席会议", "政府与工会联席会议"
    TRIPARTITE = "劳动关系三方协调会议", "劳动关系三方协调会议"
    STREET_TRIPARTITE = "街道三方协调会议", "街道三方协调会议"
    REGIONAL_CONGRESS = "区域性职代会", "区域性职代会"


#: 召集组织: an employer or an org, never both
CONVENER = EmployerOrOrg("convener_")


class MeetingQuerySet(ScopedQuerySet):
    def filter(self, *args: Any, **kwargs: Any) -> Self:
        # 召集组织 is one column over two links: `convener=party` lets the natural key (SPEC §2)
        # be looked up like the other key fields.
        if "convener" in kwargs:
            kwargs.update(CONVENER.lookup(kwargs.pop("convener")))
        return super().filter(*args, **kwargs)

    def held_in(self, year: int) -> Self:
        return self.filter(held_on__year=year)

    def held_by(self, day: dt.date) -> Self:
        """Held on or before `day` (SPEC §5: 已召开七次 counts every meeting up to the end of Y)."""
        return self.filter(held_on__lte=day)

    def of_type(self, meeting_type: str) -> Self:
        return self.filter(meeting_type=meeting_type)


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> MeetingQuerySet:
        # the convener is part of the key: records read to match import rows carry it
        return super().get_queryset().select_related("convener_employer", "convener_org")


class Meeting(models.Model):
    meeting_type = models.CharField("会议类型", max_length=12, choices=MeetingType.choices)
    session = models.PositiveIntegerField(
        "届次", validators=[MinValueValidator(1, "届次应为大于0的整数")], help_text="第几次会议，如 3 或 第3次")
    held_on = models.DateField("召开日期", validators=[validate_not_future])
    # 召集组织: an employer or an org (SPEC §2), exactly one of the two
    convener_employer = models.ForeignKey(Employer, verbose_name="召集组织（单位）", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    convener_org = models.ForeignKey(Org, verbose_name="召集组织", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    topics = models.TextField("议题", help_text="多个议题用“；”分隔")
    documents = models.TextField("形成文件", blank=True)
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = MeetingManager()

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        constraints = [
            models.UniqueConstraint(
                fields=["convener_org", "meeting_type", "session"], condition=models.Q(convener_org__isnull=False),
                name="meeting_key_org", violation_error_message="该召集组织的同类会议已有这一届次"),
            models.UniqueConstraint(
                fields=["convener_employer", "meeting_type", "session"],
                condition=models.Q(convener_employer__isnull=False),
                name="meeting_key_employer", violation_error_message="该召集组织的同类会议已有这一届次"),
            models.CheckConstraint(
                condition=models.Q(convener_employer__isnull=True, convener_org__isnull=False)
                | models.Q(convener_employer__isnull=False, convener_org__isnull=True),
                name="meeting_one_convener", violation_error_message="召集组织应为一个单位或一个组织"),
        ]
        indexes = [models.Index(fields=["meeting_type", "held_on"]), models.Index(fields=["node", "held_on"])]

    def __str__(self) -> str:
        return f"{self.meeting_type}第{self.session}次"

    convener = CONVENER

    @property
    def topic_list(self) -> list[str]:
        return split_names(self.topics)

    @property
    def document_list(self) -> list[str]:
        return split_names(self.documents)

    def clean(self) -> None:
        errors = {}
        # several 议题 are kept as one text joined by “；”, whatever separator was typed
        self.topics = "；".join(split_names(self.topics or ""))
        self.documents = "；".join(split_names(self.documents or ""))
        if not self.topics:
            errors["topics"] = "至少填写一个议题"
        if self.convener_employer_id is None and self.convener_org_id is None:
            errors["convener"] = "召集组织必填"
        if errors:
            raise ValidationError(errors)
