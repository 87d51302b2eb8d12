from __future__ import annotations

from decimal import Decimal

from django import forms

from .models import Status


class ActForm(forms.Form):
    """One step of the approval queue: the state to move to and what that step asks for."""

    to = forms.ChoiceField(choices=[(s, s) for s in (Status.STREET_REVIEWED, Status.DISTRICT_APPROVED, Status.PAID, Status.REFUSED)])
    reason = forms.CharField(label="意见或原因", required=False, max_length=500)
    approved_amount = forms.DecimalField(label="批准金额(元)", required=False, max_digits=12, decimal_places=2,
                                         min_value=Decimal("0.01"))
    paid_on = forms.DateField(label="发放日期", required=False)
