"""Forms of the login pages and the account pages; the rules themselves live in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_texts

from orgs.models import Org

from .models import Role, User
from .selectors import orgs_for_accounts


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。",
        "inactive": "用户名或密码错误。",  # do not tell a guesser that the account exists
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].error_messages["required"] = "请输入用户名"
        self.fields["password"].error_messages["required"] = "请输入密码"

    def get_invalid_login_error(self) -> forms.ValidationError:
        failures = getattr(self.request, "axes_failures_since_start", None)
        limit = settings.AXES_FAILURE_LIMIT
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        message = "用户名或密码错误。"
        if failures and failures < limit:
            message += f"已连续失败{failures}次，连续失败{limit}次将锁定{minutes}分钟。"
        return forms.ValidationError(message, code="invalid_login")


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="原密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password1 = forms.CharField(
        label="新密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label="再次输入新密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = " ".join(password_validators_help_texts())
        for field in self.fields.values():
            field.error_messages["required"] = f"请填写{field.label}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        one, two = data.get("new_password1"), data.get("new_password2")
        if one and two and one != two:
            self.add_error("new_password2", "两次输入的新密码不一致")
        return data


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label="动态口令", min_length=6, max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": "请输入6位动态口令", "min_length": "动态口令为6位数字", "max_length": "动态口令为6位数字"},
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError("动态口令为6位数字")
        return token


class OrgChoiceField(forms.ModelChoiceField):
    """The subtree as an indented list, in tree order."""

    def label_from_instance(self, obj: Org) -> str:
        base = getattr(self, "base_depth", 1)
        return "　" * max(0, obj.depth - base) + obj.name


class AccountForm(forms.Form):
    full_name = forms.CharField(label="姓名", max_length=50)
    org = OrgChoiceField(label="所属组织", queryset=Org.objects.none(), empty_label="请选择")
    role = forms.ChoiceField(label="角色", choices=[("", "请选择"), *Role.choices])

    def __init__(self, *args: Any, manager: User, account: User | None = None, **kwargs: Any) -> None:
        if account is not None:
            kwargs.setdefault("initial", {"full_name": account.full_name, "org": account.org_id, "role": account.role})
        super().__init__(*args, **kwargs)
        orgs = orgs_for_accounts(manager)
        if account is None:  # new accounts only on open orgs; an edit keeps the current one listed
            orgs = orgs.filter(closed_on__isnull=True)
        self.fields["org"].queryset = orgs
        self.fields["org"].base_depth = manager.org.depth
        for name, field in self.fields.items():
            field.error_messages["required"] = f"请填写{field.label}" if name == "full_name" else f"请选择{field.label}"
        self.fields["org"].error_messages["invalid_choice"] = "所选组织不在您的管辖范围内"


class AccountCreateForm(AccountForm):
    username = forms.CharField(
        label="用户名", max_length=150, help_text="登录用，字母、数字或 @ . + - _，创建后不能修改。"
    )
    field_order = ["username", "full_name", "org", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "请填写用户名"
