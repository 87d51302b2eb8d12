"""Password rules of GB/T 22239 level 3: complexity, no reuse of the last five."""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from .models import User

CLASSES = (
    ("大写字母", set(string.ascii_uppercase)),
    ("小写字母", set(string.ascii_lowercase)),
    ("数字", set(string.digits)),
    ("特殊符号", set(string.punctuation)),
)


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: User | None = None) -> None:
        present = sum(1 for _, chars in CLASSES if chars & set(password))
        if present < self.min_classes:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、特殊符号中的至少%(n)d类。",
                code="password_classes",
                params={"n": self.min_classes},
            )

    def get_help_text(self) -> str:
        return f"密码须包含大写字母、小写字母、数字、特殊符号中的至少{self.min_classes}类。"


class RecentPasswordValidator:
    def __init__(self, remember: int = 5) -> None:
        self.remember = remember

    def validate(self, password: str, user: User | None = None) -> None:
        if user is None or getattr(user, "pk", None) is None:
            return
        recent = list(user.password_history.values_list("password", flat=True)[: self.remember])
        # Every password set goes into the history, so its newest entry is the current password;
        # an account whose password was set some other way still may not keep its current one.
        current = getattr(user, "password", "")
        if current and current not in recent:
            recent = [current, *recent][: self.remember]
        if any(check_password(password, encoded) for encoded in recent):
            raise ValidationError(
                "新密码不能与最近%(n)d次使用过的密码相同。", code="password_reused", params={"n": self.remember}
            )

    def get_help_text(self) -> str:
        return f"不能与最近{self.remember}次使用过的密码相同。"
