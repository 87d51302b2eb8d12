"""Pages of the worker register. Personal data leaves the server masked unless revealed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import form_page, save_form
from core.history import history_rows
from core.lists import Column, headers, paginate, sort_queryset
from core.masking import mask_id_number, mask_mobile
from core.permissions import business_reader, business_writer

from . import services
from .filters import WorkerFilter
from .forms import RevealForm, WorkerForm
from .models import Worker

WORKER_COLUMNS = [
    Column("name", "姓名", "name"),
    Column("id", "身份证号"),
    Column("gender", "性别", "gender"),
    Column("employer", "所在单位", "employer__name"),
    Column("street", "所属街道"),
    Column("member", "会员", "is_member"),
    Column("contract", "劳动合同", "labour_contract"),
    Column("status", "在职状态", "status"),
]


@business_reader
def worker_list(request: HttpRequest) -> HttpResponse:
    base = Worker.objects.visible_to(request.user).select_related("employer__street").only(
        "name", "id_number", "gender", "is_member", "labour_contract", "status",
        "employer__name", "employer__street__name", "employer__street__org_type",
    )
    filterset = WorkerFilter(request.GET, queryset=base, request=request)
    queryset, sort = sort_queryset(request, filterset.qs, WORKER_COLUMNS, "name")
    return render(request, "workers/worker_list.html", {
        "filter": filterset, "page": paginate(request, queryset), "headers": headers(WORKER_COLUMNS, sort),
        "nav": "workers", "title": "职工",
    })


@business_reader
def worker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    worker = get_object_or_404(Worker.objects.visible_to(request.user).select_related("employer__street", "employer__union"), pk=pk)
    return render(request, "workers/worker_detail.html", {
        "worker": worker, "history": history_rows(worker), "reveal_form": RevealForm(),
        "nav": "workers", "title": worker.name,
    })


@never_cache
@business_writer
@require_POST
def worker_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    worker = get_object_or_404(Worker.objects.visible_to(request.user), pk=pk)
    form = RevealForm(request.POST)
    revealed = None
    if form.is_valid():
        try:
            revealed = services.worker_reveal(user=request.user, worker=worker, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as e:
            form.add_error("reason", e)
    return render(request, "workers/worker_detail.html#personal", {"worker": worker, "revealed": revealed, "reveal_form": form})


@business_writer
def worker_create(request: HttpRequest) -> HttpResponse:
    form = WorkerForm(request.POST or None, user=request.user, initial={"employer": request.GET.get("employer")})
    if worker := save_form(request, form, lambda data: services.worker_create(user=request.user, request=request, **data)):
        messages.success(request, f"已新增职工“{worker.name}”。")
        return redirect("workers:worker-detail", pk=worker.pk)
    return form_page(request, form, title="新增职工", nav="workers", cancel_url=reverse("workers:worker-list"))


#: personal fields the edit form never echoes: blank keeps the stored value, a typed one replaces it
KEPT_WHEN_BLANK = {"id_number": mask_id_number, "mobile": mask_mobile}


@business_writer
def worker_edit(request: HttpRequest, pk: int) -> HttpResponse:
    worker = get_object_or_404(Worker.objects.visible_to(request.user), pk=pk)
    data = request.POST.copy() if request.method == "POST" else None
    kept = [f for f in KEPT_WHEN_BLANK if data is not None and not data.get(f, "").strip()]
    for f in kept:
        data[f] = getattr(worker, f)
    form = WorkerForm(data, user=request.user, instance=Worker.objects.get(pk=worker.pk), initial=dict.fromkeys(KEPT_WHEN_BLANK, ""))
    for f, mask in KEPT_WHEN_BLANK.items():
        form.fields[f].required = False
        form.fields[f].help_text = f"当前：{mask(getattr(worker, f)) or '未填写'}；留空表示不修改"
    if save_form(request, form, lambda data: services.worker_update(user=request.user, worker=worker, request=request, **data)):
        messages.success(request, "已保存。")
        return redirect("workers:worker-detail", pk=worker.pk)
    for f in kept:
        form.data[f] = ""
    return form_page(request, form, title=f"编辑职工：{worker.name}", nav="workers",
                     cancel_url=reverse("workers:worker-detail", args=[worker.pk]))


@business_writer
def worker_delete(request: HttpRequest, pk: int) -> HttpResponse:
    worker = get_object_or_404(Worker.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        services.worker_delete(user=request.user, worker=worker, request=request)
        messages.success(request, f"已删除职工“{worker.name}”。")
        return redirect("workers:worker-list")
    return render(request, "orgs/confirm_delete.html", {"object": worker, "refs": [], "nav": "workers", "title": f"删除职工：{worker.name}"})
