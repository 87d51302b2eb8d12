"""The organisation tree (区总工会 → 街道/系统工会 → 基层工会) and the employers under it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_credit_code, validate_not_future


class OrgType(models.TextChoices):
    CITY = "市总工会", "市总工会"
    DISTRICT = "区总工会", "区总工会"
    STREET = "街道总工会", "街道总工会"
    SYSTEM = "系统工会", "系统工会"
    GRASSROOTS = "基层工会", "基层工会"
    JOINT = "联合基层工会", "联合基层工会"


SECOND_LEVEL = (OrgType.STREET, OrgType.SYSTEM)
GRASSROOTS = (OrgType.GRASSROOTS, OrgType.JOINT)
# Which types may sit directly under which: the three levels of SPEC §1, one more for a city.
ALLOWED_CHILDREN: dict[str, tuple[str, ...]] = {
    OrgType.CITY: (OrgType.DISTRICT,),
    OrgType.DISTRICT: (*SECOND_LEVEL, *GRASSROOTS),
    OrgType.STREET: GRASSROOTS,
    OrgType.SYSTEM: GRASSROOTS,
    OrgType.GRASSROOTS: (),
    OrgType.JOINT: (),
}


class OrgQuerySet(MP_NodeQuerySet, ScopedQuerySet):
    scope_field = ""


class OrgManager(MP_NodeManager.from_queryset(OrgQuerySet)):
    def get_queryset(self) -> OrgQuerySet:
        return OrgQuerySet(self.model, using=self._db).order_by("path")


class Org(MP_Node):
    name = models.CharField("组织名称", max_length=100, unique=True)
    org_type = models.CharField("组织类型", max_length=10, choices=OrgType.choices)
    founded_on = models.DateField("成立日期", null=True, blank=True, validators=[validate_not_future])
    chairman = models.CharField("工会主席", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    closed_on = models.DateField("撤销日期", null=True, blank=True)

    history = RecordHistory(excluded_fields=["path", "depth", "numchild"])
    objects = OrgManager()

    node_order_by = ["name"]
    steplen = 4

    class Meta:
        verbose_name = "组织"
        verbose_name_plural = "组织"
        constraints = [
            # One district (or city) at the root: scoping relies on it (core/scoping.py).
            models.UniqueConstraint(fields=["depth"], condition=models.Q(depth=1), name="org_single_root"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def paths_above(cls, path: str, *, including: bool = False) -> list[str]:
        """The paths of the orgs above the node at `path` (and its own, with `including`), root first."""
        end = len(path) + (cls.steplen if including else 0)
        return [path[:n] for n in range(cls.steplen, end, cls.steplen)]

    @property
    def is_street(self) -> bool:
        return self.org_type == OrgType.STREET

    @property
    def is_grassroots(self) -> bool:
        return self.org_type in GRASSROOTS

    def clean(self) -> None:
        if self.founded_on and self.closed_on and self.closed_on < self.founded_on:
            raise ValidationError({"closed_on": "撤销日期不能早于成立日期"})

    def short_name(self) -> str:
        """清波街道总工会 → 清波街道, the form people type in 所属街道."""
        return self.name.removesuffix("总工会") if self.is_street else self.name


class EmployerType(models.TextChoices):
    ENTERPRISE = "企业", "企业"
    INSTITUTION = "事业单位", "事业单位"
    AGENCY = "机关", "机关"
    SOCIAL = "社会组织", "社会组织"


class Employer(models.Model):
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    name = models.CharField("单位名称", max_length=120, db_index=True)
    employer_type = models.CharField("单位类型", max_length=8, choices=EmployerType.choices)
    street = models.ForeignKey(
        Org, verbose_name="所属街道", on_delete=models.PROTECT, related_name="street_employers",
        limit_choices_to={"org_type": OrgType.STREET},
    )
    union = models.ForeignKey(
        Org, verbose_name="所属工会", on_delete=models.PROTECT, related_name="covered_employers",
        null=True, blank=True, limit_choices_to={"org_type__in": GRASSROOTS},
    )
    industry = models.CharField("行业", max_length=50, blank=True)
    headcount = models.PositiveIntegerField("职工人数", null=True, blank=True)
    female_headcount = models.PositiveIntegerField("女职工人数", null=True, blank=True)
    closed_on = models.DateField("注销日期", null=True, blank=True)
    # The owning node (SPEC §2): its union, or its street while it has none.
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"

    def __str__(self) -> str:
        return self.name

    def owning_node(self) -> Org:
        return self.union or self.street

    def clean(self) -> None:
        errors = {}
        if self.street_id and self.street.org_type != OrgType.STREET:
            errors["street"] = "所属街道应为街道总工会"
        if self.union_id and self.union.org_type not in GRASSROOTS:
            errors["union"] = "所属工会应为基层工会或联合基层工会"
        raise_errors(self, errors, self.import_notices())

    def import_notices(self) -> dict[str, str]:
        """Rules beyond SPEC's (core.notices): this one is 逻辑检查 employer.women_over_total (§8)."""
        if self.headcount is not None and self.female_headcount is not None and self.female_headcount > self.headcount:
            return {"female_headcount": "女职工人数大于职工人数（逻辑检查 employer.women_over_total 会在上报前指出）"}
        return {}
