"""The receiving union of a transfer, named by its exact name anywhere in the tree (SPEC §7): the
releasing side types a name and never sees a list of the tree's unions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class UnionByNameFormField(forms.CharField):
    def __init__(self, *, queryset: Any = None, **kwargs: Any) -> None:
        kwargs.pop("limit_choices_to", None)
        kwargs.pop("to_field_name", None)
        kwargs.pop("blank", None)
        kwargs.setdefault("help_text", "填写转入工会的完整名称")
        super().__init__(max_length=100, **kwargs)
        self.queryset = queryset

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and self.queryset is not None:
            found = (
                self.queryset.model._default_manager.filter(pk=value)
                .values_list("name", flat=True)
                .first()
            )
            return found or ""
        return value

    def clean(self, value: Any) -> Any:
        name = super().clean(value)
        if not name:
            return None
        from orgs.models import Org  # noqa: PLC0415  # the tree stands below members; kept local to the form

        org = Org.objects.filter(name=name.strip()).first()
        if org is None:
            raise ValidationError(f"找不到名为“{name.strip()}”的工会，请填写完整名称")
        return org


class UnionByNameField(models.ForeignKey):
    """A foreign key to an Org whose form asks for the org's exact name."""

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().formfield(**{"form_class": UnionByNameFormField, **kwargs})

    def clean(self, value: Any, model_instance: Any) -> Any:
        """A value given by the API (a move's `changes`): the union itself, by name or by id."""
        if value is None or value == "" or isinstance(value, models.Model):
            return value or None
        if isinstance(value, int):  # the model's own check of its stored id (clean_fields)
            return super().clean(value, model_instance)
        return UnionByNameFormField(queryset=None).clean(str(value))
