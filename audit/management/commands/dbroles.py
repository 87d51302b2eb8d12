"""uniondesk dbroles APP_ROLE [--apply]: the rights of the role the application runs as (PostgreSQL).

Two roles share the database. The owner (the one in DATABASE_URL when `uniondesk migrate` and
`uniondesk demo` run) owns every table and alone may change the schema, lift a trigger or empty
a table. The application role (gunicorn, db_worker, cron jobs) reads and writes the business
tables but may only read and append to the audit log: no UPDATE, DELETE or TRUNCATE of it, no
DDL, so it cannot switch the log's triggers off. The statements are printed for the owner to run
(`uniondesk dbroles uniondesk_app | psql …`), or run at once with --apply; run them again after
every migrate. The role itself is created beforehand by the database administrator.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from audit.models import AuditEntry


def role_sql(*, app_role: str, database: str, schema: str) -> list[str]:
    q = connection.ops.quote_name
    app, db, sch = q(app_role), q(database), q(schema)
    audit = f"{sch}.{q(AuditEntry._meta.db_table)}"
    return [
        f"REVOKE CREATE ON SCHEMA {sch} FROM PUBLIC",
        f"REVOKE ALL ON DATABASE {db} FROM {app}",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {app}",
        f"REVOKE ALL ON SCHEMA {sch} FROM {app}",
        f"GRANT USAGE ON SCHEMA {sch} TO {app}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {sch} FROM {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {sch} TO {app}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {audit} FROM {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {sch} TO {app}",
        # tables a later migration creates (run the command again all the same: the audit log's
        # own rights are set above, by name)
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {sch} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {sch} GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]


class Command(BaseCommand):
    help = "打印（或以 --apply 执行）应用程序数据库角色的授权语句：业务表可读写，审计日志只能查询和追加，不能修改表结构。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("app_role", help="应用程序连接数据库所用的角色（须已由数据库管理员创建）")
        parser.add_argument("--apply", action="store_true", help="以当前 DATABASE_URL 的角色（表的所有者）直接执行")

    def handle(self, *args: Any, app_role: str, apply: bool, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("dbroles 只用于 PostgreSQL：SQLite 没有数据库角色，靠文件权限保护。")
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user, current_database(), current_schema()")
            owner, database, schema = cursor.fetchone()
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [app_role])
            exists = cursor.fetchone() is not None
        if app_role == owner:
            raise CommandError(f"应用程序角色不能是表的所有者 {owner}：所有者可以停用触发器、清空审计日志。")
        statements = role_sql(app_role=app_role, database=database, schema=schema)
        if not apply:
            self.stdout.write(f"-- 由表的所有者（运行 uniondesk migrate 的角色，当前为 {owner}）执行；每次 migrate 之后再执行一次")
            self.stdout.write("\n".join(f"{s};" for s in statements))
            return
        if not exists:
            raise CommandError(f"角色“{app_role}”不存在：请数据库管理员先执行 CREATE ROLE {app_role} LOGIN PASSWORD '…'。")
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"已为角色 {app_role} 设置权限：业务表可读写，审计日志只能查询和追加。")
