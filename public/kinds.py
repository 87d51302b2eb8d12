"""The kinds of public submission: each app that takes one declares it as KIND in `<app>/public.py`,
found here by discovery; the public index lists them in INSTALLED_APPS order.

One mechanism serves them all (form, limits, challenge, attachment, tracking code); a kind says
only what it asks beyond the common fields and how it becomes a record of its register."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django import forms

from core.discovery import app_modules


@dataclass(frozen=True)
class Repeat:
    """What `create` returns when the filing names a record that already exists. Refusing it would
    tell anyone who types a 身份证号 whether that person is registered, so it is filed like any
    other: the ticket joins the existing record unchanged and waits for its union's answer."""

    record: Any
    standing: str  # what the tracking page shows: the first state of a new filing
    note: str  # what the form said


@dataclass(frozen=True)
class PublicKind:
    slug: str  # /p/<slug>/
    label: str  # what the worker files: 合理化建议, 劳动争议调解申请…
    intro: str  # one paragraph above the form
    # fields beyond 姓名, 手机号, 所在单位, 标题, 内容 (name → form field), in form order
    fields: Callable[[], dict[str, forms.Field]] = dict
    # create(cleaned data, employer) → the saved record, in its workflow's first state; it may
    # raise ValidationError (a missing street) shown on the form, or return a Repeat
    create: Callable[[dict[str, Any], Any], Any] = field(default=lambda data, employer: None)
    # what the tracking page links to beyond the state (a member's card once approved): record →
    # [(label, URL)]
    links: Callable[[Any], list[tuple[str, str]]] = field(default=lambda record: [])
    # the filer may leave 所在单位 blank (a 新就业形态 worker applying to join); `create` says when it is needed
    employer_optional: bool = False
    title_label: str = "标题"
    content_label: str = "内容"


@cache
def kinds() -> dict[str, PublicKind]:
    return {module.KIND.slug: module.KIND for module in app_modules("public")}
