"""Writing to and checking the audit log."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from . import anchors, sealing
from .models import Action, AuditEntry, Result

if TYPE_CHECKING:
    from accounts.models import User

GENESIS = "0" * 64
_PG_LOCK_KEY = 7_420_031  # one advisory lock serialises appends, so the chain never forks


def client_ip(request: HttpRequest | None) -> str | None:
    """The visitor's address: the connection's, or behind PROXY_COUNT reverse proxies the entry
    the outermost of them added to X-Forwarded-For (the entries before it are the visitor's own
    text). Login lockouts (AXES_CLIENT_IP_CALLABLE), the audit log and the public limits read it.
    Written in the short form the database keeps, so an entry's seal matches what is read back;
    None when there is no address (a Unix socket)."""
    if request is None:
        return None
    candidates = [request.META.get("REMOTE_ADDR", "")]
    count = settings.PROXY_COUNT
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if count > 0 and len(hops) >= count:
        candidates.insert(0, hops[-count])  # else not written by our proxies: the connection's address
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def audit_record(
    *,
    action: Action | str,
    request: HttpRequest | None = None,
    user: User | None = None,
    username: str = "",
    org: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_repr: str = "",
    result: Result | str = Result.OK,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. `user` defaults to the request's user; `org` to the user's org."""
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    if org is None and user is not None:
        org = getattr(user, "org", None)
    if obj is not None:
        object_type = object_type or str(obj._meta.verbose_name)
        object_repr = object_repr or str(obj)[:200]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("hash", "seq").first()
        last_hash, last_seq = last or (None, 0)
        if last_seq is None:  # the first keyed entry after the unkeyed ones: count them once
            last_seq = AuditEntry.objects.count()
        entry = AuditEntry(
            at=timezone.now(),
            user_id_value=getattr(user, "pk", None),
            username=getattr(user, "username", "") or username,
            org=org,
            ip=client_ip(request),
            action=action,
            object_type=object_type,
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=object_repr,
            result=result,
            detail=detail or {},
            prev_hash=last_hash or GENESIS,
            seq=last_seq + 1,
            key_id=sealing.key_id(),
        )
        entry.hash = entry.compute_hash()
        entry.save()
        if entry.seq is not None and anchors.is_due(entry.seq):
            seq, entry_id, sealed = entry.seq, entry.id, entry.hash
            transaction.on_commit(lambda: anchors.anchor_write(seq=seq, entry_id=entry_id, hash=sealed))
    return entry


def audit_log_clear() -> None:
    """Empty the log on purpose (demo --reset, which clears the data the entries concern): the
    append-only trigger is lifted for this one statement inside the caller's transaction, and the
    anchor file starts again once it commits. Only the table's owner can do this."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_entry_append_only")
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - the table's own quoted name
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER audit_entry_append_only")
    transaction.on_commit(anchors.anchor_restart)


@dataclass
class ChainCheck:
    checked: int
    broken_id: int | None = None
    problem: str = ""  # what failed, in words an auditor can report
    anchor: anchors.Anchor | None = None  # the anchor the tail was compared with
    anchor_file: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def tail_checked(self) -> bool:
        """Whether the end of the log was compared with an anchor (an empty log has no end)."""
        return self.anchor is not None or self.checked == 0


def _entry_problem(entry: AuditEntry, *, prev: str, position: int, keyed_seen: bool, key_id: str) -> str:
    if entry.prev_hash != prev:
        return (f"编号 {entry.id} 的日志所记的前一条封印与实际的前一条不符："
                "它前面的日志被删除、插入或改写。")
    if not entry.key_id:
        if keyed_seen:
            return f"编号 {entry.id} 的日志没有密钥封印，却排在有密钥封印的日志之后：日志被改写。"
        if entry.compute_hash() != entry.hash:
            return f"编号 {entry.id} 的日志内容与其封印不符：该条日志被改写。"
        return ""
    if entry.key_id != key_id:
        return (f"编号 {entry.id} 的日志由另一把密钥封印（密钥指纹 {entry.key_id}，当前为 {key_id}）："
                "AUDIT_KEY 或 SECRET_KEY 被更换，或日志被改写。")
    if entry.seq != position:
        return f"编号 {entry.id} 的日志记为链上第 {entry.seq} 条，实为第 {position} 条：日志被删除或插入。"
    if entry.compute_hash() != entry.hash:
        return (f"编号 {entry.id} 的日志内容与其密钥封印不符：该条日志被改写"
                "（不知道密钥的人无法重新计算封印）。")
    return ""


def _tail_problem(anchor: anchors.Anchor, entry: AuditEntry | None, checked: int) -> str:
    if entry is None:
        return (f"锚点记录日志至少有 {anchor.seq} 条（最后锚定的是编号 {anchor.id}，{anchor.at[:19].replace("T", " ")}），"
                f"表中的日志链只有 {checked} 条：末尾的日志被删除。")
    if entry.id != anchor.id or entry.hash != anchor.hash:
        return (f"链上第 {anchor.seq} 条应为锚点记录的编号 {anchor.id}，表中却是编号 {entry.id}："
                "末尾的日志被删除后又有新日志续上，或该条被替换。")
    return ""


def verify_chain(*, batch: int = 2000) -> ChainCheck:
    """Walk the whole log in id order: each entry's link and seal, then the end of the log against
    the last anchor. The anchor is read first, so an entry anchored during the walk is not taken
    for a missing one."""
    anchor = anchors.last_anchor()
    path = anchors.anchor_file()
    result = ChainCheck(checked=0, anchor=anchor, anchor_file=str(path or ""))
    key_id = sealing.key_id()
    prev, keyed_seen, at_anchor = GENESIS, False, None
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch):
        position = result.checked + 1
        problem = _entry_problem(entry, prev=prev, position=position, keyed_seen=keyed_seen, key_id=key_id)
        if problem:
            result.broken_id, result.problem = entry.id, problem
            return result
        keyed_seen = keyed_seen or bool(entry.key_id)
        if anchor is not None and position == anchor.seq:
            at_anchor = entry
        prev = entry.hash
        result.checked = position
    if anchor is not None:
        result.problem = _tail_problem(anchor, at_anchor, result.checked)
    return result
