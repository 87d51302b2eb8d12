#!/usr/bin/env bash
# Installs everything and runs the whole test suite: ruff, the import layers (import-linter), mypy,
# the migrations check, the sample deployment (scripts/check-deploy.sh), the suite on SQLite (with the browser tests), then on PostgreSQL.
# TEST_POSTGRES_URL picks the server (default postgres://postgres@127.0.0.1:5432/test);
# SKIP_POSTGRES=1 skips that run and the replica drill. The tests
# spread over the machine's cores (pytest-xdist); TEST_WORKERS=0 runs them in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh

# chromium for the browser tests; the fonts and libraries PDFs need (scripts/_bootstrap.sh)
ensure_pdf_packages chromium

uv sync --frozen --quiet
echo "== ruff"; uv run ruff check .
echo "== import layers"; uv run lint-imports
echo "== mypy"; uv run mypy
echo "== makemigrations --check"; uv run uniondesk makemigrations --check --dry-run
echo "== deploy/: systemd units and nginx site"; bash scripts/check-deploy.sh
WORKERS=(-n "${TEST_WORKERS:-auto}")
echo "== tests on SQLite"; uv run pytest -q "${WORKERS[@]}" "$@"

# the backup and restore drill on the demo (SPEC §10): SQLite, and PostgreSQL unless SKIP_POSTGRES=1
echo "== backup drill"; DRILL_POSTGRES_URL="$(dirname "${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}")" bash scripts/drill-backup.sh

if [ "${SKIP_POSTGRES:-0}" = "1" ]; then
  echo "== PostgreSQL run skipped (SKIP_POSTGRES=1)"; exit 0
fi
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
if ! pg_error=$(uv run python -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=5).close()" "$PG_URL" 2>&1); then
  echo "PostgreSQL 不可达：$PG_URL" >&2; echo "$pg_error" >&2
  echo "请启动 PostgreSQL，或设置 TEST_POSTGRES_URL；只测 SQLite 请设置 SKIP_POSTGRES=1。" >&2
  exit 1
fi
echo "== tests on PostgreSQL ($PG_URL)"
DATABASE_URL="$PG_URL" uv run pytest -q "${WORKERS[@]}" -m "not browser" "$@"

# --- the replica drill: a primary and a streaming replica of its own, on free ports (SPEC §10) ---
echo "== replica drill (scripts/drill-replica.sh)"
timeout 120 bash scripts/drill-replica.sh || {
  rc=$?; [ "$rc" = 124 ] && echo "只读副本演练超时（120 秒）" >&2; exit "$rc"; }
