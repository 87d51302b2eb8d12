#!/usr/bin/env bash
# Drill of the reads on a replica (SPEC §10): makes its own PostgreSQL primary and streaming
# replica in a temporary directory on free ports (never the server on 5432), migrates the primary,
# loads the demo district, then drives the pages with Django's test client
# (scripts/drill_replica.py) and shows from the two servers' statement logs which server ran what:
# reports, dashboards, indicator pages and exports on the replica; writes, filing, imports and
# workflow moves on the primary; a session that just wrote on the primary for REPLICA_PIN_SECONDS.
# Both servers are stopped and removed on exit. PGBIN says where the server programs are.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh
started=$SECONDS
# the newest PostgreSQL server installed (Debian keeps each major version in its own directory)
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
for program in initdb pg_ctl pg_basebackup psql; do
  if [ ! -x "$PGBIN/$program" ]; then
    echo "== 只读副本演练跳过：未找到 PostgreSQL 服务器程序 $PGBIN/$program（PGBIN 可指定其目录）"; exit 0
  fi
done

work="$(mktemp -d /tmp/ud-replica-drill.XXXXXX)"
chmod 755 "$work"
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root: the servers run as the postgres account, in a directory it owns
  chown postgres: "$work"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
cleanup() {
  for node in replica primary; do
    if [ -f "$work/$node/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$work/$node" -m immediate stop >/dev/null 2>&1 || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" INT TERM  # a timeout still stops and removes both servers

free_port() { uv run --quiet python -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
uv sync --frozen --quiet
P1="$(free_port)"; P2="$(free_port)"
while [ "$P2" = "$P1" ]; do P2="$(free_port)"; done
echo "== 只读副本演练：主库 127.0.0.1:$P1，副本 127.0.0.1:$P2（$work）"

as_pg "$PGBIN/initdb" -D "$work/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$work/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $P1
unix_socket_directories = '$work'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
full_page_writes = off
log_line_prefix = '%m [%p] %a: '
EOF
echo "host replication postgres 127.0.0.1/32 trust" >>"$work/primary/pg_hba.conf"
as_pg "$PGBIN/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w start >/dev/null
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$P1" -U postgres -qc "CREATE DATABASE uniondesk"

# the replica: a base backup of the primary that streams from it (-R writes standby.signal and
# primary_conninfo), read-only (hot standby), logging every statement it runs
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$P1" -U postgres -D "$work/replica" -R -X stream -c fast
cat >>"$work/replica/postgresql.conf" <<EOF
port = $P2
hot_standby = on
log_statement = 'all'
EOF
as_pg "$PGBIN/pg_ctl" -D "$work/replica" -l "$work/replica.log" -w start >/dev/null
echo "   副本已启动（$((SECONDS - started)) 秒）：$(as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$P2" -U postgres -Atc \
  "SELECT CASE WHEN pg_is_in_recovery() THEN '处于恢复模式（只读）' ELSE '不是副本！' END")"

export UNIONDESK_VAR="$work/var" DATABASE_URL="postgres://postgres@127.0.0.1:$P1/uniondesk?application_name=uniondesk"
export DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$P2/uniondesk?application_name=uniondesk"
mkdir -p "$UNIONDESK_VAR"
uv run uniondesk migrate --verbosity 0
echo "   主库已迁移（$((SECONDS - started)) 秒）"
if [ "${REPLICA_DRILL_DEMO:-0}" = "1" ]; then
  # the demo district (about 64,000 workers) takes a minute or more; the drill makes a small
  # district of its own otherwise
  uv run uniondesk demo --scale district >/dev/null
  echo "   演示区已载入（$((SECONDS - started)) 秒）"
fi
# from here on the primary logs every statement too, so each step shows what both servers ran
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$P1" -U postgres -qAtc "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null

PRIMARY_LOG="$work/primary.log" REPLICA_LOG="$work/replica.log" REPLICA_PIN_SECONDS=3 UNIONDESK_TASKS=immediate \
  uv run python scripts/drill_replica.py
echo "== 只读副本演练通过（共 $((SECONDS - started)) 秒）"
