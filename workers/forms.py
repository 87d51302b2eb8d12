from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from core.forms import VersionedModelForm
from orgs.forms import DATE
from orgs.models import Employer

from .models import Worker

if TYPE_CHECKING:
    from accounts.models import User  # accounts stands above the tree (a user's org)


class WorkerForm(VersionedModelForm):
    class Meta:
        model = Worker
        fields = [
            "name", "id_number", "employer", "mobile", "is_member", "joined_on", "labour_contract",
            "contract_start", "contract_end", "post", "model_worker_level", "status",
        ]
        widgets = {"joined_on": DATE, "contract_start": DATE, "contract_end": DATE}

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Employer.objects.visible_to(user).order_by("name")


class RevealForm(forms.Form):
    reason = forms.CharField(label="查看原因", min_length=2, max_length=200)
