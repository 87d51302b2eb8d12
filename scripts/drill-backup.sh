#!/usr/bin/env bash
# The backup and restore drill (SPEC §10), on SQLite and on PostgreSQL:
#   demo → backup → restore into a new, empty database → auditcheck passes, every table has the
#   rows it had, `report annual --format json` says the same; a backup from a newer schema is refused.
# Usage: bash scripts/drill-backup.sh [sqlite|postgresql|both]   (default both; SKIP_POSTGRES=1 = sqlite)
# PostgreSQL: the server of DRILL_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432), in databases
# ud_backup_src / ud_backup_dst / ud_backup_new, dropped before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh
uv sync --frozen --quiet

ENGINES="${1:-both}"
[ "$ENGINES" = both ] && ENGINES="sqlite postgresql"
[ "${SKIP_POSTGRES:-0}" = "1" ] && ENGINES="${ENGINES/postgresql/}"
PG_SERVER="${DRILL_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
PG_SERVER="${PG_SERVER%/}"
WORK="$(mktemp -d /tmp/uniondesk-drill.XXXXXX)"
UD=(uv run --quiet --no-sync uniondesk)
# one key for the whole drill, as production keeps one AUDIT_KEY across a restore
export UNIONDESK_VAR="$WORK/var" SECRET_KEY="drill-secret-key-$RANDOM$RANDOM" AUDIT_KEY="drill-audit-key-$RANDOM$RANDOM"
YEAR=$(( $(date +%Y) - 1 ))

pg() {  # pg create|drop NAME
  uv run --quiet --no-sync python - "$PG_SERVER/postgres" "$1" "$2" <<'EOF'
import sys, psycopg
url, what, name = sys.argv[1:]
with psycopg.connect(url, autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if what == "create":
        conn.execute(f'CREATE DATABASE "{name}"')
EOF
}

cleanup() {
  case " $ENGINES " in *" postgresql "*) for db in ud_backup_src ud_backup_dst ud_backup_new; do pg drop "$db" || true; done ;; esac
  rm -rf "$WORK"
}
trap cleanup EXIT

url() {  # url ENGINE NAME
  if [ "$1" = sqlite ]; then echo "sqlite:///$WORK/$2.sqlite3"; else echo "$PG_SERVER/ud_backup_$2"; fi
}

rows() {  # rows DATABASE_URL ARCHIVE: the database holds the rows the archive's manifest counts (the
          # restore's audit entry aside); with no archive, it holds no table at all
  uv run --quiet --no-sync python - "$1" "$2" <<'EOF'
import json, sqlite3, sys, tarfile
import psycopg
url, archive = sys.argv[1:]
if url.startswith("sqlite:///"):
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
else:
    conn = psycopg.connect(url)
    tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
if not archive:
    assert not tables, f"the refused restore wrote tables: {tables}"
    sys.exit()
before = json.load(tarfile.open(archive).extractfile("manifest.json"))["counts"]
expected = {**before, "audit_auditentry": before["audit_auditentry"] + 1}
differ = {t: (expected.get(t), counts.get(t)) for t in expected.keys() | counts.keys() if expected.get(t) != counts.get(t)}
assert not differ, f"row counts differ after the restore: {differ}"
print(f"row counts: the same in all {len(counts)} tables ({sum(before.values())} rows)")
EOF
}

seconds() { "$PYTHON" -c "import time; print(f'{time.time() - $1:.1f}')"; }

drill() {
  local engine="$1" src dst new started
  src="$(url "$engine" src)" dst="$(url "$engine" dst)" new="$(url "$engine" new)"
  echo "== backup drill on $engine"
  if [ "$engine" = postgresql ]; then pg create ud_backup_src; pg create ud_backup_dst; pg create ud_backup_new; fi

  started=$(date +%s.%N)
  DATABASE_URL="$src" "${UD[@]}" migrate -v0
  DATABASE_URL="$src" "${UD[@]}" demo >/dev/null
  echo "demo: $(seconds "$started") s"
  DATABASE_URL="$src" "${UD[@]}" report annual --year "$YEAR" --format json >"$WORK/report-before.json"

  started=$(date +%s.%N)
  DATABASE_URL="$src" "${UD[@]}" backup "$WORK/$engine.tar.gz"
  echo "backup: $(seconds "$started") s, $(du -h "$WORK/$engine.tar.gz" | cut -f1)"

  started=$(date +%s.%N)
  DATABASE_URL="$dst" "${UD[@]}" restore "$WORK/$engine.tar.gz"
  echo "restore: $(seconds "$started") s"

  DATABASE_URL="$dst" "${UD[@]}" auditcheck
  DATABASE_URL="$dst" "${UD[@]}" report annual --year "$YEAR" --format json >"$WORK/report-after.json"
  cmp "$WORK/report-before.json" "$WORK/report-after.json"
  echo "report annual --year $YEAR: the same before and after"

  # every table holds the rows it held; the log holds one entry more, the restore's own
  rows "$dst" "$WORK/$engine.tar.gz"

  # a backup from a newer schema: refused, and the empty database stays empty
  "$PYTHON" - "$WORK/$engine.tar.gz" "$WORK/newer.tar" <<'EOF'
import io, json, sys, tarfile
with tarfile.open(sys.argv[1]) as old, tarfile.open(sys.argv[2], "w") as new:
    for member in old.getmembers():
        data = old.extractfile(member).read()
        if member.name == "manifest.json":
            manifest = json.loads(data)
            manifest["migrations"]["audit"] = "9999_from_a_later_version"
            data = json.dumps(manifest).encode()
        member.size = len(data)
        new.addfile(member, io.BytesIO(data))
EOF
  if DATABASE_URL="$new" "${UD[@]}" restore "$WORK/newer.tar" 2>"$WORK/refused.txt"; then
    echo "a backup from a newer schema was restored" >&2; exit 1
  fi
  grep -q "备份的数据库结构比本程序新" "$WORK/refused.txt" || { cat "$WORK/refused.txt" >&2; exit 1; }
  echo "newer schema refused: $(cat "$WORK/refused.txt")"
  rows "$new" ""
}

case " $ENGINES " in *" postgresql "*)
  if ! uv run --quiet --no-sync python -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=5).close()" \
      "$PG_SERVER/postgres" 2>"$WORK/pg-error"; then
    echo "PostgreSQL 不可达：$PG_SERVER" >&2; cat "$WORK/pg-error" >&2
    echo "请启动 PostgreSQL，或设置 DRILL_POSTGRES_URL；只演练 SQLite 请设置 SKIP_POSTGRES=1。" >&2
    ENGINES="${ENGINES/postgresql/}"; exit 1
  fi ;;
esac
for engine in $ENGINES; do drill "$engine"; done
echo "== backup drill passed: $ENGINES"
