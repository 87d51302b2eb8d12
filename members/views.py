"""The members pages beyond the register's own: incoming transfers (the receiving union's side),
the proposals for 自动退会, a member's periods, and the electronic member card (SPEC §7)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.http import AuthedRequest
from core.masking import mask_name
from core.permissions import business_reader, business_writer
from public.views import federation

from . import cards, services
from .choices import State
from .models import Member
from .rules import IDLE_DAYS, transfer_due_on
from .selectors import idle_members, incoming_transfers


@business_reader
def incoming(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [
        {
            "pk": m.pk,
            "name": mask_name(m.shown_name),
            "from_union": m.node.name,
            "to_union": m.transfer_to.name if m.transfer_to else "",
            "sent": m.state_date,
            "due": transfer_due_on(m.state_date or today),
        }
        for m in incoming_transfers(request.user)
    ]
    return render(
        request,
        "members/incoming.html",
        {
            "rows": rows,
            "today": today,
            "nav": "members",
            "title": "会员转入",
        },
    )


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise ValidationError(f"生效日期“{text}”不是日期，请填写如 2024-05-14") from None


@business_writer
@require_POST
def incoming_act(request: AuthedRequest, pk: int) -> HttpResponse:
    action = request.POST.get("action", "")
    try:
        on = _day(request.POST.get("on", "").strip())
        if action == "accept":
            member = services.transfer_accept(user=request.user, pk=pk, on=on, request=request)
            messages.success(request, f"已接收{mask_name(member.shown_name)}，现为本会在籍会员。")
        elif action == "refuse":
            member = services.transfer_refuse(
                user=request.user,
                pk=pk,
                on=on,
                reason=request.POST.get("reason", ""),
                request=request,
            )
            messages.success(
                request, f"已退回{mask_name(member.shown_name)}的转会，会员仍在原工会在籍。"
            )
        else:
            messages.error(request, "请选择接收或退回")
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("members:incoming")


@business_reader
def idle(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    page = Paginator(idle_members(request.user, today), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "members/idle.html",
        {
            "page": page,
            "idle_days": IDLE_DAYS,
            "nav": "members",
            "title": "自动退会建议名单",
        },
    )


@business_reader
def periods(request: AuthedRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        Member.objects.visible_to(request.user).select_related("node", "worker"), pk=pk
    )
    rows = member.periods.select_related("union").order_by("started_on", "pk")
    return render(
        request,
        "members/periods.html",
        {
            "member": member,
            "rows": rows,
            "nav": "members",
            "title": f"会籍期间：{member}",
        },
    )


def _card_page(request: HttpRequest, member: Member, *, public: bool) -> HttpResponse:
    verify = request.build_absolute_uri(cards.verify_url(member))
    return render(
        request,
        "members/card.html",
        {
            "member": member,
            "name": mask_name(member.shown_name),
            "qr": cards.qr_svg(verify),
            "verify": verify,
            "public": public,
            "federation": federation(),
            "title": "电子会员证",
        },
    )


@business_reader
def card(request: AuthedRequest, pk: int) -> HttpResponse:
    """A member's card as the union prints it or sends its link (SPEC §7)."""
    member = get_object_or_404(
        Member.objects.visible_to(request.user).select_related("node", "worker"), pk=pk
    )
    if not cards.has_card(member):
        raise Http404("该会员没有有效的会员证")
    return _card_page(request, member, public=False)


@never_cache
def public_card(request: HttpRequest, token: str) -> HttpResponse:
    """The card behind the signed link the applicant's tracking page gives (no account)."""
    member = cards.member_of_token(token)
    if member is None or not cards.has_card(member):
        context = {"member": None, "federation": federation(), "title": "电子会员证"}
        return render(request, "members/verify.html", context, status=404)
    return _card_page(request, member, public=True)


@never_cache
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """What the card's QR code opens: the masked name, the union and whether 在籍 now; nothing more."""
    member = cards.member_of_token(token, cards.VERIFY)
    context: dict[str, object] = {
        "member": member,
        "federation": federation(),
        "title": "会员身份核验",
    }
    if member is not None:
        context.update(name=mask_name(member.shown_name), active=member.status == State.ACTIVE)
    return render(
        request, "members/verify.html", context, status=200 if member is not None else 404
    )
