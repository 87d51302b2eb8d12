"""The public pages (no account): file a submission, find an employer, track it by code.

Everything typed here is shown back only through Django's auto-escaping; nothing is marked safe."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_record
from core.forms import add_service_errors
from core.permissions import business_reader, business_writer
from orgs.models import Employer, Org

from . import services
from .forms import PublicForm
from .guards import count_hit, new_challenge, normalise_code, over_limit, spend_challenge, used_up
from .kinds import kinds
from .models import Ticket

LIMITED = "提交过于频繁，请稍后再试。"
SPENT = "这道验证问题已经用过，请回答新的验证问题后再提交"


def federation() -> str:
    """Whose service this is, as the public reads it: the root org's name (the district's, or at
    city scale the city's federation)."""
    root = Org.objects.get_root_nodes().only("name").first()
    return root.name if root else "职工服务"


#: what a public page says of an error, in the public frame: its visitors have no account, no 管辖范围
ERRORS = {
    400: ("请求有误", "地址中的参数无法识别，请从页面上的链接重新进入。"),
    403: ("无法提交", "页面已过期或来源不明，请刷新页面后重新填写提交。"),
    404: ("未找到", "找不到这个页面，请从职工诉求与服务首页重新进入。"),
}


def error_page(request: HttpRequest, status: int) -> HttpResponse:
    """The 400, 403 or 404 of a public address (core.errors, through settings.PUBLIC_ERROR_PAGE)."""
    title, message = ERRORS[status]
    return _page(request, "public/error.html", {"title": title, "message": message}, status=status)


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """A public page: its own frame (public/base.html), named for the federation."""
    return render(request, template, {**context, "federation": federation()}, status=status)


def index(request: HttpRequest) -> HttpResponse:
    return _page(request, "public/index.html", {"kinds": kinds().values(), "title": "职工诉求与服务"})


@never_cache
def submit(request: HttpRequest, kind: str) -> HttpResponse:
    found = kinds().get(kind)
    if found is None:
        raise Http404("没有这项服务")
    status = 200
    if request.method == "POST":
        form = PublicForm(request.POST, request.FILES, kind=found)
        if over_limit(request, "attempt") or used_up(request, "submit"):
            form.add_error(None, LIMITED)
            status = 429
        elif form.is_valid():
            try:
                # the solved challenge is spent with the filing: a refused record leaves it unspent
                with transaction.atomic():
                    if not spend_challenge(form.cleaned_data["token"]):
                        raise ValidationError({"answer": SPENT})
                    ticket = services.file_submission(found, form.cleaned_data, request=request)
            except ValidationError as refusal:
                add_service_errors(form, refusal)
            else:
                count_hit(request, "submit")  # only accepted submissions use up the address's allowance
                # the code is shown once on the next page, never put in a URL (it would sit in logs)
                request.session["public_code"] = ticket.code
                request.session["public_kind"] = found.label
                return redirect("public:done")
    else:
        form = PublicForm(kind=found)
    challenge = new_challenge()
    form.initial["token"] = challenge.token
    if form.is_bound:
        form.data = form.data.copy()
        form.data["token"], form.data["answer"] = challenge.token, ""
    return _page(request, "public/submit.html", {
        "form": form, "kind": found, "question": challenge.question, "title": found.label,
    }, status=status)


@never_cache
def done(request: HttpRequest) -> HttpResponse:
    code = request.session.pop("public_code", None)
    if code is None:
        return redirect("public:track")
    return _page(request, "public/done.html", {"code": code, "label": request.session.pop("public_kind", ""), "title": "提交成功"})


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    result, error, status = None, "", 200
    if request.method == "POST":
        if over_limit(request, "track"):
            error, status = "查询过于频繁，请稍后再试。", 429
        else:
            result = services.tracked(normalise_code(request.POST.get("code", "")))
            if result is None:
                error = "没有找到这个查询码，请核对后重新输入。"
            else:
                result["label"] = kinds()[result["kind"]].label if result["kind"] in kinds() else ""
    return _page(request, "public/track.html", {"result": result, "error": error, "title": "查询办理进度"}, status=status)


def employers(request: HttpRequest) -> HttpResponse:
    """Search open employers by part of their name (names only: they are public facts)."""
    text = request.GET.get("employer_search", "").strip()
    found = []
    if len(text) >= 2 and over_limit(request, "search"):
        return render(request, "public/_employers.html", {"limited": True}, status=429)
    if len(text) >= 2:
        found = list(Employer.objects.filter(closed_on__isnull=True, name__contains=text).order_by("name").values("pk", "name")[:10])
    return render(request, "public/_employers.html", {"found": found, "text": text})


def _ticket(request: HttpRequest, pk: int) -> Ticket:
    """A ticket whose record the user may see (its register's scoping), else 404."""
    ticket = get_object_or_404(Ticket.objects.defer("attachment"), pk=pk)  # read only when downloaded
    model = ContentType.objects.get_for_id(ticket.content_type_id).model_class()
    # a lookup in the user's scope, so that reaching for another subtree's ticket is audited
    get_object_or_404(model.objects.visible_to(request.user).only("pk"), pk=ticket.object_id)
    return ticket


@business_reader
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    if not ticket.attachment_name:
        raise Http404("没有附件")
    audit_record(action=Action.EXPORT, request=request, obj=ticket.record, detail={"附件": ticket.attachment_name})
    response = HttpResponse(bytes(ticket.attachment), content_type=ticket.attachment_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quoted(ticket.attachment_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@business_writer
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    services.set_reply(ticket, request.POST.get("reply", ""), user=request.user, request=request)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    return redirect(back)
