"""Pages of the org tree and the employer register. Reads start from visible_to(user)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.declarations import UnionlessAction
from core.discovery import app_modules
from core.forms import form_page, save_form
from core.history import history_rows
from core.lists import Column, headers, paginate, sort_queryset
from core.panels import record_panels
from core.params import int_param
from core.permissions import business_reader, business_writer

from . import services
from .filters import EmployerFilter, OrgFilter
from .forms import (
    EmployerCreateForm,
    EmployerForm,
    MoveEmployerForm,
    MoveOrgForm,
    OrgCreateForm,
    OrgForm,
)
from .models import ALLOWED_CHILDREN, Employer, Org
from .selectors import tree_children

# --- tree ---------------------------------------------------------------------------------------


@business_reader
def tree(request: HttpRequest) -> HttpResponse:
    root = tree_children(user=request.user, parent=None)[0]
    return render(request, "orgs/tree.html", {
        "root": root, "children": tree_children(user=request.user, parent=root), "nav": "tree", "title": "组织架构",
    })


@business_reader
def tree_node(request: HttpRequest, pk: int) -> HttpResponse:
    parent = get_object_or_404(Org.objects.visible_to(request.user), pk=pk)
    return render(request, "orgs/tree.html#children", {"nodes": tree_children(user=request.user, parent=parent)})


# --- orgs ---------------------------------------------------------------------------------------

ORG_COLUMNS = [
    Column("name", "组织名称", "name"),
    Column("type", "组织类型", "org_type"),
    Column("parent", "上级组织"),
    Column("founded", "成立日期", "founded_on"),
    Column("chairman", "工会主席", "chairman"),
    Column("employers", "覆盖单位", "n_employers", numeric=True),
    Column("state", "状态", "closed_on"),
]


@business_reader
def org_list(request: HttpRequest) -> HttpResponse:
    base = Org.objects.visible_to(request.user).annotate(n_employers=Count("covered_employers"))
    filterset = OrgFilter(request.GET, queryset=base, request=request)
    queryset, sort = sort_queryset(request, filterset.qs, ORG_COLUMNS, "name")
    page = paginate(request, queryset)
    parents = _parents_of(page.object_list)
    for org in page.object_list:
        org.parent_name = parents.get(org.path[: -Org.steplen], "—")
    return render(request, "orgs/org_list.html", {
        "filter": filterset, "page": page, "headers": headers(ORG_COLUMNS, sort), "nav": "orgs", "title": "组织",
    })


def _parents_of(orgs) -> dict[str, str]:
    paths = {o.path[: -Org.steplen] for o in orgs if o.depth > 1}
    return dict(Org.objects.filter(path__in=paths).values_list("path", "name")) if paths else {}


@business_reader
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Org.objects.visible_to(request.user), pk=pk)
    stats = Employer.objects.filter(node__path__startswith=org.path).aggregate(
        employers=Count("id"), no_union=Count("id", filter=Q(union__isnull=True))
    )
    return render(request, "orgs/org_detail.html", {
        "org": org, "parent": Org.objects.get_parent(org) if org.depth > 1 else None,
        "children": Org.objects.get_children(org).order_by("name"), "stats": stats,
        "history": history_rows(org), "can_add_child": bool(ALLOWED_CHILDREN.get(org.org_type)),
        "nav": "orgs", "title": org.name,
    })


@business_writer
def org_create(request: HttpRequest) -> HttpResponse:
    wanted = request.GET.get("parent", "")
    parent = get_object_or_404(Org.objects.visible_to(request.user), pk=int_param(wanted) or request.user.org_id)
    form = OrgCreateForm(request.POST or None)
    form.fields["org_type"].choices = [(t, t) for t in ALLOWED_CHILDREN.get(parent.org_type, ())]
    if org := save_form(request, form, lambda data: services.org_create(user=request.user, parent=parent, request=request, **data)):
        messages.success(request, f"已新增组织“{org.name}”。")
        return redirect("orgs:org-detail", pk=org.pk)
    return form_page(request, form, title=f"新增下级组织（上级：{parent.name}）", nav="orgs",
                     cancel_url=reverse("orgs:org-detail", args=[parent.pk]))


@business_writer
def org_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Org.objects.visible_to(request.user), pk=pk)
    form = OrgForm(request.POST or None, instance=Org.objects.get(pk=org.pk))
    if save_form(request, form, lambda data: services.org_update(user=request.user, org=org, request=request, **data)):
        messages.success(request, "已保存。")
        return redirect("orgs:org-detail", pk=org.pk)
    return form_page(request, form, title=f"编辑组织：{org.name}", nav="orgs", cancel_url=reverse("orgs:org-detail", args=[org.pk]))


@business_writer
def org_move(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Org.objects.visible_to(request.user), pk=pk)
    form = MoveOrgForm(request.POST or None, user=request.user, org=org)
    if save_form(request, form, lambda data: services.org_move(user=request.user, org=org, request=request, **data)):
        messages.success(request, f"已将“{org.name}”调整到“{form.cleaned_data['new_parent']}”之下。")
        return redirect("orgs:org-detail", pk=org.pk)
    return form_page(request, form, title=f"调整隶属：{org.name}", nav="orgs", cancel_url=reverse("orgs:org-detail", args=[org.pk]))


@business_writer
def org_delete(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Org.objects.visible_to(request.user), pk=pk)
    refs = services.org_references(org)
    if request.method == "POST":
        try:
            services.org_delete(user=request.user, org=org, request=request)
        except ValidationError as e:
            messages.error(request, "；".join(e.messages))
            return redirect("orgs:org-detail", pk=org.pk)
        messages.success(request, f"已删除组织“{org.name}”。")
        return redirect("orgs:org-list")
    return render(request, "orgs/confirm_delete.html", {"object": org, "refs": refs, "nav": "orgs", "title": f"删除组织：{org.name}"})


# --- employers ----------------------------------------------------------------------------------

EMPLOYER_COLUMNS = [
    Column("name", "单位名称", "name"),
    Column("code", "统一社会信用代码", "credit_code"),
    Column("type", "单位类型", "employer_type"),
    Column("street", "所属街道", "street__name"),
    Column("union", "所属工会", "union__name"),
    Column("headcount", "职工人数", "headcount", numeric=True),
    Column("state", "状态", "closed_on"),
]


def unionless_actions() -> list[UnionlessAction]:
    """What the apps above offer beside an employer without a union (启动组建…)."""
    return [action for module in app_modules("registers") for action in getattr(module, "UNIONLESS_ACTIONS", ())]


@business_reader
def employer_list(request: HttpRequest) -> HttpResponse:
    base = Employer.objects.visible_to(request.user).select_related("street", "union")
    filterset = EmployerFilter(request.GET, queryset=base, request=request)
    queryset, sort = sort_queryset(request, filterset.qs, EMPLOYER_COLUMNS, "name")
    page = paginate(request, queryset)
    actions = unionless_actions() if request.user.writes_business_data else []
    for employer in page:
        employer.actions = [(a.label, a.url(employer)) for a in actions] if employer.union_id is None and not employer.closed_on else []
    return render(request, "orgs/employer_list.html", {
        "filter": filterset, "page": page, "headers": headers(EMPLOYER_COLUMNS, sort), "nav": "employers", "title": "单位",
    })


@business_reader
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer.objects.visible_to(request.user).select_related("street", "union"), pk=pk)
    workers = employer.workers.aggregate(
        total=Count("id"), employed=Count("id", filter=Q(status="在职")),
        members=Count("id", filter=Q(status="在职", is_member=True)),
    )
    return render(request, "orgs/employer_detail.html", {
        "employer": employer, "workers": workers, "history": history_rows(employer),
        "panels": record_panels(request, employer),  # what apps above say of it (the radar)
        "nav": "employers", "title": employer.name,
    })


@business_writer
def employer_create(request: HttpRequest) -> HttpResponse:
    form = EmployerCreateForm(request.POST or None, user=request.user)
    if employer := save_form(request, form, lambda data: services.employer_create(user=request.user, request=request, **data)):
        messages.success(request, f"已新增单位“{employer.name}”。")
        return redirect("orgs:employer-detail", pk=employer.pk)
    return form_page(request, form, title="新增单位", nav="employers", cancel_url=reverse("orgs:employer-list"))


@business_writer
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer.objects.visible_to(request.user), pk=pk)
    form = EmployerForm(request.POST or None, instance=Employer.objects.get(pk=employer.pk))
    if save_form(request, form, lambda data: services.employer_update(user=request.user, employer=employer, request=request, **data)):
        messages.success(request, "已保存。")
        return redirect("orgs:employer-detail", pk=employer.pk)
    return form_page(request, form, title=f"编辑单位：{employer.name}", nav="employers",
                     cancel_url=reverse("orgs:employer-detail", args=[employer.pk]))


@business_writer
def employer_move(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer.objects.visible_to(request.user), pk=pk)
    form = MoveEmployerForm(request.POST or None, user=request.user, initial={"street": employer.street_id, "union": employer.union_id})
    if moved := save_form(request, form, lambda data: services.employer_move(user=request.user, employer=employer, request=request, **data)):
        messages.success(request, "已调整所属街道/工会。" + (f"随之调整：{moved.followed}。" if moved.followed else ""))
        return redirect("orgs:employer-detail", pk=employer.pk)
    return form_page(request, form, title=f"调整隶属：{employer.name}", nav="employers",
                     cancel_url=reverse("orgs:employer-detail", args=[employer.pk]),
                     note="单位的职工及归属于它的记录（合理化建议、命名表彰、集体合同、调解、竞赛与培训、证书、帮扶救助等）"
                          "将随之归入新的所属工会或街道，每条记录都留有变更记录。")


@business_writer
def employer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        try:
            services.employer_delete(user=request.user, employer=employer, request=request)
        except ValidationError as e:
            messages.error(request, "；".join(e.messages))
            return redirect("orgs:employer-detail", pk=employer.pk)
        messages.success(request, f"已删除单位“{employer.name}”。")
        return redirect("orgs:employer-list")
    refs = services.employer_references(employer)
    return render(request, "orgs/confirm_delete.html", {"object": employer, "refs": refs, "nav": "employers", "title": f"删除单位：{employer.name}"})
