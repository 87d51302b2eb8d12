"""Worker training: courses (培训项目), who attended them (参训) and certificates (证书), SPEC §2, §5."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_id_number, validate_not_future
from orgs.models import Employer, EmployerType, Org
from workers.models import Worker


class CourseCategory(models.TextChoices):
    TECHNICAL = "技术培训", "技术培训"
    FREE = "免费培训", "免费培训"
    OTHER = "其他", "其他"


def validate_start_not_future(value: dt.date | None, *, today: dt.date | None = None) -> None:
    validate_not_future(value, label="开始日期", today=today)


def validate_issued_not_future(value: dt.date | None, *, today: dt.date | None = None) -> None:
    validate_not_future(value, label="发证日期", today=today)


class CourseQuerySet(ScopedQuerySet):
    def starting_in(self, year: int) -> CourseQuerySet:
        return self.filter(start_date__year=year)

    def hosted_by_enterprises(self) -> CourseQuerySet:
        """Courses whose 主办单位 is a 企业-type employer itself (not its union, SPEC §5)."""
        return self.filter(host_employer__employer_type=EmployerType.ENTERPRISE)

    def with_person_times(self) -> CourseQuerySet:
        """`person_times_value`: its attendance records if it has any, else its 培训人次 (SPEC §5)."""
        attended = (Attendance.objects.filter(course=OuterRef("pk")).order_by().values("course")
                    .annotate(n=Count("id")).values("n"))
        return self.annotate(attendance_count=Coalesce(Subquery(attended), Value(0))).annotate(
            person_times_value=models.Case(
                models.When(attendance_count__gt=0, then=F("attendance_count")),
                default=Coalesce(F("person_times"), Value(0)), output_field=models.IntegerField(),
            ))


class Course(models.Model):
    name = models.CharField("项目名称", max_length=200, db_index=True)
    category = models.CharField("培训类别", max_length=4, choices=CourseCategory.choices)
    # The names as the import keeps them (registers/organisers.py); the first is the host.
    organisers = models.CharField("主办单位", max_length=500)
    start_date = models.DateField("开始日期", validators=[validate_start_not_future])
    end_date = models.DateField("结束日期", null=True, blank=True)
    person_times = models.PositiveIntegerField("培训人次", null=True, blank=True)
    # Whether an employer itself hosted it (SPEC §5 training.enterprises) or an org did.
    host_employer = models.ForeignKey(
        Employer, verbose_name="主办单位（单位）", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    host_org = models.ForeignKey(
        Org, verbose_name="主办单位（组织）", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = "培训项目"
        verbose_name_plural = "培训项目"
        constraints = [models.UniqueConstraint(fields=["organisers", "name", "start_date"], name="course_host_name_start")]
        indexes = [models.Index(fields=["start_date", "category"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.start_date:%Y-%m-%d}）" if self.start_date else self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "结束日期不能早于开始日期"})

    def person_times_value(self) -> int:
        """Its attendance records if it has any, else its 培训人次 (SPEC §5)."""
        return self.attendances.count() or (self.person_times or 0)


def person_times_total(courses: models.QuerySet) -> int:
    """Σ person-times over these courses (SPEC §5 training.person_times, free_training.person_times)."""
    return courses.with_person_times().aggregate(n=Coalesce(models.Sum("person_times_value"), Value(0)))["n"]


class CourseLinkedManager(models.Manager.from_queryset(ScopedQuerySet)):
    def get_queryset(self) -> ScopedQuerySet:
        # A row names its course by 项目名称 and 开始日期 (an attendance key): read the course along,
        # and let queries name them as the import does.
        return super().get_queryset().select_related("course").alias(
            course_name=F("course__name"), course_start=F("course__start_date"))


class CourseByName:
    """The import names a course by 项目名称 and 开始日期: a row sets them here and the register's
    `prepare` finds the course; a stored record answers with its course's."""

    @property
    def course_name(self) -> str | None:
        if "_course_name" in self.__dict__:
            return self.__dict__["_course_name"]
        return self.course.name if self.course_id else None

    @course_name.setter
    def course_name(self, value: str | None) -> None:
        self.__dict__["_course_name"] = value

    @property
    def course_start(self) -> dt.date | None:
        if "_course_start" in self.__dict__:
            return self.__dict__["_course_start"]
        return self.course.start_date if self.course_id else None

    @course_start.setter
    def course_start(self, value: dt.date | None) -> None:
        self.__dict__["_course_start"] = value


class Attendance(CourseByName, models.Model):
    course = models.ForeignKey(Course, verbose_name="培训项目", on_delete=models.PROTECT, related_name="attendances")
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, validators=[validate_id_number])
    completed = models.BooleanField("是否结业", default=False)
    worker = models.ForeignKey(Worker, verbose_name="职工", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = CourseLinkedManager()

    class Meta:
        verbose_name = "参训"
        verbose_name_plural = "参训"
        constraints = [models.UniqueConstraint(fields=["course", "id_number"], name="attendance_course_person")]
        indexes = [models.Index(fields=["id_number"])]

    def __str__(self) -> str:
        return self.name


class Certificate(CourseByName, models.Model):
    number = models.CharField("证书编号", max_length=50, unique=True)
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, validators=[validate_id_number])
    title = models.CharField("证书名称", max_length=100)
    grade = models.CharField("等级", max_length=30, blank=True)
    issued_on = models.DateField("发证日期", validators=[validate_issued_not_future])
    course = models.ForeignKey(
        Course, verbose_name="培训项目", on_delete=models.PROTECT, null=True, blank=True, related_name="certificates")
    worker = models.ForeignKey(Worker, verbose_name="职工", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # the worker's employer's node, else the course's, else the importing user's (SPEC §2)
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = CourseLinkedManager()

    class Meta:
        verbose_name = "证书"
        verbose_name_plural = "证书"
        indexes = [models.Index(fields=["id_number"]), models.Index(fields=["issued_on"])]

    def __str__(self) -> str:
        return f"{self.name}：{self.title}"

    def clean(self) -> None:
        raise_errors(self, {}, self.import_notices())

    def import_notices(self) -> dict[str, str]:
        """Rules beyond SPEC's (core.notices)."""
        course = self.course if self.course_id else None
        if course is not None and self.issued_on and self.issued_on < course.start_date:
            return {"issued_on": f"发证日期早于培训项目的开始日期（{course.start_date:%Y-%m-%d}）"}
        return {}
