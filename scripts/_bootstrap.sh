# Sourced by the other scripts: find Python 3.12+, install uv if missing, never download Python.
export UV_PYTHON_DOWNLOADS=never
export PATH="$HOME/.local/bin:$PATH"

find_python() {
  for candidate in python3.12 python3.13 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      # the interpreter itself, not a shim (pyenv's): uv compares it with the one .venv was made from
      "$candidate" -c 'import sys; print(sys.executable)'; return 0
    fi
  done
  echo "未找到 Python 3.12 或更高版本，请先安装 Python 3.12。" >&2
  return 1
}

PYTHON=$(find_python)
# the interpreter uv builds .venv from (it may not download one): this one, whatever
# .python-version names, so a machine whose Python is 3.13 works as well as one with 3.12
export UV_PYTHON="${UV_PYTHON:-$PYTHON}"

if ! command -v uv >/dev/null 2>&1; then
  echo "安装 uv …"
  # Debian's Python refuses pip installs outside a virtualenv (PEP 668): pipx first, then pip
  if command -v pipx >/dev/null 2>&1; then pipx install --quiet uv >/dev/null
  else "$PYTHON" -m pip install --quiet --user uv 2>/dev/null ||
       "$PYTHON" -m pip install --quiet --user --break-system-packages uv 2>/dev/null || true
  fi
  hash -r
  command -v uv >/dev/null 2>&1 || export PATH="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"
  command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
  if ! command -v uv >/dev/null 2>&1; then
    echo "未能安装 uv：请安装 pipx（sudo apt-get install pipx）后重试，或按 https://docs.astral.sh/uv/ 安装。" >&2
    exit 1
  fi
fi

# Debian packages the product needs beside Python: fonts-wqy-zenhei so PDFs render Chinese
# (without a CJK font they show boxes, silently) and the pango libraries weasyprint draws with;
# extra package names (e.g. chromium) are added when their command is missing.
ensure_pdf_packages() {
  local missing=""
  for extra in "$@"; do
    command -v "$extra" >/dev/null 2>&1 || [ -x "/usr/bin/$extra" ] || missing="$missing $extra"
  done
  [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing="$missing fonts-wqy-zenhei"
  # the report's PDF: Noto Serif CJK SC for the body (仿宋), Noto Sans CJK SC for 黑体 headings
  [ -e /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] || missing="$missing fonts-noto-cjk"
  # ldconfig lives in /sbin, which a plain user's PATH may leave out
  # (read whole first: `grep -q` in a pipe would cut ldconfig off, and pipefail call it failed)
  local libraries; libraries=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)
  [[ "$libraries" == *libpangoft2-1.0* ]] || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
  if [ -n "$missing" ]; then
    echo "安装 Debian 软件包：$missing …"
    local sudo=""
    if [ "$(id -u)" != "0" ]; then
      if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
        echo "缺少 Debian 软件包，且无权安装。请由管理员运行：apt-get install -y$missing" >&2
        exit 1
      fi
      sudo="sudo"
    fi
    $sudo apt-get update -qq && $sudo apt-get install -y -qq $missing >/dev/null
  fi
}
