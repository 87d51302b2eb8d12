"""The approval queue: what waits at the user's level, and one POST per step (SPEC §4)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.permissions import business_reader, business_writer

from . import services
from .forms import ActForm
from .models import Application, Status
from .rules import DUE_AFTER_DAYS, may_move
from .selectors import Waiting, waiting_rows

#: the button that moves an application on from each waiting state
NEXT_STEP = {
    Status.APPLIED: (Status.STREET_REVIEWED, "审核通过"),
    Status.STREET_REVIEWED: (Status.DISTRICT_APPROVED, "审批通过"),
}


@dataclass
class QueueRow:
    waiting: Waiting
    approve_to: str = ""
    approve_label: str = ""
    can_refuse: bool = False
    can_pay: bool = False


@business_reader
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    rows = []
    for waiting in waiting_rows(user):
        application = waiting.application
        row = QueueRow(waiting)
        if (step := NEXT_STEP.get(application.status)) and may_move(user, application, step[0]):
            row.approve_to, row.approve_label = step
        row.can_refuse = may_move(user, application, Status.REFUSED)
        row.can_pay = may_move(user, application, Status.PAID)
        rows.append(row)
    return render(request, "assistance/queue.html", {
        "rows": rows, "today": timezone.localdate(), "nav": "assistance", "title": "帮扶救助审批",
        "due_after_days": DUE_AFTER_DAYS,
    })


@business_writer
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
    form = ActForm(request.POST)
    if not form.is_valid():
        problems = [f"{form.fields[f].label or f}：{'；'.join(e)}" if f != "__all__" else "；".join(e)
                    for f, e in form.errors.items()]
        messages.error(request, f"{application.number}：" + "；".join(problems))
        return redirect("assistance:queue")
    data = form.cleaned_data
    try:
        services.advance(user=request.user, application=application, to=data["to"], reason=data["reason"],
                         approved_amount=data["approved_amount"], paid_on=data["paid_on"], request=request)
    except PermissionDenied as refusal:
        messages.error(request, f"{application.number}：{refusal}")
    except ValidationError as error:
        messages.error(request, f"{application.number}：{'；'.join(error.messages)}")
    else:
        messages.success(request, f"{application.number} {application.applicant}：已办理为“{data['to']}”。")
    return redirect("assistance:queue")
