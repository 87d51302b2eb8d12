"""An import from upload to undo (SPEC §2): check, confirm, write in one transaction, undo.

A file is checked when it arrives (nothing written) and checked again inside the transaction that
writes it, so what is written is what the database holds at that moment, never a stale preview.
The page, the background task and `uniondesk import` all go through these functions.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from accounts.models import Role, User
from audit.models import Action
from audit.services import audit_record
from core.bulk import History, TableWriter, as_row, row_fields, write_records
from core.declarations import Plan, Problem, Register, printable
from core.scoping import may_reach
from orgs.models import OrgType
from workflows.models import Transition

from .catalog import get_register
from .importing import ImportContext, plan_import
from .models import ImportLog, ImportStatus
from .reading import FileRefused, check_file, open_table


class AlreadyImported(Exception):
    """The same file (same SHA-256) was imported into this register and not undone."""

    def __init__(self, earlier: ImportLog) -> None:
        self.earlier = earlier
        when = timezone.localtime(earlier.written_at or earlier.uploaded_at).strftime("%Y-%m-%d %H:%M")
        super().__init__(f"该文件已于 {when} 由 {earlier.username} 导入（{earlier}），本次未做任何修改。")


def _require_importer(user: User) -> None:
    # the command line over an empty tree (its first orgs) acts as an admin bound to no node yet
    first_orgs = user.pk is None and user.org_id is None and user.role == Role.ADMIN
    if not (user.writes_business_data or first_orgs):
        raise PermissionDenied("您的角色无权导入数据。")


def _earlier(register: str, sha256: str) -> ImportLog | None:
    return ImportLog.objects.filter(register=register, sha256=sha256, status=ImportStatus.DONE).first()


def start_import(*, user: User, register: Register, file_name: str, data: bytes) -> ImportLog:
    """Keep the uploaded file in the import log, ready to be checked. A file refused before
    parsing (size, type, zip bomb…) raises FileRefused; a file imported before, AlreadyImported."""
    _require_importer(user)
    check_file(file_name, data)
    sha256 = hashlib.sha256(data).hexdigest()
    if earlier := _earlier(register.slug, sha256):
        raise AlreadyImported(earlier)
    return ImportLog.objects.create(
        register=register.slug, user=user if user.pk else None, username=user.username, node=user.org,
        file_name=printable(file_name)[-255:], sha256=sha256, size=len(data), data=data,
    )


def importer_of(log: ImportLog) -> Any:
    """Who acts for an import: its account, or for the command line an admin of its node."""
    return log.user or User(username=log.username, org=log.node, role=Role.ADMIN)


def _plan(log: ImportLog, user: User, *, progress: bool) -> Plan | None:
    """The plan of a logged file, or None after recording why the whole file was refused."""
    def report(done: int, total: int) -> None:
        ImportLog.objects.filter(pk=log.pk).update(progress=int(done * 100 / max(total, 1)), beat_at=timezone.now())

    try:
        table = open_table(log.file_name, bytes(log.data))
        return plan_import(get_register(log.register), table, user, progress=report if progress else None)
    except FileRefused as refusal:
        log.status, log.message, log.progress = ImportStatus.INVALID, printable(str(refusal)), 100
        log.save(update_fields=["status", "message", "progress"])
        return None


def _record_plan(log: ImportLog, plan: Plan, status: str) -> None:
    counts = plan.counts()
    log.rows, log.created, log.updated, log.unchanged = counts["rows"], counts["created"], counts["updated"], counts["unchanged"]
    log.problems = [p.as_list() for p in plan.problems]
    log.notes = [printable(note) for note in plan.notes]
    log.status = status
    log.progress = 100
    log.save(update_fields=["rows", "created", "updated", "unchanged", "problems", "notes", "status", "progress", "written_at"])


def check_import(log: ImportLog) -> ImportLog:
    """Check every row; write nothing. The log then says 待确认 or 有错误 with every problem."""
    plan = _plan(log, importer_of(log), progress=True)
    if plan is not None:
        _record_plan(log, plan, ImportStatus.READY if plan.ok else ImportStatus.INVALID)
    return log


def confirm_import(*, log: ImportLog, user: User) -> None:
    """The user confirms a checked file; the write runs next (in the background for the page)."""
    _require_may_act(log, user)
    if log.status != ImportStatus.READY:
        raise ValidationError(f"该导入当前状态为“{log.status}”，不能确认写入")
    log.status, log.progress, log.message = ImportStatus.WRITING, 0, ""
    log.save(update_fields=["status", "progress", "message"])


def retry_import(*, log: ImportLog, user: User) -> None:
    """Check again a file whose background step failed (its worker died, or it broke); the
    check runs next. Nothing was written, so the file is taken from the start."""
    _require_may_act(log, user)
    if log.status != ImportStatus.FAILED or not log.data:
        raise ValidationError(f"该导入当前状态为“{log.status}”，不能重试")
    log.status, log.progress, log.message, log.worker, log.beat_at = ImportStatus.CHECKING, 0, "", "", None
    log.problems, log.notes = [], []
    log.save(update_fields=["status", "progress", "message", "worker", "beat_at", "problems", "notes"])


def write_import(log: ImportLog, *, request: Any = None) -> ImportLog:
    """Check again and write every row in one transaction; any problem writes nothing."""
    user = importer_of(log)
    register = get_register(log.register)
    with transaction.atomic():
        log = ImportLog.objects.select_for_update().get(pk=log.pk)
        if log.status != ImportStatus.WRITING:  # a task run twice writes once
            return log
        if earlier := _earlier(log.register, log.sha256):
            log.status, log.message = ImportStatus.INVALID, str(AlreadyImported(earlier))
            log.save(update_fields=["status", "message"])
            return log
        plan = _plan(log, user, progress=False)
        if plan is None:
            return log
        if not plan.ok:
            _record_plan(log, plan, ImportStatus.INVALID)
            return log
        log.written_at = timezone.now()
        ctx = ImportContext(register, user)
        if register.writer is not None:
            register.writer(plan, ctx, log.tag, log.written_at)
        else:
            plan.creates = write_records(register.model, plan.creates, plan.updates, reason=log.tag,
                                         when=log.written_at, user_id=user.pk)
        if register.after_write is not None:
            register.after_write(plan, user, log.tag, log.written_at)
        # the rows are in the registers now; the file (full of personal data) is not kept, its
        # SHA-256 is what identifies it (and refuses it a second time)
        log.data = b""
        log.save(update_fields=["data"])
        _record_plan(log, plan, ImportStatus.DONE)
        audit_record(
            action=Action.IMPORT, request=request, user=user if user.pk else None, username=user.username,
            org=log.node, object_type=register.label, object_repr=f"{log}：{log.file_name}"[:200],
            detail={"文件": log.file_name, "SHA-256": log.sha256, "行数": log.rows, "新增": log.created,
                    "更新": log.updated, "未变化": log.unchanged},
        )
    return log


#: what the page says of an upload left unfinished until `uniondesk prune` deleted its file
PRUNED = "上传后 {days} 天内未完成导入，文件已删除（其中含个人信息），未写入任何数据。如需导入，请重新上传。"


def prune_uploads(*, days: int) -> dict[str, int]:
    """Delete the files of imports left unfinished for `days` days (待确认 never confirmed, 有错误
    never fixed, 失败 never retried): each holds a register's personal data in clear. The import
    log stays (who uploaded what, what checking found); one waiting to be confirmed or retried
    becomes 失败 and says why. A step still running is left to the liveness check. Returns the
    number of files deleted per status."""
    before = timezone.now() - timedelta(days=days)
    stale = ImportLog.objects.filter(
        uploaded_at__lt=before, status__in=(ImportStatus.READY, ImportStatus.INVALID, ImportStatus.FAILED),
    ).exclude(data=b"")
    with transaction.atomic():
        counts: dict[str, int] = {status: n for status in (ImportStatus.READY, ImportStatus.INVALID, ImportStatus.FAILED)
                  if (n := stale.filter(status=status).count())}
        stale.filter(status__in=(ImportStatus.READY, ImportStatus.FAILED)).update(
            data=b"", status=ImportStatus.FAILED, message=PRUNED.format(days=days), progress=0)
        stale.filter(status=ImportStatus.INVALID).update(data=b"")
    return counts


def import_file(*, user: User, register: Register, file_name: str, data: bytes) -> tuple[ImportLog, list[Problem]]:
    """Check and, when every row is good, write: the command line's whole import in one call (one
    pass: the check inside the write records every problem and writes nothing)."""
    log = start_import(user=user, register=register, file_name=file_name, data=data)
    log.status = ImportStatus.WRITING
    log.save(update_fields=["status"])
    log = write_import(log)
    return log, [Problem(*p) for p in log.problems]


# --- who may act on an import, and undo ---------------------------------------------------------

def may_act(log: ImportLog, user: User) -> bool:
    """The importer, or an admin of the district (or city) above the import's node."""
    if not getattr(user, "writes_business_data", False):
        return False
    if log.user_id is not None and log.user_id == user.pk:
        return True
    if user.org is None:
        return False
    at_top = user.org.org_type in (OrgType.DISTRICT, OrgType.CITY)
    return at_top and (log.node is None or may_reach(user, log.node))


def may_undo(log: ImportLog, user: User) -> bool:
    return log.status == ImportStatus.DONE and may_act(log, user)


def _require_may_act(log: ImportLog, user: User) -> None:
    if not may_act(log, user):
        raise PermissionDenied("只有导入人本人或区总管理员可以操作该导入。")


def undo_import(*, log: ImportLog, user: User, request: Any = None) -> None:
    """Put back what an import changed: delete what it created, restore what it updated — only
    while nothing later has touched those records. The undo is logged and audited itself."""
    _require_may_act(log, user)
    if log.status != ImportStatus.DONE:
        raise ValidationError(f"该导入当前状态为“{log.status}”，不能撤销")
    register = get_register(log.register)
    model = register.model
    history_model = model.history.model
    with transaction.atomic():
        touched = dict(history_model.objects.filter(history_change_reason=log.tag).values_list("id", "history_type"))
        created = [pk for pk, kind in touched.items() if kind == "+"]
        updated = [pk for pk, kind in touched.items() if kind == "~"]
        _refuse_if_changed_later(log, history_model, list(touched), register.key_fields[0])
        now = timezone.now()
        reason = f"撤销{log.tag}"
        history = History(model)
        befores = _states_before(log, history_model, updated)
        if befores:
            attnames = row_fields(model)
            restored = []
            ids = list(befores)
            for start in range(0, len(ids), 1000):
                for instance in model._default_manager.filter(pk__in=ids[start:start + 1000]):
                    for attname, value in befores[instance.pk].items():
                        setattr(instance, attname, value)
                    restored.append(as_row(instance, attnames))
            TableWriter(model).update(restored)
            history.add(restored, kind="~", reason=reason, when=now, user_id=user.pk)
            if register.after_undo is not None:
                register.after_undo(list(befores))  # what follows the rows (a contract's parties)
        if created:
            gone = [] if register.after_delete is None else [
                record for start in range(0, len(created), 1000)
                for record in model._default_manager.filter(pk__in=created[start:start + 1000]).only(*register.key_fields)]
            try:
                with transaction.atomic():
                    _delete(model, created)
            except ProtectedError as error:
                example = next(iter(error.protected_objects), None)
                raise ValidationError(
                    f"该导入新增的记录已被其他记录引用（如“{example}”），不能撤销；请先处理引用它们的记录。"
                ) from None
            if register.after_delete is not None:
                register.after_delete(gone)
            # the deletions' history rows (written by simple-history) say who undid what
            for start in range(0, len(created), 1000):
                history_model.objects.filter(id__in=created[start:start + 1000], history_type="-", history_date__gte=now).update(
                    history_change_reason=reason, history_user_id=user.pk)
        # the workflow steps the import recorded go with it (the history rows keep the undo)
        Transition.objects.filter(content_type=ContentType.objects.get_for_model(model), reason=log.tag).delete()
        log.status, log.undone_at, log.undone_by = ImportStatus.UNDONE, now, user.username
        log.save(update_fields=["status", "undone_at", "undone_by"])
        audit_record(
            action=Action.IMPORT_UNDO, request=request, user=user if user.pk else None, username=user.username,
            org=user.org, object_type=register.label, object_repr=f"撤销{log}：{log.file_name}"[:200],
            detail={"删除新增": len(created), "恢复更新": len(befores)},
        )


def _refuse_if_changed_later(log: ImportLog, history_model: type[models.Model], ids: list[int], key: str) -> None:
    """Later history rows count, except this import's own and those of later imports that were
    undone (their change and its undo cancel out), so imports can be undone newest first."""
    undone = ImportLog.objects.filter(register=log.register, status=ImportStatus.UNDONE, pk__gt=log.pk)
    ignored = [log.tag, *(reason for other in undone for reason in (other.tag, f"撤销{other.tag}"))]
    later = 0
    example = None
    for start in range(0, len(ids), 1000):
        rows = history_model._default_manager.filter(id__in=ids[start:start + 1000], history_date__gt=log.written_at).exclude(
            history_change_reason__in=ignored)
        later += rows.values("id").distinct().count()
        example = example or rows.values_list(key, flat=True).first()
    if later:
        raise ValidationError(f"导入之后已有 {later} 条记录被修改或删除（如“{example}”），不能撤销整批导入。")


def _states_before(log: ImportLog, history_model: type[models.Model], ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each updated record's state just before the import, from its previous history row."""
    fields = [f.attname for f in history_model._meta.concrete_fields if not f.attname.startswith("history_") and f.attname != "id"]
    states: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 1000):
        rows = (history_model._default_manager.filter(id__in=ids[start:start + 1000], history_date__lt=log.written_at)
                .order_by("id", "-history_date", "-history_id").values_list("id", *fields))
        for pk, *values in rows:
            states.setdefault(pk, dict(zip(fields, values, strict=True)))
    return states


def _delete(model: type[models.Model], ids: list[int]) -> None:
    by_depth: dict[int, list[int]] = defaultdict(list)
    if hasattr(model, "depth"):  # the org tree: children before parents
        for pk, depth in model._default_manager.filter(pk__in=ids).values_list("pk", "depth"):
            by_depth[depth].append(pk)
        for depth in sorted(by_depth, reverse=True):
            for instance in model._default_manager.filter(pk__in=by_depth[depth]):
                instance.delete()
        return
    for start in range(0, len(ids), 1000):
        model._default_manager.filter(pk__in=ids[start:start + 1000]).delete()
