from __future__ import annotations

from django import forms

from .models import Award, Entry


class ResultForm(forms.Form):
    """One entrant's 成绩 and 奖项 in the results form (the same values the import takes)."""

    result = forms.CharField(label="成绩", max_length=Entry._meta.get_field("result").max_length, required=False)
    award = forms.ChoiceField(label="奖项", choices=[("", "—"), *Award.choices], required=False)
