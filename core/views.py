import importlib

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from registers.catalog import registers
from todo.due import collect

from .areas import get_area
from .params import year_param
from .permissions import business_reader


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.reads_audit_log:
        return redirect("audit:entry-list")
    if user.manages_accounts:
        return redirect("accounts:account-list")
    if not user.reads_business_data:
        return render(request, "core/no_access.html", status=403)
    from indicators.dashboard import dashboard

    return dashboard(request)  # the landing page: the year's figures of the subtree and what is due


@business_reader
def area(request: HttpRequest, slug: str) -> HttpResponse:
    """An area's front page: the year's figures in the user's subtree, its registers, what is due."""
    found = get_area(slug)
    if found is None:
        raise Http404("没有这个栏目")
    today = timezone.localdate()
    catalog = registers()
    cards = [(catalog[s], catalog[s].queryset(request.user).count()) for s in found.registers if s in catalog]
    figures_of = _dotted(found.figures)
    years = figures_of.years(request.user) if figures_of else []
    year = year_param(request.GET.get("year"), years[0] if years else today.year, today=today)
    figures = figures_of(request.user, year) if figures_of else []
    due = collect(request.user, today, found.due_modules)
    return render(request, "core/area.html", {
        "area": found, "cards": cards, "figures": figures, "year": year, "years": years or [year],
        "due": due[:15], "due_total": len(due), "overdue": sum(1 for i in due if i.overdue),
        "title": found.label, "nav": found.slug,
    })


def _dotted(path: str):  # noqa: ANN202 — a figures function or None
    if not path:
        return None
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)
