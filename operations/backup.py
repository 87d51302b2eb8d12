"""`uniondesk backup FILE`: one gzip-compressed tar archive holding manifest.json and the data.

The archive is written beside FILE under a temporary name and renamed when complete, so FILE is
never a half-written backup. The data member is the engine's own format (a SQLite database, a
pg_dump custom-format dump), restorable by hand with the engine's tools if need be. gzip at its
fastest level takes a SQLite database to about a third for a second of work; a pg_dump is
compressed already and passes through.
"""

from __future__ import annotations

import os
import tarfile
import tempfile
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.db import connection
from django.utils import timezone

from accounts.services import COMMAND_LINE
from audit.models import Action
from audit.services import audit_record

from . import engines
from .manifest import Manifest, inventory

MANIFEST_MEMBER = "manifest.json"


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


@dataclass
class Taken:
    manifest: Manifest
    size: int
    seconds: float


def backup_take(*, path: Path) -> Taken:
    started = time.monotonic()
    vendor = connection.vendor
    if vendor not in engines.DUMP:
        raise engines.ToolFailed(f"不支持备份 {vendor} 数据库。")
    member = engines.DATA_MEMBER[vendor]
    path = path.resolve()
    with tempfile.TemporaryDirectory(prefix=".uniondesk-backup-", dir=path.parent) as work:
        data = Path(work) / member
        created_at = timezone.localtime().isoformat(timespec="seconds")
        migrations, counts, head = engines.DUMP[vendor](data, inventory)
        manifest = Manifest(engine=vendor, created_at=created_at, migrations=migrations, counts=counts,
                            audit_head=head, data=member)
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=1) as archive:
            raw = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST_MEMBER)
            info.size, info.mtime, info.mode = len(raw), int(time.time()), 0o600
            archive.addfile(info, BytesIO(raw))
            archive.add(data, arcname=member, filter=_private)
        partial.chmod(0o600)  # personal data: readable by the operator alone
        os.replace(partial, path)
    # every copy of the personal data is in the log; written after the snapshot, so the backup
    # holds the log as it was when taken and its manifest's head stays the chain's
    audit_record(action=Action.EXPORT, username=COMMAND_LINE, object_type="数据库备份", object_repr=path.name[:200],
                 detail={"备份文件": str(path), "表": len(counts), "行": sum(counts.values()),
                         "备份时日志条数": (head or {}).get("seq")})
    return Taken(manifest=manifest, size=path.stat().st_size, seconds=time.monotonic() - started)
