"""How a page hands a form to a service, and shows what the service refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.records import version_of


class VersionedModelForm(forms.ModelForm):
    """An edit form that carries the stored record's version (core.records.version_of); its
    service refuses the save when someone else saved the record after the form was opened."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:  # an edit, not a creation
            self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.initial["version"] = version_of(self.instance)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field where it names fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)

def save_form[T](request: HttpRequest, form: forms.BaseForm, save: Callable[[dict[str, Any]], T]) -> T | None:
    """On a valid POST, call `save(cleaned_data)` (a service) and return what it returns; None when
    the form was not posted, is invalid, or the service refused (its reasons are on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None

def form_page(
    request: HttpRequest, form: forms.BaseForm, *, title: str, nav: str, cancel_url: str,
    template: str = "core/form.html", **context: Any,
) -> HttpResponse:
    return render(request, template, {"form": form, "title": title, "nav": nav, "cancel_url": cancel_url, **context})
