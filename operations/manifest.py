"""The manifest of a backup: what the data is, read from the very copy the archive holds.

It names the product version, the engine, the last migration applied per app, the rows of every
table and the head of the audit chain (its position, id and seal; the key that sealed it is
configuration and is never written here). Restore reads it to refuse what it cannot take and to
check the data it restored.
"""

from __future__ import annotations

import importlib.metadata
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.migrations.loader import MigrationLoader

from audit.models import AuditEntry

FORMAT = 1
MIGRATIONS_TABLE = "django_migrations"


def product_version() -> str:
    try:
        return importlib.metadata.version("uniondesk")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


@dataclass
class Manifest:
    engine: str  # connection.vendor: "sqlite" or "postgresql"
    created_at: str
    migrations: dict[str, str]  # app label: the name of the last migration applied
    counts: dict[str, int]  # table: rows
    audit_head: dict[str, Any] | None  # {"seq", "id", "hash"} of the last entry, None for an empty log
    data: str  # the archive member holding the data
    version: str = field(default_factory=product_version)
    product: str = "uniondesk"
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("product") != "uniondesk" or data.get("format") != FORMAT:
            raise ValueError("不是本系统的备份清单")
        manifest = cls(**{name: data[name] for name in cls.__dataclass_fields__})
        if not (isinstance(manifest.migrations, dict) and isinstance(manifest.counts, dict)
                and isinstance(manifest.data, str) and isinstance(manifest.engine, str)):
            raise ValueError("备份清单的内容不完整")
        return manifest


def inventory(cursor: Any, tables: list[str], quote: Any) -> tuple[dict[str, str], dict[str, int], dict[str, Any] | None]:
    """Last migration per app, rows per table and the audit chain's head, read through `cursor`
    (a DB-API cursor on the copy, or inside the snapshot the dump reads)."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the database's own catalogue
        counts[table] = int(cursor.fetchone()[0])
    migrations: dict[str, str] = {}
    if MIGRATIONS_TABLE in tables:
        cursor.execute(f"SELECT app, name FROM {quote(MIGRATIONS_TABLE)} ORDER BY id")  # noqa: S608
        for app, name in cursor.fetchall():
            migrations[app] = name  # applied in id order: the last one wins
    head = None
    audit_table = AuditEntry._meta.db_table
    if audit_table in tables:
        cursor.execute(f"SELECT seq, id, hash FROM {quote(audit_table)} ORDER BY id DESC LIMIT 1")  # noqa: S608
        if row := cursor.fetchone():
            head = {"seq": row[0], "id": row[1], "hash": row[2]}
    return migrations, counts, head


def unknown_migrations(migrations: dict[str, str]) -> list[str]:
    """The migrations the backup's schema has that this code does not: it is from a newer version
    (or from another product), and this code cannot know what its tables mean."""
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return [f"{app}.{name}" for app, name in sorted(migrations.items()) if (app, name) not in on_disk]
