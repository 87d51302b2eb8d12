#!/usr/bin/env bash
# Installs UnionDesk, fills a demo district on SQLite (first run only) and serves it on
# http://127.0.0.1:${PORT:-8000} through the production server (gunicorn, DEBUG=0, static files
# collected and served by the application) over plain http: no HTTPS redirect, no Secure cookies,
# one factor (UNIONDESK_PLAIN_HTTP=1, SPEC §10). DEMO_RESET=1 rebuilds the demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh

PORT="${PORT:-8000}"
# a busy port is said now, before the installation and the demo data take their minutes
if ! "$PYTHON" - "$PORT" <<'PY'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds: a closing socket is no obstacle
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except (OSError, ValueError):
    sys.exit(1)
PY
then
  echo "端口 $PORT 已被占用（或无效），演示无法启动。请关闭占用该端口的程序，或换一个端口：PORT=8001 bash scripts/demo.sh" >&2
  exit 1
fi

export DEBUG=0 UNIONDESK_PLAIN_HTTP=1
export SITE_URL="http://127.0.0.1:$PORT" GUNICORN_BIND="127.0.0.1:$PORT"

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
# static files under hashed names, with gzip and brotli copies (var/static)
uv run uniondesk collectstatic --noinput --verbosity 0
# The background worker runs long imports (django-tasks-db: the queue is a database table).
uv run uniondesk db_worker --no-reload --verbosity 0 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "演示模式：生产服务器（gunicorn），DEBUG 关闭，明文 HTTP（不跳转 HTTPS、Cookie 不带 Secure），未启用双因素认证；仅供本机演示，正式部署见 README“生产部署”。"
echo "工会工作台已启动：http://127.0.0.1:$PORT （后台任务进程 $worker；Ctrl+C 停止）"
uv run gunicorn -c python:uniondesk.gunicorn
