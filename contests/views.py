"""The competition page (items, entrants, results, awards; printable) and its results form."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.permissions import business_reader, business_writer
from registers.pages import record_url

from . import services
from .forms import ResultForm
from .models import Competition, Entry, award_rank
from .selectors import award_table, items_by_category


def _competition(request: HttpRequest, pk: int) -> Competition:
    return get_object_or_404(
        Competition.objects.visible_to(request.user).select_related("node", "host_employer", "host_org"), pk=pk)


@business_reader
def competition_page(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    entries = (Entry.objects.visible_to(request.user).filter(competition=competition)
               .order_by("category", "item", award_rank(), "name", "id"))
    categories = items_by_category(entries)
    people = len({e.id_number for c in categories for i in c.items for e in i.entries})
    entry_count = sum(len(i.entries) for c in categories for i in c.items)
    return render(request, "contests/competition.html", {
        "competition": competition, "categories": categories, "awards": award_table(categories),
        "people": people, "entry_count": entry_count, "record_url": record_url("competitions", competition.pk),
        "results_url": reverse("contests:results", args=[competition.pk]),
        "nav": "competitions", "title": str(competition),
    })


@business_writer
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """成绩 and 奖项 of every entrant of one item, in one form."""
    competition = _competition(request, pk)
    item = request.GET.get("item", "")
    category = request.GET.get("category")
    entries = Entry.objects.visible_to(request.user).filter(competition=competition, item=item)
    if category is not None:
        entries = entries.filter(category=category)
    entries = list(entries.order_by("category", "name", "id"))
    if not entries:
        raise Http404("该竞赛没有这个项目")
    data = request.POST if request.method == "POST" else None
    rows = [(entry, ResultForm(data, prefix=f"e{entry.pk}", initial={"result": entry.result, "award": entry.award}))
            for entry in entries]
    if data is not None and all(form.is_valid() for _, form in rows):
        values = {entry.pk: (form.cleaned_data["result"], form.cleaned_data["award"]) for entry, form in rows}
        changed = services.entry_results_save(user=request.user, entries=entries, values=values, request=request)
        messages.success(request, f"已保存“{item}”的成绩和奖项（修改 {changed} 人）。")
        return redirect(reverse("contests:competition", args=[competition.pk]) + f"#item-{min(e.pk for e in entries)}")
    return render(request, "contests/results.html", {
        "competition": competition, "item": item, "category": entries[0].category if category is None else category,
        "rows": rows, "nav": "competitions", "title": f"录入成绩：{item}",
    })
