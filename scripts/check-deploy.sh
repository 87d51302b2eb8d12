#!/usr/bin/env bash
# Checks the sample deployment in deploy/: the systemd units with `systemd-analyze verify` and the
# nginx site with `nginx -t`, each with this checkout's paths in place of /srv/uniondesk and
# stand-ins for the environment file and the certificate. Where a tool is missing the check says
# so and skips it. nginx: Debian's package is unpacked into a temporary directory (no service is
# installed or started); NGINX_DOWNLOAD=0 skips that.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x .venv/bin/gunicorn ] || { echo "请先运行 uv sync（.venv 中没有 gunicorn）" >&2; exit 1; }
mkdir -p var "$work/etc" "$work/log"
: > "$work/etc/env"

# --- systemd units -------------------------------------------------------------------------------
if command -v systemd-analyze >/dev/null 2>&1; then
  mkdir -p "$work/units"
  user=$(id -un); group=$(id -gn)
  for unit in deploy/systemd/*.service deploy/systemd/*.timer; do
    sed -e "s#/srv/uniondesk#$repo#g" -e "s#/etc/uniondesk/env#$work/etc/env#g" \
        -e "s#^User=uniondesk#User=$user#" -e "s#^Group=uniondesk#Group=$group#" \
        "$unit" > "$work/units/$(basename "$unit")"
  done
  # verify prints its findings and fails on an error; a warning about the machine itself (no
  # systemd running in a container) is not the units' fault, so only lines naming them count
  out=$(cd "$work/units" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no ./*.service ./*.timer 2>&1) || {
    echo "$out" >&2; echo "systemd 单元检查失败" >&2; exit 1; }
  if grep -F "$work/units" <<<"$out" | grep -q .; then
    echo "$out" >&2; echo "systemd 单元检查有警告" >&2; exit 1
  fi
  echo "systemd 单元检查通过：$(ls deploy/systemd | tr '\n' ' ')"
else
  echo "跳过：未安装 systemd-analyze，systemd 单元未检查"
fi

# --- nginx site ----------------------------------------------------------------------------------
nginx=$(command -v nginx || true)
if [ -z "$nginx" ] && [ "${NGINX_DOWNLOAD:-1}" = "1" ] && command -v apt-get >/dev/null 2>&1; then
  # Debian 12 keeps the binary in nginx-core (nginx is a metapackage there), later ones in nginx
  for package in nginx nginx-core; do
    if (cd "$work" && apt-get download -qq "$package" >/dev/null 2>&1 && dpkg -x "$package"_*.deb "$work/nginx-pkg") &&
       [ -x "$work/nginx-pkg/usr/sbin/nginx" ]; then
      nginx="$work/nginx-pkg/usr/sbin/nginx"; break
    fi
  done
fi
if [ -z "$nginx" ] || [ ! -x "$nginx" ]; then
  echo "跳过：未安装 nginx，也未能下载它的软件包，nginx 站点未检查"
  exit 0
fi
if ! command -v openssl >/dev/null 2>&1; then
  echo "跳过：未安装 openssl（无法生成测试证书），nginx 站点未检查"
  exit 0
fi
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=union.example.gov.cn" \
  -keyout "$work/etc/privkey.pem" -out "$work/etc/fullchain.pem" >/dev/null 2>&1
sed -e "s#/srv/uniondesk#$repo#g" -e "s#/etc/ssl/uniondesk#$work/etc#g" -e "s#/var/log/nginx#$work/log#g" \
  deploy/nginx/uniondesk.conf > "$work/site.conf"
cat > "$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/log/error.log;
events {}
http {
    access_log $work/log/access.log;
    client_body_temp_path $work/tmp-body;
    proxy_temp_path $work/tmp-proxy;
    fastcgi_temp_path $work/tmp-fastcgi;
    uwsgi_temp_path $work/tmp-uwsgi;
    scgi_temp_path $work/tmp-scgi;
    include $work/site.conf;
}
CONF
if "$nginx" -t -q -p "$work" -c "$work/nginx.conf"; then
  echo "nginx 站点检查通过：deploy/nginx/uniondesk.conf（$("$nginx" -v 2>&1 | sed 's/.*: //')）"
else
  echo "nginx 站点检查失败：deploy/nginx/uniondesk.conf" >&2; exit 1
fi
