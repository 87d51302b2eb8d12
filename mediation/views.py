"""The printable 调解协议书 of a case (the register pages themselves are the generic ones)."""

from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from audit.models import Action
from audit.services import audit_record
from core.permissions import business_reader
from registers.pages import record_url

from .agreement import TITLE, agreement_docx, agreement_of, agreement_pdf
from .models import Case

FORMATS = {
    "docx": (agreement_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (agreement_pdf, "application/pdf"),
}


@require_GET
@business_reader
def agreement(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    """The agreement as DOCX or PDF. The full 身份证号 only for a role that may reveal it; the
    download is audited as an export."""
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related("mediation_org", "respondent_employer", "respondent_org"), pk=pk)
    reveal = request.user.may_reveal_personal_data
    try:
        document = agreement_of(case, reveal=reveal)
    except ValidationError as refusal:
        return render(request, "mediation/agreement_refused.html", {
            "reason": refusal.messages[0], "case": case, "case_url": record_url("cases", case.pk), "title": TITLE,
        }, status=409)
    build, content_type = FORMATS[fmt]
    content = build(document)
    audit_record(action=Action.EXPORT, request=request, obj=case, object_type=TITLE,
                 object_repr=f"{TITLE}：{case.number}"[:200],
                 detail={"格式": fmt.upper(), "脱敏": "是" if document.masked else "否"})
    filename = f"{TITLE}-{case.number}.{fmt}"
    return HttpResponse(content, content_type=content_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "no-store",  # personal data
    })
