"""The pages every declared register gets: list, detail with history, create, edit, delete, and
its workflow's moves. Orgs, employers and workers have pages of their own (Register.list_url)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.forms import modelform_factory
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from core.declarations import Register
from core.forms import add_service_errors
from core.history import history_rows
from core.http import AuthedRequest
from core.lists import Column as ListColumn
from core.lists import headers, paginate_by_ids, sort_queryset
from core.permissions import business_reader, business_writer
from public.services import tickets_of
from todo.due import for_register
from workflows.services import move, transitions_of

from . import records
from .catalog import get_register
from .ordering import list_order
from .pages import record_url
from .person import person_of, person_sections
from .record_forms import RecordForm


def _register(slug: str) -> Register:
    register = get_register(slug)
    if register.list_url or register.model is None:
        raise Http404("该台账有自己的页面")
    return register


def _record(request: AuthedRequest, register: Register, pk: int) -> Any:
    return get_object_or_404(register.queryset(request.user), pk=pk)


def _context(register: Register, **extra: Any) -> dict[str, Any]:
    return {"register": register, "nav": register.slug, **extra}


@business_reader
def record_list(request: AuthedRequest, slug: str) -> HttpResponse:
    register = _register(slug)
    columns = register.list_columns
    sortable = [
        # personal data is not sortable: the order of full numbers would tell what the masks hide
        ListColumn(f"c{i}", c.name, c.source if isinstance(c.source, str) and not c.mask else None, c.kind in ("int", "decimal"))
        for i, c in enumerate(columns)
    ]
    queryset = register.queryset(request.user)
    filterset = None
    if register.filterset is not None:
        filterset = register.filterset(request.GET, queryset=queryset, request=request)
        queryset = filterset.qs
    queryset = with_shown_records(register, queryset, columns)
    asked = request.GET.get("sort", "")
    if asked.removeprefix("-") in {c.key for c in sortable if c.order_by}:
        queryset, sort = sort_queryset(request, queryset, sortable, asked)
    else:  # every register's one order: newest first by the record's own date (its header marked ▼)
        order = list_order(register)
        queryset = queryset.order_by(*order)
        sort = next((f"-{c.key}" for c in sortable if c.order_by and f"-{c.order_by}" == order[0]), "")
    page = paginate_by_ids(request, queryset)
    totals = register.totals(queryset) if register.totals else []
    # personal data shows in a fixed-width font; free text may wrap, codes, dates and choices do not
    classes = ["masked" if c.mask else "long" if c.kind == "text" and not c.choices else "" for c in columns]
    rows = [(record, list(zip(values, classes, strict=True)))
            for record, values in zip(page.object_list, records.display_rows(register, list(page.object_list), columns=columns), strict=True)]
    due = for_register(request.user, timezone.localdate(), register.slug)
    return render(request, "registers/record_list.html", _context(
        register, filter=filterset, page=page, rows=rows, headers=headers(sortable, sort), title=register.label,
        totals=totals, due=due[:5], due_total=len(due), overdue=sum(1 for i in due if i.overdue),
        due_url=f"{reverse('todo:due-list')}?register={register.slug}",
    ))


def with_shown_records(register: Register, queryset: Any, columns: list) -> Any:
    """The records the columns show by name, read with the rows (no query per row)."""
    # by the field's name: a key column may hold the link's id (`employer_id`)
    related = sorted({register.model._meta.get_field(c.field).name for c in columns
                      if c.ref is not None and c.field and _is_fk(register, c.field)})
    queryset = queryset.select_related(*related) if related else queryset
    several = [c.shown for c in columns if c.shown and _field_kind(register, c.shown) == "many"]
    return queryset.prefetch_related(*several) if several else queryset


def _field_kind(register: Register, name: str) -> str:
    """"one" for a link to one record, "many" for a many-to-many, "" otherwise (a property)."""
    try:
        field = register.model._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    return "one" if field.many_to_one or field.one_to_one else "many" if field.many_to_many else ""


def _is_fk(register: Register, name: str) -> bool:
    return _field_kind(register, name) == "one"


@business_reader
def record_detail(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    register = _register(slug)
    record = _record(request, register, pk)
    values = records.display_rows(register, [record])[0]
    flow = getattr(register.model, "WORKFLOW", None)
    links = register.links(record) if register.links else []
    if register.person_field and getattr(record, register.person_field):
        links = [*links, ("个人档案", reverse("registers:person", args=[slug, record.pk]))]
    more = [(str(f.verbose_name), getattr(record, f.name)) for f in register.model._meta.concrete_fields
            if f.name in register.more_fields]
    return render(request, "registers/record_detail.html", _context(
        register, record=record, more=more, links=links,
        fields=[(c.name, v, c.mask is not None) for c, v in zip(register.columns, values, strict=True)],
        flow=flow, state=getattr(record, flow.field) if flow else "",
        next_states=flow.next_states(getattr(record, flow.field)) if flow else (),
        transitions=transitions_of(record) if flow else [], history=history_rows(record),
        notices=register.notices(record) if register.notices else [],
        tickets=tickets_of(record) if flow else [],
        title=str(record),
    ))


def _form_page(request: AuthedRequest, register: Register, form: RecordForm, title: str, cancel: str) -> HttpResponse:
    return render(request, "registers/record_form.html", _context(register, form=form, title=title, cancel_url=cancel))


@business_writer
def record_create(request: AuthedRequest, slug: str) -> HttpResponse:
    register = _register(slug)
    form = RecordForm(request.POST if request.method == "POST" else None, register=register)
    if request.method == "GET":  # a page elsewhere may open the form filled in (?涉及单位=…: header=value)
        form.initial.update({form.by_column[h]: v for h, v in request.GET.items() if h in form.by_column})
    if request.method == "POST" and form.is_valid():
        record, problems = records.save_record(register, request.user, form.cells(), request=request)
        if record is not None:
            messages.success(request, f"已新增{register.label}“{record}”。")
            return redirect(record_url(slug, record.pk))
        form.add_problems(problems)
    return _form_page(request, register, form, f"新增{register.label}", register.list_page)


@business_writer
def record_edit(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    register = _register(slug)
    record = _record(request, register, pk)
    cells = records.cells_of(register, record, user=request.user)
    form = RecordForm(request.POST if request.method == "POST" else None, register=register, cells=cells, editing=True,
                      initial={"version": records.version_of(record)})
    if request.method == "POST" and form.is_valid():
        try:
            saved, problems = records.save_record(register, request.user, form.cells(), editing=record,
                                                  version=form.cleaned_data["version"], request=request)
        except records.Conflict as conflict:
            form.add_error(None, conflict)
            form.conflict = True
        else:
            if saved is not None:
                messages.success(request, "已保存。")
                return redirect(record_url(slug, saved.pk))
            form.add_problems(problems)
    return _form_page(request, register, form, f"编辑{register.label}：{record}", record_url(slug, pk))


@business_writer
def record_delete(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    register = _register(slug)
    record = _record(request, register, pk)
    error = ""
    if request.method == "POST":
        try:
            records.delete_record(register, request.user, record, request=request)
        except ValidationError as refusal:
            error = "；".join(refusal.messages)
        else:
            messages.success(request, f"已删除{register.label}“{record}”。")
            return redirect(register.list_page)
    return render(request, "orgs/confirm_delete.html", _context(
        register, object=record, refs=[], error=error, title=f"删除{register.label}：{record}",
    ))


class MoveForm(forms.Form):
    reason = forms.CharField(label="原因或说明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _needs_field(field: Any, **kwargs: Any) -> forms.Field | None:
    """A step's value as the create form asks for it: dates with the browser's date picker."""
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    return field.formfield(**kwargs)


def _drop_bare_required(form: forms.BaseForm) -> None:
    """A field the model's own rule already explains (已实施的建议须填写经济效益) needs no bare
    这个字段是必填项 beside it."""
    for name, errors in form.errors.items():
        required = form.fields[name].error_messages["required"] if name in form.fields else None
        if len(errors) > 1:
            errors.data = [e for e in errors.as_data() if e.messages != [required]]


@business_writer
def record_move(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """Move a record to the next state of its workflow, with a reason and what that state needs."""
    register = _register(slug)
    record = _record(request, register, pk)
    flow = getattr(register.model, "WORKFLOW", None)
    to = request.GET.get("to") or request.POST.get("to") or ""
    if flow is None or to not in flow.next_states(getattr(record, flow.field)):
        raise Http404("没有这一步")
    needs = flow.needs.get(to, ())
    NeedsForm = modelform_factory(register.model, fields=needs, formfield_callback=_needs_field) if needs else None  # noqa: N806
    data = request.POST if request.method == "POST" else None
    form = MoveForm(data)
    if to in flow.needs_reason:  # said with the other missing values, not after they are filled
        form.fields["reason"].required = True
        form.fields["reason"].error_messages["required"] = f"变为“{to}”须填写原因"
    needs_form = None
    if NeedsForm is not None:
        # the form checks its fields as the record will be: in the new state (a paid application
        # has its 发放日期, an unpaid one may not)
        moving = register.model._default_manager.get(pk=record.pk)
        setattr(moving, flow.field, to)
        needs_form = NeedsForm(data, instance=moving)
    for field in (needs_form.fields.values() if needs_form else ()):
        field.required = True
        field.error_messages["required"] = "必填，不能为空"  # the create form's and the import's words
    if needs_form is not None and data is not None and not needs_form.is_valid():
        _drop_bare_required(needs_form)
    if data is not None and form.is_valid() and (needs_form is None or needs_form.is_valid()):
        changes = {n: needs_form.cleaned_data[n] for n in needs} if needs_form else {}
        try:
            move(record, to, user=request.user, reason=form.cleaned_data["reason"], changes=changes, request=request)
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as refusal:
            add_service_errors(needs_form if needs_form is not None and hasattr(refusal, "error_dict") else form, refusal)
        else:
            messages.success(request, f"已变更为“{to}”。")
            return redirect(record_url(slug, pk))
    return render(request, "registers/record_move.html", _context(
        register, record=record, form=form, needs_form=needs_form, to=to, title=f"{register.label}：{record} → {to}",
        cancel_url=record_url(slug, pk),
    ))


@business_reader
def person(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    """Everything the registers hold under one 身份证号, reached from a record that holds it."""
    id_number, name, worker = person_of(request.user, slug, pk)
    sections = person_sections(request.user, id_number)
    return render(request, "registers/person.html", {
        "id_number": id_number, "name": name, "worker": worker, "sections": sections,
        "total": sum(len(s.rows) for s in sections), "nav": "workers", "title": f"个人档案：{name}",
    })
