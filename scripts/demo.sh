#!/usr/bin/env bash
# Installs UnionDesk, fills a demo district on SQLite (first run only) and serves it on
# http://127.0.0.1:8000. DEMO_RESET=1 rebuilds the demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh
export DEBUG="${DEBUG:-1}"

ensure_pdf_packages
uv sync --frozen --quiet
uv run uniondesk migrate --verbosity 0
if [ "${DEMO_RESET:-0}" = "1" ]; then
  uv run uniondesk demo --reset
elif uv run uniondesk shell --verbosity 0 -c "from orgs.models import Org; import sys; sys.exit(0 if Org.objects.exists() else 1)"; then
  echo "演示数据已存在（账号见 README）；如需重建请运行：DEMO_RESET=1 bash scripts/demo.sh"
else
  uv run uniondesk demo
fi
# The background worker runs long imports (django-tasks-db: the queue is a database table).
uv run uniondesk db_worker --no-reload --verbosity 0 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "工会工作台已启动：http://127.0.0.1:8000 （后台任务进程 $worker；Ctrl+C 停止）"
uv run uniondesk runserver 127.0.0.1:8000
