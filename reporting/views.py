"""Reporting up (SPEC §8): the 逻辑检查 page of a node's year, each rule's drill-down, filing
(上报) with the explanations of its 提示, the parent's board with 接收 / 退回 / reopen and the due
date, and the statistical return."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.lists import paginate
from core.params import int_param
from core.permissions import business_reader, business_writer
from indicators.drill import scope_of
from indicators.filing import latest
from orgs.models import Org
from registers.catalog import registers
from registers.ordering import list_order
from registers.record_views import with_shown_records
from registers.records import display_rows

from . import services, stats
from .logic import check, rule_of, rules
from .selectors import board, roll_up


def _refused(request: HttpRequest, refusal: Exception) -> None:
    messages.error(request, "；".join(getattr(refusal, "messages", [str(refusal)])))


def _where(request: HttpRequest) -> tuple[int, Org]:
    scope, org = scope_of(request.user, request.POST if request.method == "POST" else request.GET)
    return scope.year, org


def _may_file(user: Any, org: Org, year: int) -> bool:
    return (
        user.writes_business_data
        and year < timezone.localdate().year
        and (org.pk == user.org_id or (org.depth == user.org.depth + 1))
    )


@business_reader
def check_page(request: HttpRequest) -> HttpResponse:
    year, org = _where(request)
    outcomes = check(org, year, request.user)
    last = latest(org, year)
    return render(
        request,
        "reporting/check.html",
        {
            "outcomes": outcomes,
            "year": year,
            "org": org,
            "latest": last,
            "may_file": _may_file(request.user, org, year) and (last is None or not last.stands),
            "title": f"{org.name}{year}年逻辑检查",
            "nav": "reporting",
        },
    )


@business_reader
def rule_detail(request: HttpRequest, key: str) -> HttpResponse:
    rule = rule_of(key)
    if rule is None:
        raise Http404("没有这条逻辑检查规则")
    scope, org = scope_of(request.user, request.GET)
    context: dict[str, Any] = {
        "rule": rule,
        "year": scope.year,
        "org": org,
        "title": rule.label,
        "nav": "reporting",
    }
    if rule.findings is not None:
        context["findings"] = rule.findings(scope)
        return render(request, "reporting/rule.html", context)
    assert rule.records is not None  # noqa: S101 — a rule has records or findings
    register = registers()[rule.register]
    columns = register.list_columns
    page = paginate(
        request,
        with_shown_records(register, rule.records(scope).order_by(*list_order(register)), columns),
    )
    listed = list(page.object_list)
    context.update(
        register=register,
        page=page,
        headers=[c.name for c in columns],
        generic=not register.list_url,
        rows=list(zip(listed, display_rows(register, listed, columns=columns), strict=True)),
    )
    return render(request, "reporting/rule.html", context)


@business_writer
@require_POST
def file_year(request: HttpRequest) -> HttpResponse:
    year, org = _where(request)
    explanations = {rule.key: request.POST.get(f"explain_{rule.key}", "") for rule in rules()}
    try:
        filing = services.filing_file(
            user=request.user, org=org, year=year, explanations=explanations, request=request
        )
    except (PermissionDenied, ValidationError) as refusal:
        _refused(request, refusal)
    else:
        messages.success(
            request, f"{org.name}{year}年的报告已{filing.state}（第{filing.version}版）。"
        )
    return redirect(f"{reverse('reporting:check')}?year={year}&org={org.pk}")


@business_reader
def board_page(request: HttpRequest) -> HttpResponse:
    year, org = _where(request)
    the_board = board(org, year)
    acts = request.user.writes_business_data and org.pk == request.user.org_id
    return render(
        request,
        "reporting/board.html",
        {
            "board": the_board,
            "rollup": roll_up(org, year, request.user, the_board),
            "year": year,
            "org": org,
            "acts": acts,
            "today": timezone.localdate(),
            "overdue": {r.org.pk for r in the_board.overdue(timezone.localdate())},
            "title": f"{org.name}{year}年下级上报",
            "nav": "reporting",
        },
    )


def _child(request: HttpRequest) -> Org:
    chosen = request.POST.get("child") or request.GET.get("child")
    return get_object_or_404(Org.objects.visible_to(request.user), pk=int_param(chosen) or 0)


def _decision(move: Any, done: str) -> Any:
    @business_writer
    @require_POST
    def view(request: HttpRequest) -> HttpResponse:
        year, org = _where(request)
        child = _child(request)
        extra = (
            {"reason": request.POST.get("reason", "")} if move is not services.filing_accept else {}
        )
        try:
            move(user=request.user, child=child, year=year, request=request, **extra)
        except (PermissionDenied, ValidationError) as refusal:
            _refused(request, refusal)
        else:
            messages.success(request, f"{child.name}{year}年的报告{done}。")
        return redirect(f"{reverse('reporting:board')}?year={year}&org={org.pk}")

    return view


accept = _decision(services.filing_accept, "已接收")
send_back = _decision(services.filing_return, "已退回")
reopen = _decision(services.filing_reopen, "已重新打开（退回）")


@business_writer
@require_POST
def set_due(request: HttpRequest) -> HttpResponse:
    import datetime as dt

    year, org = _where(request)
    try:
        due_on = dt.date.fromisoformat(request.POST.get("due_on", ""))
        services.filing_due_set(
            user=request.user, org=org, year=year, due_on=due_on, request=request
        )
    except ValueError:
        messages.error(request, f"截止日期应写作 YYYY-MM-DD：{request.POST.get('due_on', '')}")
    except (PermissionDenied, ValidationError) as refusal:
        _refused(request, refusal)
    else:
        messages.success(request, f"下级{year}年报告的上报截止日期已设为 {due_on:%Y-%m-%d}。")
    return redirect(f"{reverse('reporting:board')}?year={year}&org={org.pk}")


@business_reader
def stats_download(request: HttpRequest) -> HttpResponse:
    year, org = _where(request)
    content = stats.workbook(
        org, year, request.user, site=request.build_absolute_uri("/").rstrip("/")
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{org.name}{year}年基层工会组织和会员情况.xlsx"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
