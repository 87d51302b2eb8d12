"""The head of the audit chain, written outside the database.

The chain shows an entry changed or removed in the middle; an entry removed from the end leaves
a shorter chain that is still whole. So every AUDIT_ANCHOR_EVERY entries the head (its position,
id and seal) is appended to AUDIT_ANCHOR_FILE, after the entry's transaction commits. A check
reads the anchor with the highest position and expects the table to hold that entry. The file
belongs on storage the database's users cannot write (another mount, `chattr +a`, or shipped to
a log host); one JSON object a line.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

log = logging.getLogger(__name__)
_TAIL_BYTES = 64 * 1024  # the newest anchors are at the end; concurrent writers may swap a few lines


@dataclass(frozen=True)
class Anchor:
    seq: int
    id: int
    hash: str
    at: str = ""


def anchor_file() -> Path | None:
    return Path(settings.AUDIT_ANCHOR_FILE) if settings.AUDIT_ANCHOR_FILE else None


def is_due(seq: int) -> bool:
    return seq % settings.AUDIT_ANCHOR_EVERY == 0


def anchor_write(*, seq: int, entry_id: int, hash: str) -> None:
    """Append one anchor line. A failure to write is logged, never raised: the entry is already
    committed, and a missing anchor only weakens the next check, which says so."""
    path = anchor_file()
    if path is None:
        return
    line = json.dumps({"seq": seq, "id": entry_id, "hash": hash, "at": timezone.localtime().isoformat(timespec="seconds")}) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)
    except OSError:
        log.exception("审计日志锚点写入失败：%s", path)


def last_anchor() -> Anchor | None:
    """The anchor furthest along the chain, or None when there is no file or no line in it."""
    path = anchor_file()
    if path is None or not path.exists():
        return None
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - _TAIL_BYTES))
        tail = handle.read().decode(errors="replace").splitlines()
    if size > _TAIL_BYTES:
        tail = tail[1:]  # the first line read may be cut
    best: Anchor | None = None
    for line in tail:
        try:
            row = json.loads(line)
            anchor = Anchor(seq=int(row["seq"]), id=int(row["id"]), hash=str(row["hash"]), at=str(row.get("at", "")))
        except (ValueError, KeyError, TypeError):
            continue
        if best is None or anchor.seq >= best.seq:
            best = anchor
    return best


def anchor_restart() -> Path | None:
    """A log that is cleared on purpose (demo --reset) starts a new anchor file; the old one is
    kept beside it under the time of the reset. Returns where it went."""
    path = anchor_file()
    if path is None or not path.exists():
        return None
    kept = path.with_name(f"{path.name}.{timezone.now():%Y%m%d%H%M%S}")
    path.rename(kept)
    return kept
