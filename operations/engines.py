"""Copying the data out and in, per engine, each in one consistent state.

SQLite: the online backup API copies the database page by page within one read transaction (WAL
lets writers go on meanwhile), so the copy is one committed state: an import that commits during
the copy is in it whole or not at all. PostgreSQL: the manifest is read in a REPEATABLE READ
transaction whose snapshot `pg_dump --snapshot` then dumps, so counts, audit head and dump are
the same moment; pg_dump alone already reads everything in one snapshot.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore are the PostgreSQL way to copy a database
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.backends.postgresql.client import DatabaseClient

DATA_MEMBER = {"sqlite": "data.sqlite3", "postgresql": "data.pgdump"}


class ToolFailed(RuntimeError):
    pass


# --- SQLite ---------------------------------------------------------------------------------------

def sqlite_snapshot(source: sqlite3.Connection, target: Path) -> None:
    """Copy `source` into a new file in one step (pages=-1): one read transaction, one state."""
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()


def sqlite_dump(target: Path, read: Callable[[Any, list[str], Any], Any]) -> Any:
    """Copy the open database to `target`, then read the manifest's facts from that copy."""
    connection.ensure_connection()
    sqlite_snapshot(connection.connection, target)
    copy = sqlite3.connect(target)
    try:
        tables = [row[0] for row in copy.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return read(copy.cursor(), tables, connection.ops.quote_name)
    finally:
        copy.close()


def sqlite_load(source: Path) -> None:
    """Copy a backup's database into the open (empty) one, through the same backup API."""
    connection.ensure_connection()
    data = sqlite3.connect(source)
    try:
        data.backup(connection.connection)
    finally:
        data.close()
    connection.close()  # the next query opens the restored database afresh


# --- PostgreSQL -----------------------------------------------------------------------------------

def _pg_tool(name: str) -> str:
    """On PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin."""
    if found := shutil.which(name):
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise ToolFailed(f"找不到 {name}：请安装 PostgreSQL 客户端（postgresql-client）。")
    return candidates[-1]


def _pg_connection() -> tuple[list[str], dict[str, str]]:
    """Connection options and environment (password, SSL) for the tools, from DATABASES."""
    settings_dict = connection.settings_dict
    args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    options = args[1:]  # -U/-h/-p, then psql's database name last: pg_restore takes it as -d
    if settings_dict.get("NAME") or not settings_dict["OPTIONS"].get("service"):
        options = [*options[:-1], "-d", options[-1]]
    return options, {**os.environ, **(env or {})}


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise ToolFailed(f"{Path(command[0]).name} 失败（退出码 {done.returncode}）：{done.stderr.strip()[-2000:]}")


def postgresql_dump(target: Path, read: Callable[[Any, list[str], Any], Any]) -> Any:
    if connection.in_atomic_block:
        raise ToolFailed("备份须在事务之外进行：pg_dump 读取的是另一个会话，看不到未提交的数据。")
    options, env = _pg_connection()
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        facts = read(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)
        # the snapshot lives as long as this transaction: pg_dump takes it up before it ends
        _run([_pg_tool("pg_dump"), *options, "--format=custom", f"--snapshot={snapshot}", "--file", str(target)], env)
    return facts


def postgresql_load(source: Path) -> None:
    """pg_restore in one transaction: all of it or nothing. Objects are owned by the role that
    restores (the owner), and grants are left to `uniondesk dbroles` afterwards."""
    options, env = _pg_connection()
    connection.close()
    _run([_pg_tool("pg_restore"), *options, "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", str(source)], env)


DUMP = {"sqlite": sqlite_dump, "postgresql": postgresql_dump}
LOAD = {"sqlite": sqlite_load, "postgresql": postgresql_load}
