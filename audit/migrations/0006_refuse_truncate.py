"""PostgreSQL refuses TRUNCATE of the audit log: row triggers (0002) do not see it.

The session setting `uniondesk.allow_audit_truncate` lets a test database be emptied between
tests (Django's flush truncates every table); it grants nothing a role could not do already,
since only the table's owner may truncate it and the owner may also disable the trigger. The
application's own role has no TRUNCATE right at all (`uniondesk dbroles`).
"""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger AS $$
BEGIN
  IF current_setting('uniondesk.allow_audit_truncate', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能清空';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_refuse_truncate();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UP)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DOWN)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_keyed_chain")]
    operations = [migrations.RunPython(forwards, backwards)]
