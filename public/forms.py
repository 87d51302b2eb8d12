"""The public form every kind shares; a kind adds its own fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from core.validators import validate_mobile
from orgs.models import Employer

from .guards import MAX_ATTACHMENT, attachment_problem, challenge_passed
from .kinds import PublicKind


class PublicForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=20)
    mobile = forms.CharField(label="手机号（选填，便于回访）", max_length=20, required=False)
    employer_search = forms.CharField(label="所在单位", max_length=60, required=False,
                                      help_text="输入单位名称中的两个字以上搜索后选择，或填写完整的单位名称/统一社会信用代码")
    employer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label="标题", max_length=100)
    content = forms.CharField(label="内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(label="附件（选填，PDF/PNG/JPEG，不超过 5 MB）", required=False)
    answer = forms.CharField(label="验证问题", max_length=4)
    token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, label="请勿填写")  # a field people never see: bots fill it

    def __init__(self, *args: Any, kind: PublicKind, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "：")  # a full-width colon after a Chinese label
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["title"].label = kind.title_label
        self.fields["content"].label = kind.content_label
        extra = kind.fields()
        order = ["name", "mobile", *extra, "employer_search", "employer", "title", "content", "attachment", "answer", "token", "website"]
        self.fields.update(extra)
        self.order_fields(order)
        for field in self.fields.values():  # a missing value named, once, in the page's words
            verb = "请选择" if isinstance(field, forms.ChoiceField) else "请填写"
            field.error_messages["required"] = f"{verb}{str(field.label).split('（')[0]}"
        self.fields["answer"].error_messages["required"] = "请回答验证问题"

    def clean_mobile(self) -> str:
        value = self.cleaned_data["mobile"].strip()
        return validate_mobile(value) or value if value else ""

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if upload.size > MAX_ATTACHMENT:  # refused before the file is read
            raise ValidationError(f"附件 {upload.size / 2**20:.1f} MB，超过 5 MB 上限")
        data = upload.read()
        content_type, problem = attachment_problem(upload.name, data)
        if problem:
            raise ValidationError(problem)
        return {"name": upload.name[-120:], "type": content_type, "data": data}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("website"):
            raise ValidationError("提交未通过校验，请刷新页面后重试")
        if "answer" not in self.errors and not challenge_passed(data.get("token", ""), data.get("answer", "")):
            self.add_error("answer", "验证问题的答案不对（或页面已过期），请重新回答")
        data["employer_obj"] = self._employer(data)
        return data

    def _employer(self, data: dict[str, Any]) -> Employer | None:
        open_employers = Employer.objects.filter(closed_on__isnull=True)
        if data.get("employer"):
            found = open_employers.filter(pk=data["employer"]).first()
            if found:
                return found
        text = (data.get("employer_search") or "").strip()
        if not text and self.kind.employer_optional:
            return None
        if not text:
            self.add_error("employer_search", "请填写所在单位")
            return None
        matches = list(open_employers.filter(credit_code=text.upper())[:2]) or list(open_employers.filter(name=text)[:2])
        if len(matches) == 1:
            return matches[0]
        self.add_error("employer_search", "找不到这个单位，请输入名称中的几个字搜索后从结果中选择" if not matches
                       else "有多个同名单位，请从搜索结果中选择或填写统一社会信用代码")
        return None
