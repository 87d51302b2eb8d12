"""The pages of 创建劳动关系和谐企业 (SPEC §9): the year's scoring table, entered by the root's admin and
frozen once used, and an assessment's scores: the steps that froze them, what the registers give
today, and the manual items a reviewer marks with evidence. The steps themselves are the record
page's workflow moves (registers), each through `workflows.services.move`."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_record
from core.permissions import business_reader, business_writer

from . import services
from .forms import ItemForm, MarkForm, PassMarkForm
from .models import Assessment, ManualMark, ScoringItem, ScoringTable
from .rules import as_of, level_refusal


def _problems(form) -> str:  # type: ignore[no-untyped-def]
    return "；".join(
        f"{form.fields[f].label}：{'；'.join(e)}" if f in form.fields else "；".join(e)
        for f, e in form.errors.items()
    )


@business_reader
def tables(request: HttpRequest) -> HttpResponse:
    years = list(ScoringTable.objects.values_list("year", flat=True))
    return render(
        request,
        "harmony/tables.html",
        {
            "years": years,
            "this_year": timezone.localdate().year,
            "may_edit": services.may_edit_tables(request.user),
            "nav": "assessments",
            "title": "和谐企业评分表",
        },
    )


@business_reader
def table(request: HttpRequest, year: int) -> HttpResponse:
    if not 2000 <= year <= timezone.localdate().year:  # a 年度 that has begun (validate_year)
        raise Http404("没有这一年度")
    found = ScoringTable.objects.filter(year=year).prefetch_related("items").first()
    user = request.user
    if request.method == "POST":
        try:
            _table_post(request, year, found)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        return redirect("harmony:table", year=year)
    return render(
        request,
        "harmony/table.html",
        {
            "year": year,
            "table": found,
            "items": list(found.items.all()) if found else [],
            "frozen": found.frozen if found else False,
            "may_edit": services.may_edit_tables(user),
            "pass_form": PassMarkForm(initial={"pass_mark": found.pass_mark if found else 80}),
            "item_form": ItemForm(),
            "nav": "assessments",
            "title": f"{year}年度和谐企业评分表",
        },
    )


def _table_post(request: HttpRequest, year: int, found: ScoringTable | None) -> None:
    user = request.user
    if not user.writes_business_data:  # type: ignore[union-attr]  # a logged-in user (business_reader)
        raise PermissionDenied("您的角色无权修改业务数据。")
    action = request.POST.get("action", "")
    if action == "pass_mark":
        form = PassMarkForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_problems(form))
        services.table_save(
            user=user, year=year, pass_mark=form.cleaned_data["pass_mark"], request=request
        )  # type: ignore[arg-type]
        messages.success(request, "已保存合格分。")
    elif action == "add":
        if found is None:
            raise ValidationError("请先填写合格分，建立本年度评分表")
        form = ItemForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_problems(form))
        data = form.cleaned_data
        services.item_add(
            user=user,
            table=found,
            name=data["name"],
            source=data["source"],
            points=data["points"],  # type: ignore[arg-type]
            threshold=data["threshold"],
            request=request,
        )
        messages.success(request, f"已增加评分项目“{data['name']}”。")
    elif action == "delete":
        item = get_object_or_404(ScoringItem, pk=request.POST.get("item") or 0, table__year=year)
        services.item_delete(user=user, item=item, request=request)  # type: ignore[arg-type]
        messages.success(request, f"已删除评分项目“{item.name}”。")
    else:
        raise ValidationError("未知的操作")


@business_reader
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(
        Assessment.objects.visible_to(request.user).select_related("employer", "node", "honour"),
        pk=pk,
    )
    table_ = ScoringTable.objects.filter(year=record.year).prefetch_related("items").first()
    preview = None
    if table_ is not None and record.status in services.MARKED_STEP:
        day = as_of(record.year, timezone.localdate())
        score, items = services.score_now(record, table_, day)
        preview = {"score": score, "items": items, "as_of": day, "pass_mark": table_.pass_mark}
    step = services.MARKED_STEP.get(record.status)
    may_mark = bool(
        step and request.user.writes_business_data and not level_refusal(request.user, record, step)
    )  # type: ignore[union-attr]
    manual = [i for i in (table_.items.all() if table_ else []) if i.source == "人工评分"]
    marks = {m.item: m for m in record.marks.defer("evidence")}
    return render(
        request,
        "harmony/assessment.html",
        {
            "record": record,
            "steps": list(record.steps.all()),
            "preview": preview,
            "table": table_,
            "manual": [(item, marks.get(item.name)) for item in manual],
            "may_mark": may_mark,
            "nav": "assessments",
            "title": str(record),
        },
    )


@business_writer
@require_POST
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Assessment.objects.visible_to(request.user), pk=pk)
    form = MarkForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _problems(form))
        return redirect("harmony:assessment", pk=pk)
    item = get_object_or_404(ScoringItem, pk=form.cleaned_data["item"], table__year=record.year)
    try:
        services.mark_give(
            user=request.user,
            assessment=record,
            item=item,
            points=form.cleaned_data["points"],  # type: ignore[arg-type]
            evidence=form.cleaned_data["evidence"],
            request=request,
        )
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, f"{item.name}：" + "；".join(error.messages))
    else:
        messages.success(request, f"已为“{item.name}”给分。")
    return redirect("harmony:assessment", pk=pk)


@business_reader
def evidence(request: HttpRequest, pk: int, mark_pk: int) -> HttpResponse:
    record = get_object_or_404(Assessment.objects.visible_to(request.user), pk=pk)
    found = get_object_or_404(ManualMark, pk=mark_pk, assessment=record)
    if not found.evidence_name:
        raise Http404("没有证明材料")
    audit_record(
        action=Action.EXPORT, request=request, obj=record, detail={"证明材料": found.evidence_name}
    )
    response = HttpResponse(bytes(found.evidence), content_type=found.evidence_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(found.evidence_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
