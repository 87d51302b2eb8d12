from __future__ import annotations

from typing import Any

from django import forms

from public.guards import MAX_ATTACHMENT, attachment_problem

from .choices import Source


class PassMarkForm(forms.Form):
    pass_mark = forms.DecimalField(label="合格分", min_value=0, max_digits=6, decimal_places=1)


class ItemForm(forms.Form):
    name = forms.CharField(label="评分项目", max_length=100)
    source = forms.ChoiceField(label="计分方式", choices=Source.choices)
    points = forms.DecimalField(
        label="分值（扣分项为每件扣分）", min_value=0, max_digits=6, decimal_places=1
    )
    threshold = forms.DecimalField(
        label="达标线(%)（比率项，留空按默认）",
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=1,
    )


class MarkForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.DecimalField(label="给分", min_value=0, max_digits=6, decimal_places=1)
    evidence = forms.FileField(label="证明材料（PDF/PNG/JPEG，不超过 5 MB）", required=False)

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if not upload:
            return None
        data = upload.read(MAX_ATTACHMENT + 1)
        content_type, problem = attachment_problem(upload.name, data)
        if problem:
            raise forms.ValidationError(problem.replace("附件", "证明材料"))
        return {"data": data, "name": upload.name[:120], "type": content_type}
