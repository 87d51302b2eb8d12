"""Load on the production server: N simulated users over the demo personas, against gunicorn
(DEBUG=0) on PostgreSQL, for a bounded time, beside a bare view served by the same server.

    uv run python bench/load.py [--duration 120] [--users 50] [--workers 2] [--threads 4]
    uv run python bench/load.py --duration 20 --users 10          # a quick run
    uv run python bench/load.py --database postgres://postgres@127.0.0.1:5432/ud_load

The database (default postgres://postgres@127.0.0.1:5432/ud_load) is migrated and filled with the
demo district (seed 1) when it holds no orgs; an existing one is used as it is. The script starts
gunicorn and a task worker (`uniondesk db_worker`, which checks and writes imports) on a free
loopback port, waits for the login page, runs the users, and stops both (also after an error or
Ctrl-C; a watchdog ends the run at duration + 60 s whatever happens).

Users arrive spread over --ramp seconds (default a quarter of the run, at most 30). Each logs in
through the login form (CSRF token from the form), then loops until the end:
think 2–5 s, then one page drawn by weight — the dashboard, a register list with a filter or a
search, a record's page, 待办, the indicator list, an indicator's drill-down (this year or last,
the user's org or a street under it). One importer thread uploads a small workers .xlsx through
the web import once a minute as qingbo_admin, waits for the check, confirms and waits for
已导入 (each request timed under its kind; the whole import is timed as `import (end to end)`).
The imported workers stay in the database (new 身份证号 each run).

The bare view is the login page GET (anonymous: one template, no query), asked once a second by
its own thread throughout the run: the floor of this server on this machine under this load.

Printed: per page kind the requests, req/s, p50/p95/p99/max in ms and errors (a status other than
the one expected, a redirect to the login page, a timeout), then the targets (0 errors, page
p95 ≤ 500 ms and p99 ≤ 1.5 s).
"""

# ruff: noqa: S311 - simulated users draw pages and pauses, nothing secret
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/ud_load"
HOST = "127.0.0.1"

#: the business personas of demo/steps/accounts.py, each user takes the next one
PERSONAS = ("district_admin", "qingbo_admin", "hubin_admin", "union_admin", "viewer")
IMPORTER = "qingbo_admin"
#: page kinds a user draws, by weight
WEIGHTS = {"dashboard": 3, "list": 4, "search": 2, "detail": 3, "todo": 1, "indicators": 1, "drill": 2}
PAGE_P95_MS, PAGE_P99_MS = 500, 1500
BARE = "bare view (login GET)"


def server_env(database: str, var_dir: str) -> dict[str, str]:
    """The production settings (DEBUG=0) on plain-HTTP loopback with password-only demo logins."""
    return {
        **os.environ, "DATABASE_URL": database, "DEBUG": "0", "UNIONDESK_VAR": var_dir,
        "SECRET_KEY": "bench-load-" + "k" * 50, "AUDIT_KEY": "bench-load-audit-" + "a" * 40,
        "ALLOWED_HOSTS": HOST, "UNIONDESK_2FA": "0", "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0",
        "DJANGO_SETTINGS_MODULE": "uniondesk.settings",
    }


# --- what the users ask for, read from the database before the run ------------------------------

@dataclass
class Plan:
    passwords: dict[str, str]
    lists: dict[str, list[str]]  # persona → list URLs with a filter
    searches: dict[str, list[str]]
    details: dict[str, list[str]]
    drills: dict[str, list[str]]
    employer_code: str  # an employer under the importer's street, for the import file
    year: int


def prepare(database: str, var_dir: str) -> Plan:
    os.environ.update(server_env(database, var_dir))
    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import Resolver404, resolve, reverse
    from django.utils import timezone

    from accounts.models import User
    from demo.steps.accounts import PERSONAS as DEMO_PERSONAS
    from indicators.catalog import INDICATORS
    from indicators.dashboard import BREAKDOWN
    from orgs.models import Employer, Org
    from registers.catalog import registers

    call_command("migrate", verbosity=0)
    if not Org.objects.exists():
        print("数据库为空：生成演示区（seed 1）…", flush=True)
        call_command("demo", seed=1, verbosity=0)
    year = timezone.localdate().year
    rng = random.Random(1)
    lists: dict[str, list[str]] = defaultdict(list)
    searches: dict[str, list[str]] = defaultdict(list)
    details: dict[str, list[str]] = defaultdict(list)
    drills: dict[str, list[str]] = defaultdict(list)
    for username in PERSONAS:
        user = User.objects.get(username=username)
        for register in registers().values():
            url = reverse(register.list_url) if register.list_url else reverse("registers:record-list", args=[register.slug])
            filters = register.filterset.base_filters if register.filterset else {}
            for name, f in filters.items():
                choices = getattr(f, "extra", {}).get("choices")
                if isinstance(choices, (list, tuple)) and choices:
                    lists[username].append(f"{url}?{urllib.parse.urlencode({name: choices[0][0]})}")
                    break
            else:
                lists[username].append(f"{url}?page=2")
            for name in ("q", "name", "person"):
                if name in filters:
                    searches[username].append(f"{url}?{urllib.parse.urlencode({name: rng.choice('王张李陈刘杨')})}")
                    break
            pks = list(register.queryset(user).order_by("?").values_list("pk", flat=True)[:5])
            for pk in pks:
                # a register with pages of its own (workers, employers, orgs) keeps its records under its list
                detail = f"{url}{pk}/" if register.list_url else reverse("registers:record-detail", args=[register.slug, pk])
                try:
                    resolve(detail)
                except Resolver404:
                    continue
                details[username].append(detail)
        below = list(Org.objects.get_children(user.org).order_by("path")[:3])
        for indicator in INDICATORS:
            base = reverse("indicators:detail", args=[indicator.key])
            for y in (year, year - 1):
                drills[username].append(f"{base}?year={y}")
                if indicator.key in BREAKDOWN:
                    drills[username] += [f"{base}?year={y}&org={org.pk}" for org in below]
    importer = User.objects.get(username=IMPORTER)
    employer = Employer.objects.filter(node__path__startswith=importer.org.path, closed_on__isnull=True).order_by("pk").first()
    if employer is None:
        raise SystemExit("清波街道下没有存续的单位，无法导入")
    return Plan({u: p for u, _, _, _, p in DEMO_PERSONAS}, lists, searches, details, drills, employer.credit_code, year)


def workers_file(employer_code: str) -> bytes:
    """Five new workers of one employer, as SPEC §2's workers sheet (fresh 身份证号 each time)."""
    from openpyxl import Workbook

    from core.validators import id_check_char

    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号", "所在单位", "手机号", "是否会员", "入会日期", "劳动合同", "在职状态"])
    born = dt.date(1970, 1, 1) + dt.timedelta(days=random.randrange(12000))
    for n in range(5):
        first17 = f"990101{born:%Y%m%d}{random.randrange(1000):03d}"  # region 990101: never drawn by the demo
        sheet.append([f"压测{n}", first17 + id_check_char(first17), employer_code, "13900001111", "是",
                      "2024-05-14", "已签订", "在职"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- one browser: cookies, CSRF, timing ---------------------------------------------------------

@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, error: str = "") -> None:
        with self.lock:
            self.times[kind].append(ms)
            if error:
                self.errors[kind] += 1
                if len(self.examples) < 12:
                    self.examples.append(f"{kind}: {error}")


class Browser:
    def __init__(self, port: int, stats: Stats, deadline: float) -> None:
        self.port, self.stats, self.deadline = port, stats, deadline
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def request(self, kind: str, method: str, url: str, body: bytes | None = None,
                content_type: str = "", expect: int = 200) -> tuple[int, dict[str, str], str]:
        headers = {"Host": HOST, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Referer": f"http://{HOST}:{self.port}{url}"}
        if content_type:
            headers["Content-Type"] = content_type
        start = time.perf_counter()
        try:
            try:
                self.conn.request(method, url, body=body, headers=headers)
                response = self.conn.getresponse()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # gunicorn closed the kept-alive connection while the user was thinking: a browser
                # opens a new one and sends the request again, and so does this
                self.conn.close()
                start = time.perf_counter()
                self.conn.request(method, url, body=body, headers=headers)
                response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.stats.add(kind, (time.perf_counter() - start) * 1000, f"{method} {url}: {error!r}")
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            return 0, {}, ""
        ms = (time.perf_counter() - start) * 1000
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        location = response.getheader("Location", "")
        error = ""
        if response.status != expect:
            error = f"{method} {url}: {response.status} (expected {expect}) {location}"
        elif "/accounts/login/" in location and "login" not in kind:
            error = f"{method} {url}: sent to the login page"
        self.stats.add(kind, ms, error)
        return response.status, {"location": location}, text

    def csrf(self, page: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return found.group(1) if found else self.cookies.get("csrftoken", "")

    def log_in(self, username: str, password: str) -> bool:
        _, _, page = self.request("login (GET)", "GET", "/accounts/login/")
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf(page), "username": username,
                                       "password": password}).encode()
        status, _, _ = self.request("login (POST)", "POST", "/accounts/login/", form,
                                    "application/x-www-form-urlencoded", expect=302)
        return status == 302

    def think(self, low: float, high: float) -> bool:
        """Sleep like a reader; False when the run is over."""
        pause = random.uniform(low, high)
        if time.monotonic() + pause >= self.deadline:
            return False
        time.sleep(pause)
        return True


def user_loop(n: int, port: int, plan: Plan, stats: Stats, deadline: float, think: tuple[float, float],
              ramp: float) -> None:
    username = PERSONAS[n % len(PERSONAS)]
    browser = Browser(port, stats, deadline)
    # users arrive over the ramp, not at once: each login hashes a password with argon2 (CPU-bound)
    time.sleep(random.uniform(0, ramp))
    if not browser.log_in(username, plan.passwords[username]):
        return
    kinds, weights = zip(*WEIGHTS.items(), strict=True)
    year = plan.year
    while browser.think(*think):
        kind = random.choices(kinds, weights)[0]
        url = {
            "dashboard": lambda: random.choice(["/", f"/?year={year - 1}"]),
            "list": lambda: random.choice(plan.lists[username]),
            "search": lambda: random.choice(plan.searches[username]),
            "detail": lambda: random.choice(plan.details[username]),
            "todo": lambda: "/todo/",
            "indicators": lambda: "/indicators/",
            "drill": lambda: random.choice(plan.drills[username]),
        }[kind]()
        browser.request(kind, "GET", url)


def wait_for(browser: Browser, kind: str, url: str, done: set[str], until: float) -> str:
    """Poll an import's page (as its status fragment does) until its status is one of `done`."""
    while time.monotonic() < until:
        _, _, page = browser.request(kind, "GET", url)
        found = re.search(r'data-status[^>]*>\s*([^<\s]+)', page)
        if found and found.group(1) in done:
            return found.group(1)
        time.sleep(1)
    return "超时"


def importer_loop(port: int, plan: Plan, stats: Stats, deadline: float, every: float) -> None:
    browser = Browser(port, stats, deadline)
    if not browser.log_in(IMPORTER, plan.passwords[IMPORTER]):
        return
    next_at = time.monotonic() + random.uniform(2, 5)
    while next_at + 5 < deadline:
        time.sleep(max(0.0, next_at - time.monotonic()))
        next_at += every
        start = time.perf_counter()
        _, _, page = browser.request("import page", "GET", "/registers/workers/import/")
        boundary = uuid.uuid4().hex
        body = b"".join([
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{browser.csrf(page)}\r\n'.encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="职工.xlsx"\r\n'.encode(),
            b"Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n",
            workers_file(plan.employer_code), f"\r\n--{boundary}--\r\n".encode(),
        ])
        status, meta, _ = browser.request("import upload", "POST", "/registers/workers/import/", body,
                                          f"multipart/form-data; boundary={boundary}", expect=302)
        detail = urllib.parse.urlsplit(meta.get("location", "")).path
        if status != 302 or not re.fullmatch(r"/registers/imports/\d+/", detail):
            continue
        checked = wait_for(browser, "import status", detail, {"待确认", "有错误", "失败"}, deadline)
        if checked != "待确认":
            stats.add("import (end to end)", (time.perf_counter() - start) * 1000, f"{detail}: 检查后为 {checked}")
            continue
        _, _, page = browser.request("import status", "GET", detail)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": browser.csrf(page)}).encode()
        browser.request("import confirm", "POST", f"{detail}confirm/", form, "application/x-www-form-urlencoded", expect=302)
        written = wait_for(browser, "import status", detail, {"已导入", "失败"}, deadline + 30)
        stats.add("import (end to end)", (time.perf_counter() - start) * 1000,
                  "" if written == "已导入" else f"{detail}: 写入后为 {written}")


def bare_loop(port: int, stats: Stats, deadline: float) -> None:
    browser = Browser(port, stats, deadline)
    while time.monotonic() + 1 < deadline:
        browser.cookies.clear()
        browser.request(BARE, "GET", "/accounts/login/")
        time.sleep(1)


# --- the server ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(args: argparse.Namespace, env: dict[str, str], port: int, log: Path) -> list[subprocess.Popen]:
    out = log.open("ab")
    # the production storage serves hashed names from a manifest that collectstatic writes
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],  # noqa: S603 - as below
                   cwd=ROOT, env=env, stdout=out, stderr=out, check=True)
    gunicorn = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-m", "gunicorn", "uniondesk.wsgi", "-w", str(args.workers), "--threads", str(args.threads),
         "-b", f"{HOST}:{port}", "--timeout", "60"], cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True)
    worker = subprocess.Popen(  # noqa: S603 - as above
        [sys.executable, "manage.py", "db_worker"], cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True,
    ) if args.import_every else None
    processes = [p for p in (gunicorn, worker) if p is not None]
    until = time.monotonic() + 60
    while time.monotonic() < until:
        if gunicorn.poll() is not None:
            raise SystemExit(f"gunicorn 未能启动，见 {log}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/accounts/login/", headers={"Host": HOST})
            if conn.getresponse().status == 200:
                return processes
        except OSError:
            pass
        time.sleep(0.5)
    stop(processes)
    raise SystemExit(f"gunicorn 60 秒内没有应答，见 {log}")


def stop(processes: list[subprocess.Popen]) -> None:
    for p in processes:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in processes:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


# --- the table ----------------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def report(stats: Stats, seconds: float) -> bool:
    pages = [k for k in (*WEIGHTS, "login (GET)", "login (POST)") if stats.times.get(k)]
    imports = [k for k in ("import page", "import upload", "import status", "import confirm", "import (end to end)")
               if stats.times.get(k)]
    print(f"\n{'kind':24s} {'requests':>8s} {'req/s':>7s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'max ms':>8s} {'errors':>6s}")
    every_page: list[float] = []
    for kind in (*pages, *imports, BARE):
        values = stats.times.get(kind, [])
        if not values:
            continue
        if kind in WEIGHTS:
            every_page += values
        rate = "" if kind == "import (end to end)" else f"{len(values) / seconds:7.2f}"
        print(f"{kind:24s} {len(values):8d} {rate:>7s} {statistics.median(values):8.0f} {pct(values, 95):8.0f} "
              f"{pct(values, 99):8.0f} {max(values):8.0f} {stats.errors.get(kind, 0):6d}")
    total = sum(len(v) for v in stats.times.values())
    errors = sum(stats.errors.values())
    print(f"{'all requests':24s} {total:8d} {total / seconds:7.2f}{'':36s} {errors:6d}")
    ok = errors == 0
    if every_page:
        p95, p99 = pct(every_page, 95), pct(every_page, 99)
        worst = max((k for k in WEIGHTS if stats.times.get(k)), key=lambda k: pct(stats.times[k], 95))
        print(f"\n页面（{len(every_page)} 次）：p95 {p95:.0f} ms（目标 ≤ {PAGE_P95_MS}），p99 {p99:.0f} ms（目标 ≤ {PAGE_P99_MS}）；"
              f"最慢的一类 {worst} p95 {pct(stats.times[worst], 95):.0f} ms")
        ok = ok and p95 <= PAGE_P95_MS and p99 <= PAGE_P99_MS
    print(f"错误：{errors}（目标 0）")
    for example in stats.examples:
        print("  ", example)
    print("达到目标" if ok else "未达到目标")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=120, help="seconds of load (default 120)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn -w (default 2: this machine has 2 cores)")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn --threads")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0), metavar=("MIN", "MAX"))
    parser.add_argument("--import-every", type=float, default=60, help="seconds between imports; 0: none")
    parser.add_argument("--database", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--ramp", type=float, default=None,
                        help="seconds over which the users arrive and log in (default: a quarter of the duration, at most 30)")
    args = parser.parse_args()
    random.seed(args.seed)
    ramp = args.ramp if args.ramp is not None else min(30.0, args.duration / 4)

    with tempfile.TemporaryDirectory(prefix="ud-load-") as var_dir:
        plan = prepare(args.database, var_dir)
        env = server_env(args.database, var_dir)
        port = free_port()
        log = Path(var_dir) / "server.log"
        processes = start_server(args, env, port, log)
        # a hard stop: whatever hangs, the server is stopped and the script ends
        watchdog = threading.Timer(args.duration + 60, lambda: (stop(processes), os._exit(3)))
        watchdog.daemon = True
        watchdog.start()
        try:
            print(f"gunicorn -w {args.workers} --threads {args.threads} on {HOST}:{port}, {args.users} users, "
                  f"{args.duration:.0f} s (arriving over {ramp:.0f} s), think {args.think[0]:g}–{args.think[1]:g} s, "
                  f"import every {args.import_every:g} s, {args.database}", flush=True)
            stats = Stats()
            start = time.monotonic()
            deadline = start + args.duration
            threads = [threading.Thread(target=user_loop, args=(n, port, plan, stats, deadline, tuple(args.think), ramp),
                                        daemon=True)
                       for n in range(args.users)]
            threads.append(threading.Thread(target=bare_loop, args=(port, stats, deadline), daemon=True))
            if args.import_every:
                threads.append(threading.Thread(target=importer_loop, args=(port, plan, stats, deadline, args.import_every),
                                                daemon=True))
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=max(0.0, deadline + 45 - time.monotonic()))
            seconds = time.monotonic() - start
        finally:
            stop(processes)
            watchdog.cancel()
        errors_in_log = [line for line in log.read_text(errors="replace").splitlines() if "Traceback" in line or "ERROR" in line]
        ok = report(stats, seconds)
        if errors_in_log:
            print(f"服务器日志中有 {len(errors_in_log)} 行错误，例如：{errors_in_log[0]}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
