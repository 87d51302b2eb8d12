from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from core.forms import VersionedModelForm

from .models import GRASSROOTS, Employer, Org, OrgType

if TYPE_CHECKING:
    from accounts.models import User  # accounts stands above the tree (a user's org)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrgForm(VersionedModelForm):
    """Editing an org; its 组织类型 is fixed at creation, since the tree's levels hang on it."""

    class Meta:
        model = Org
        fields = ["name", "founded_on", "chairman", "phone", "closed_on"]
        widgets = {"founded_on": DATE, "closed_on": DATE}


class OrgCreateForm(OrgForm):
    class Meta(OrgForm.Meta):
        fields = ["name", "org_type", "founded_on", "chairman", "phone"]


class MoveOrgForm(forms.Form):
    new_parent = forms.ModelChoiceField(label="新上级组织", queryset=Org.objects.none())
    reason = forms.CharField(label="调整原因", max_length=200, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, user: User, org: Org, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = (
            Org.objects.visible_to(user)
            .exclude(path__startswith=org.path)
            .exclude(org_type__in=GRASSROOTS)
            .order_by("path")
        )


def street_choices(user: User) -> forms.ModelChoiceField:
    """The streets of the user's district: an employer covered by a union of a 系统工会 or of a
    street still lies in some street of the district. Which node owns the employer is checked by
    the service (its union, or its street, must be in the user's subtree)."""
    above = Org.paths_above(user.org.path, including=True)
    district = Org.objects.filter(path__in=above, org_type=OrgType.DISTRICT).values_list("path", flat=True).first()
    streets = Org.objects.filter(org_type=OrgType.STREET, path__startswith=district or user.org.path)
    return forms.ModelChoiceField(label="所属街道", queryset=streets.order_by("name"))


def union_choices(user: User) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="所属工会", required=False, empty_label="（未建会）",
        queryset=Org.objects.visible_to(user).filter(org_type__in=GRASSROOTS).order_by("name"),
    )


class EmployerForm(VersionedModelForm):
    class Meta:
        model = Employer
        fields = ["credit_code", "name", "employer_type", "industry", "headcount", "female_headcount", "closed_on"]
        widgets = {"closed_on": DATE}


class EmployerCreateForm(EmployerForm):
    class Meta(EmployerForm.Meta):
        fields = ["credit_code", "name", "employer_type", "street", "union", "industry", "headcount", "female_headcount"]

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["street"] = street_choices(user)
        self.fields["union"] = union_choices(user)


class MoveEmployerForm(forms.Form):
    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["street"] = street_choices(user)
        self.fields["union"] = union_choices(user)
        self.fields["reason"] = forms.CharField(
            label="调整原因", max_length=200, widget=forms.Textarea(attrs={"rows": 2})
        )
