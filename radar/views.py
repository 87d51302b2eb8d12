"""The radar pages (SPEC §9): the radar of the viewer's subtree, and the records behind one
employer's signal."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import xlsxwriter
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from audit.models import Action
from audit.services import audit_record
from core.permissions import business_reader
from orgs.filters import street_options
from orgs.models import Employer
from registers.catalog import registers
from registers.ordering import list_order
from registers.pages import record_url
from registers.record_views import with_shown_records
from registers.records import display_rows

from .forms import RadarForm
from .rules import LEVEL_RANK, Window
from .selectors import Standing, open_employers, radar
from .signals import BY_NAME, SIGNALS

#: registers whose records have pages of their own rather than the generic record page
OWN_PAGES = {"workers": "workers:worker-detail"}


def signal_url(employer_id: int, signal: str, day: dt.date) -> str:
    return f"{reverse('radar:signal-records', args=[employer_id, signal])}?date={day:%Y-%m-%d}"


def _page_of(slug: str, pk: int) -> str:
    return reverse(OWN_PAGES[slug], args=[pk]) if slug in OWN_PAGES else record_url(slug, pk)


def _change(then: str | None, now: str) -> str:
    if then is None:
        return "新增"
    if LEVEL_RANK[now] > LEVEL_RANK[then]:
        return "升级"
    if LEVEL_RANK[now] < LEVEL_RANK[then]:
        return "降级"
    return ""


@business_reader
def radar_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("date", f"{today:%Y-%m-%d}")  # the form shows the day it evaluated
    form = RadarForm(data, streets=street_options(request))
    form.is_valid()  # a field that is not valid is named under the filters and left out; the others apply
    asked: dict[str, Any] = form.cleaned_data
    day = asked.get("date") or today
    street, level, signal, since = (
        asked.get("street"),
        asked.get("level"),
        asked.get("signal"),
        asked.get("since"),
    )

    def employers(on: dt.date) -> Any:
        chosen = open_employers(request.user, on)
        return chosen.filter(street_id=street) if street else chosen

    standings = radar(request.user, day, employers=employers(day))
    levels = {name: sum(1 for s in standings if s.level == name) for name in LEVEL_RANK}
    then = (
        {s.pk: s.level for s in radar(request.user, since, employers=employers(since))}
        if since
        else {}
    )
    shown = [
        s
        for s in standings
        if (s.level == level if level and level != "all" else level == "all" or s.score > 0)
        and (not signal or s.count_of(signal))
    ]
    rows = [
        (
            s,
            [(sig, s.count_of(sig.name)) for sig in SIGNALS],
            then.get(s.pk),
            _change(then.get(s.pk), s.level),
        )
        for s in shown
    ]
    if request.GET.get("format") == "xlsx":
        audit_record(action=Action.EXPORT, request=request, object_type="劳动关系风险雷达",
                     object_repr=f"评估日 {day:%Y-%m-%d}", detail={"单位数": len(rows)})
        return _export(rows, day, since)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "radar/radar.html",
        {
            "form": form,
            "page": page,
            "signals": SIGNALS,
            "day": day,
            "since": since,
            "levels": levels,
            "window": Window.ending(day),
            "total": len(standings),
            "title": "劳动关系风险雷达",
            "nav": "relations",
        },
    )


def _export(
    rows: list[tuple[Standing, list, str | None, str]], day: dt.date, since: dt.date | None
) -> HttpResponse:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = book.add_worksheet("风险雷达")
    bold = book.add_format({"bold": True, "bg_color": "#F3F4F6", "border": 1})
    headers = [
        "单位名称",
        "统一社会信用代码",
        "所属街道",
        "得分",
        "等级",
        *(f"{s.name}（×{s.weight}）" for s in SIGNALS),
    ]
    if since:
        headers += [f"{since:%Y-%m-%d}等级", "变化"]
    sheet.write_string(
        0,
        0,
        f"风险雷达：评估日 {day:%Y-%m-%d}，统计期 {Window.ending(day).start:%Y-%m-%d}（不含）至评估日",
    )
    for col, header in enumerate(headers):
        sheet.write_string(1, col, header, bold)
    for r, (standing, counts, then, change) in enumerate(rows, start=2):
        values: list[Any] = [
            standing.name,
            standing.credit_code,
            standing.street,
            standing.score,
            standing.level,
            *(count for _, count in counts),
        ]
        if since:
            values += [then or "—", change]
        for col, value in enumerate(values):
            if isinstance(value, int):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, str(value))
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 22)
    book.close()
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''radar-{day:%Y%m%d}.xlsx"
    return response


@business_reader
def signal_records(request: HttpRequest, pk: int, signal: str) -> HttpResponse:
    """The records behind one signal of one employer: the very QuerySet its count counted."""
    employer = get_object_or_404(Employer.objects.visible_to(request.user), pk=pk)
    found = BY_NAME.get(signal)
    if found is None:
        raise Http404("没有这个信号")
    try:
        day = dt.date.fromisoformat(request.GET.get("date") or "")
    except ValueError:
        day = timezone.localdate()
    window = Window.ending(day)
    register = registers()[found.register]
    columns = register.list_columns
    records = with_shown_records(
        register, found.records_of(request.user, window, employer.pk), columns
    )
    page = Paginator(records.order_by(*list_order(register)), 50).get_page(request.GET.get("page"))
    values = display_rows(register, list(page.object_list), columns=columns)
    rows = [
        (_page_of(register.slug, record.pk), row)
        for record, row in zip(page.object_list, values, strict=True)
    ]
    return render(
        request,
        "radar/signal_records.html",
        {
            "employer": employer,
            "signal": found,
            "register": register,
            "headers": [c.name for c in columns],
            "rows": rows,
            "page": page,
            "day": day,
            "window": window,
            "title": f"{employer.name}：{found.name}",
            "nav": "relations",
        },
    )
