"""Recording a finding's 整改结果 after the inspection (the record pages themselves are generic)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from core.forms import form_page, save_form
from core.permissions import business_writer
from registers.pages import record_url

from . import services
from .forms import ResultForm
from .models import Inspection


@business_writer
def inspection_result(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    form = ResultForm(request.POST or None, initial={"result": inspection.result})
    saved = save_form(request, form, lambda data: services.inspection_record_result(
        user=request.user, inspection=inspection, request=request, **data))
    if saved is not None:
        messages.success(request, f"已记录检查 {saved.number} 的整改结果：{saved.result}。")
        return redirect(record_url("inspections", saved.pk))
    return form_page(request, form, title=f"记录整改结果：{inspection.number}", nav="inspections",
                     cancel_url=record_url("inspections", inspection.pk))
