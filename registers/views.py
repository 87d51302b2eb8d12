"""Template and export downloads for every register."""

from __future__ import annotations

import tempfile
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_record
from core.declarations import Problem
from core.http import AuthedRequest
from core.lists import paginate
from core.permissions import business_reader, business_writer
from core.replica import reads_replica

from .catalog import get_register, registers
from .imports import (
    AlreadyImported,
    confirm_import,
    may_act,
    may_undo,
    retry_import,
    start_import,
    undo_import,
)
from .liveness import fail_abandoned
from .marking import write_marked
from .models import ImportLog
from .reading import FileRefused, limit
from .services import register_export
from .tasks import check_uploaded_file, write_checked_file
from .xlsx import write_template

PROBLEMS_SHOWN = 200  # problems per page of the list (every one is listed, page by page, and in the marked file)
WORKER_HINT_AFTER = timedelta(seconds=15)


def _download(handle, filename: str) -> FileResponse:
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@business_reader
def template(request: AuthedRequest, slug: str) -> FileResponse:
    register = get_register(slug)
    handle = tempfile.TemporaryFile()
    write_template(register, handle)
    return _download(handle, f"{register.label}导入模板.xlsx")


@business_reader
@reads_replica
def export(request: AuthedRequest, slug: str) -> FileResponse:
    """The register as the list page shows it (same filters), streamed from a temporary file."""
    register = get_register(slug)
    handle = tempfile.TemporaryFile()
    register_export(user=request.user, register=register, target=handle, params=request.GET, request=request)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return _download(handle, f"{register.label}-{stamp}.xlsx")




# --- imports --------------------------------------------------------------------------------------

def _visible_import(request: AuthedRequest, pk: int) -> ImportLog:
    return get_object_or_404(ImportLog.objects.visible_to(request.user).select_related("node"), pk=pk)


@business_writer
def import_upload(request: AuthedRequest, slug: str) -> HttpResponse:
    """Upload a file: it is kept and checked (in the background), nothing is written yet."""
    register = get_register(slug)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = "请选择要导入的文件。"
        elif upload.size > limit("IMPORT_MAX_BYTES", 20 * 2**20):  # type: ignore[operator]  # an upload's size is known
            error = f"文件大小 {upload.size / 2**20:.1f} MB，超过上限 {settings.IMPORT_MAX_BYTES / 2**20:.0f} MB，请拆分后分批导入。"  # type: ignore[operator]  # as above
        else:
            try:
                log = start_import(user=request.user, register=register, file_name=upload.name or "", data=upload.read())
            except FileRefused as refusal:
                error = str(refusal)
            except AlreadyImported as earlier:
                messages.warning(request, str(earlier))
                return redirect("registers:import-detail", earlier.earlier.pk)
            else:
                check_uploaded_file.enqueue(log.pk)
                return redirect("registers:import-detail", log.pk)
    recent = ImportLog.objects.visible_to(request.user).filter(register=slug).defer("data", "problems")[:10]
    return render(request, "registers/import_upload.html", {
        "register": register, "error": error, "recent": recent, "title": f"导入{register.label}",
        "nav": register.slug, "max_mb": settings.IMPORT_MAX_BYTES // 2**20,
    })


@business_writer
def import_list(request: AuthedRequest) -> HttpResponse:
    logs = ImportLog.objects.visible_to(request.user).defer("data", "problems")
    fail_abandoned(logs)
    if slug := request.GET.get("register"):
        logs = logs.filter(register=slug)
    page = paginate(request, logs)
    return render(request, "registers/import_list.html", {
        "page": page, "registers": registers(), "title": "导入记录", "nav": "imports",
    })


def _status_context(request: AuthedRequest, log: ImportLog) -> dict:
    count = len(log.problems)
    pages = max(1, -(-count // PROBLEMS_SHOWN))
    try:
        number = min(max(1, int(request.GET.get("problems", 1))), pages)
    except ValueError:
        number = 1
    first = (number - 1) * PROBLEMS_SHOWN
    problems = [Problem(*p) for p in log.problems[first:first + PROBLEMS_SHOWN]]
    waiting = log.running and timezone.now() - log.uploaded_at > WORKER_HINT_AFTER and log.progress == 0
    return {
        "log": log, "register": get_register(log.register), "problems": problems, "problem_count": count,
        "problem_pages": pages, "problem_page": number, "problem_first": first + 1, "problem_last": first + len(problems),
        "may_act": may_act(log, request.user), "may_undo": may_undo(log, request.user), "waiting": waiting,
    }


@business_writer
def import_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    log = _visible_import(request, pk)
    if log.running:
        fail_abandoned(ImportLog.objects.filter(pk=log.pk))
        log.refresh_from_db()
    context = _status_context(request, log)
    if request.htmx:
        return render(request, "registers/_import_status.html", context)
    return render(request, "registers/import_detail.html", {**context, "title": str(log), "nav": "imports"})


@business_writer
@require_POST
def import_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    log = _visible_import(request, pk)
    try:
        confirm_import(log=log, user=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        write_checked_file.enqueue(log.pk)
    return redirect("registers:import-detail", log.pk)


@business_writer
@require_POST
def import_retry(request: AuthedRequest, pk: int) -> HttpResponse:
    log = _visible_import(request, pk)
    try:
        retry_import(log=log, user=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        check_uploaded_file.enqueue(log.pk)
    return redirect("registers:import-detail", log.pk)


@business_writer
@require_POST
def import_undo(request: AuthedRequest, pk: int) -> HttpResponse:
    log = _visible_import(request, pk)
    try:
        undo_import(log=log, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已撤销{log}：删除新增的记录，恢复被更新的记录。")
    return redirect("registers:import-detail", log.pk)


@business_writer
def import_marked(request: AuthedRequest, pk: int) -> FileResponse:
    """The uploaded rows with every problem marked; it holds the user's own data in clear, so only
    those who may act on the import get it, and the download is audited."""
    log = _visible_import(request, pk)
    if not may_act(log, request.user):
        raise PermissionDenied("只有导入人本人或区总管理员可以下载该文件。")
    if not log.problems:
        raise Http404("该导入没有需要标注的问题")
    if not log.data:
        raise Http404("上传的文件已过保留期限删除")
    register = get_register(log.register)
    handle = tempfile.TemporaryFile()
    bad_rows = write_marked(register, log.file_name, bytes(log.data), log.problems, handle)
    audit_record(action=Action.EXPORT, request=request, object_type=register.label,
                 object_repr=f"{log}问题标注文件", detail={"文件": log.file_name, "问题行数": bad_rows})
    stem = log.file_name.rsplit(".", 1)[0]
    return _download(handle, f"{stem}-问题标注.xlsx")
