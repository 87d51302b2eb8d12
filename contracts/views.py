"""Pages of the contract registers beyond the generic record pages: an employer's contract
history, and the employers a street has still to bring under a contract."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.lists import paginate
from core.permissions import business_reader
from orgs.filters import street_options
from orgs.models import Employer, Org
from registers.pages import record_url

from . import selectors
from .models import Contract, Status

SHOWN_PARTIES = 2
STATUS_TAGS = {Status.DRAFT: "muted", Status.TO_SUBMIT: "warn", Status.IN_REVIEW: "", Status.IN_FORCE: "",
               Status.EXPIRING: "warn", Status.EXPIRED: "muted"}


@business_reader
def employer_history(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer.objects.visible_to(request.user).select_related("street", "union"), pk=pk)
    today = timezone.localdate()
    contracts = list(selectors.employer_contracts(
        employer, contracts=Contract.objects.visible_to(request.user), today=today))
    rows = [{
        "contract": c, "url": record_url("contracts", c.pk), "tag": STATUS_TAGS.get(c.status, ""),
        # a regional contract may list dozens: the first few, and how many more
        "parties": [link.employer for link in c.party_links.all()][:SHOWN_PARTIES],
        "more_parties": max(0, len(c.party_links.all()) - SHOWN_PARTIES),
        "total_parties": len(c.party_links.all()),
        "renewals": [(r, record_url("contracts", r.pk)) for r in c.renewals.all()],
        "renews_url": record_url("contracts", c.renews_id) if c.renews_id else "",
    } for c in contracts]
    in_force = next((r for r in rows if r["contract"].status in (Status.IN_FORCE, Status.EXPIRING)), None)
    return render(request, "contracts/employer.html", {
        "employer": employer, "rows": rows, "in_force": in_force, "today": today,
        "title": f"{employer.name}的集体合同", "nav": "contracts",
    })


@business_reader
def uncovered(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    streets = street_options(request)
    street = None
    try:
        wanted = int(request.GET.get("street") or 0)
    except ValueError:
        wanted = 0
    if wanted in {pk for pk, _ in streets}:  # a street outside the user's subtree is ignored
        street = Org.objects.get(pk=wanted)
    employers = selectors.uncovered_employers(
        today, base=Employer.objects.visible_to(request.user), contracts=Contract.objects.visible_to(request.user),
        street=street)
    return render(request, "contracts/uncovered.html", {
        "page": paginate(request, employers), "streets": streets, "street": street, "today": today,
        "title": "尚无集体合同的企业", "nav": "contracts",
    })
