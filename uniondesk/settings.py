"""UnionDesk settings: one file, read from the environment (SPEC §6).

A bare checkout runs as a demo on SQLite under ./var/; production sets DEBUG=0,
SECRET_KEY, AUDIT_KEY, ALLOWED_HOSTS and DATABASE_URL and then passes `check --deploy`.
"""

import hashlib
import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The demo's production server over plain http on one machine (SPEC §10): no HTTPS redirect, no
# Secure cookies, one factor. Each has its own variable too; this switch only changes their defaults.
PLAIN_HTTP = env_bool("UNIONDESK_PLAIN_HTTP", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# the address users open the site at: a report made on the command line links its figures to their
# drill-down pages there (one made from the report page uses the address the page was opened at)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# ./var under the directory the command runs in (SPEC §6), unless UNIONDESK_VAR says otherwise
VAR_DIR = Path(os.environ.get("UNIONDESK_VAR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in var/ (mode 600)."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        from django.core.management.utils import get_random_secret_key

        path.write_text(get_random_secret_key() + get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

# --- the audit log (audit/sealing.py, audit/anchors.py) -------------------------------------------
# The key of the log's HMAC chain: configuration only, never in the database or a backup. Unset,
# it is derived from SECRET_KEY (a demo); production sets its own and keeps it apart from the data.
AUDIT_KEY = os.environ.get("AUDIT_KEY", "")
# Every AUDIT_ANCHOR_EVERY entries the head of the chain is appended to this file, outside the
# database, so a log whose last entries were deleted no longer matches it ("" = no anchor). The
# default file is the database's own (set below DATABASES), so a second database never reads the
# anchors of the first.
AUDIT_ANCHOR_FILE = os.environ.get("AUDIT_ANCHOR_FILE")
AUDIT_ANCHOR_EVERY = max(1, int(os.environ.get("AUDIT_ANCHOR_EVERY", "1")))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "treebeard",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "accounts",
    "audit",
    "orgs",
    "workers",
    "registers",
    "workflows",
    "contests",
    "training",
    "proposals",
    "honours",
    "meetings",
    "contracts",
    "mediation",
    "supervision",
    "assistance",
    "foundings",
    "harmony",
    "radar",
    "members",
    "public",
    "todo",
    "indicators",
    "reporting",
    "demo",
    "operations",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # static files from STATIC_ROOT before anything reads a session or a database (SPEC §10)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # audits reaching outside one's subtree (and the API's refusals); no-store on what is served
    "audit.middleware.OverreachMiddleware",
    "core.middleware.NoStoreMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # every view reads its query without control characters (core/params.py)
    "core.params.QueryParamsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Messages come before the login policy so that a session that ends can say why.
    "django.contrib.messages.middleware.MessageMiddleware",
    # the product's 400/403/404/500 pages, DEBUG or not (core/errors.py)
    "core.errors.ErrorPagesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.LoginPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "uniondesk.urls"
WSGI_APPLICATION = "uniondesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.product",
                "todo.context_processors.notices",
                "indicators.context_processors.areas",
            ],
            "builtins": ["core.templatetags.ud"],
        },
    }
]

# --- database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'uniondesk.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at BEGIN
    # so two writers queue on busy_timeout instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            " PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000; PRAGMA optimize=0x10002;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if AUDIT_ANCHOR_FILE is None:
    _db = DATABASES["default"]
    _which = "|".join(str(_db.get(k) or "") for k in ("ENGINE", "HOST", "PORT", "NAME"))
    AUDIT_ANCHOR_FILE = str(VAR_DIR / f"audit-anchor-{hashlib.sha256(_which.encode()).hexdigest()[:12]}.jsonl")

# --- reads on a replica (SPEC §10, core/replica.py) ---------------------------------------------
# With DATABASE_REPLICA_URL (a PostgreSQL streaming replica of DATABASE_URL), the views marked
# @reads_replica (reports, the dashboard, indicator and area pages, exports) and the background
# reports read from it; writes, filing, imports and workflows stay on the primary, and a session
# that wrote reads on the primary for REPLICA_PIN_SECONDS. Unset, nothing is routed at all.
REPLICA_PIN_SECONDS = float(os.environ.get("REPLICA_PIN_SECONDS", "10"))
if DATABASE_REPLICA_URL := os.environ.get("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    # Django's test runner reads the test database through this alias instead of making another
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.replica.ReplicaRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                      "core.replica.PinAfterWriteMiddleware")

# --- accounts and login (等保2.0 三级) ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "accounts.passwords.RecentPasswordValidator", "OPTIONS": {"remember": 5}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# a union founding still 筹建中 this many days after its 启动日期 is due on the to-do list (SPEC §7)
FOUNDING_WARN_DAYS = int(os.environ.get("FOUNDING_WARN_DAYS", "180"))

PASSWORD_MAX_AGE = timedelta(days=int(os.environ.get("PASSWORD_MAX_AGE_DAYS", "90")))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
# the page a business user lands on at "/" (core names no app above it: the project chooses)
LANDING_VIEW = "indicators.dashboard.dashboard"
# the error page of a public (/p/) address, in the public frame (core.errors)
PUBLIC_ERROR_PAGE = "public.views.error_page"
# the records an indicator counted, for a register export's ?indicator= (registers.services)
DRILL_DOWN = "indicators.drill.drill_down"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two factors (password + TOTP) are required unless explicitly switched off for a demo.
OTP_REQUIRED = env_bool("UNIONDESK_2FA", not DEBUG and not PLAIN_HTTP)
OTP_TOTP_ISSUER = "UnionDesk 工会工作台"
# A wrong code makes the next try wait 1, 2, 4, 8 … seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1

# Five failures for one username, none more than 30 minutes after the one before, lock that
# username for 30 minutes (axes keeps one counter per username and drops it after 30 quiet minutes).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# Attempts made while locked are refused without being counted, so the lock lifts 30 minutes
# after the fifth failure however often someone keeps trying (axes' default would restart it).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
# Reverse proxies in front of the server (each appends to X-Forwarded-For). Read only behind a
# proxy (BEHIND_PROXY=1, one by default): otherwise the header is whatever the visitor typed.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1")) if env_bool("BEHIND_PROXY", False) else 0
AXES_CLIENT_IP_CALLABLE = "audit.services.client_ip"

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
# The stored session outlives the idle limit so that accounts.middleware, not a silent purge,
# ends an idle session: it checks both limits itself, audits SESSION_END and tells the user why.
# The cookie is a browser-session cookie (EXPIRE_AT_BROWSER_CLOSE); this age bounds the row only.
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"

SECURE = env_bool("SECURE_COOKIES", not DEBUG and not PLAIN_HTTP)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and not PLAIN_HTTP)
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SILENCED_SYSTEM_CHECKS = [
    "security.W021",  # HSTS preload is a site decision, not ours
    # Lockout is per username by design: offices sit behind one NAT address, and locking that
    # address after five typos would lock out a whole street office.
    "axes.W006",
]

# Everything the pages need is served from here: no CDN, no inline script.
# a .docx whose styles, margins, headers and footers (letterhead) the annual report takes
REPORT_TEMPLATE = os.environ.get("REPORT_TEMPLATE", "")

# The risk radar's weights and thresholds where a deployment sets its own (SPEC §9), as JSON:
# RADAR='{"weights": {"风险线索": 25}, "thresholds": {"红": 50}}'; unset, SPEC §9's (radar/rules.py).
try:
    RADAR = json.loads(os.environ.get("RADAR") or "{}")
except ValueError as error:
    raise ImproperlyConfigured(f"环境变量 RADAR 应为 JSON，如 {{\"weights\": {{\"风险线索\": 25}}}}：{error}") from error

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- language, time, static ---------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- serving static files (SPEC §10) -----------------------------------------------------------
# The application serves its own static files (whitenoise), so DEBUG=0 needs no web server in
# front. `uniondesk collectstatic` writes them to STATIC_ROOT under hashed names, with gzip and
# brotli copies; a file a stylesheet names but that is missing fails the collection, not a page.
# A hashed name changes with the content, so it is served with a year's expiry.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static")).resolve()
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Every handler masks 身份证号 and mobiles (the server's request lines carry search boxes' text).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "core.logfilters.MaskPersonalData"}},
    "formatters": {"django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_personal_data"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["mask_personal_data"]},
    },
    "loggers": {
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # Django's loggers write through the root's handler alone: its default adds a console
        # handler of its own under DEBUG, which printed every warning (a 403's) and its traceback twice.
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "WARNING"), "propagate": True},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Masking: who may see full 身份证号 / 手机号 without asking for it record by record.
UNIONDESK_PAGE_SIZE = 50

# Filter drop-downs read "全部" rather than a row of dashes.
FILTERS_EMPTY_CHOICE_LABEL = "全部"

# --- imports and background work ----------------------------------------------------------------
# Long imports run on Django's tasks framework; `uniondesk db_worker` takes them from the database
# (no broker to install). UNIONDESK_TASKS=immediate runs them inside the request instead.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("UNIONDESK_TASKS") == "immediate" else "django_tasks_db.DatabaseBackend",
    },
}
# The public forms (/p/), per client address: accepted submissions an hour, form posts an hour
# (wrong answers included), employer name searches per 10 minutes.
PUBLIC_SUBMISSIONS_PER_HOUR = int(os.environ.get("PUBLIC_SUBMISSIONS_PER_HOUR", "5"))
PUBLIC_ATTEMPTS_PER_HOUR = int(os.environ.get("PUBLIC_ATTEMPTS_PER_HOUR", "30"))
PUBLIC_SEARCHES_PER_10_MINUTES = int(os.environ.get("PUBLIC_SEARCHES_PER_10_MINUTES", "60"))
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 20 * 2**20))
# a sheet's real extent (last row and column holding a value), measured before it is read: the
# reader holds rows × columns cells of 32 bytes, so these keep a 20 MB file under 500 MB
# an import step whose worker on another machine has not beaten for this long is given up (失败, retry)
IMPORT_TASK_TIMEOUT = int(os.environ.get("IMPORT_TASK_TIMEOUT", 3600))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 200_000))
IMPORT_MAX_COLUMNS = int(os.environ.get("IMPORT_MAX_COLUMNS", 30))

# --- operations: /healthz, backup and restore (operations/) -------------------------------------
# /healthz answers 503 once the task due first has waited this many seconds for a db_worker
# (a queue nobody works through); not checked with UNIONDESK_TASKS=immediate.
HEALTHZ_QUEUE_MAX_AGE = int(os.environ.get("HEALTHZ_QUEUE_MAX_AGE", "300"))
# a monitor may ask over plain http on the server's own port: answer it rather than redirect
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The dashboard's and the indicator list's figures are kept (in files under var/cache) until a
# commit changes business data (core/freshness.py), and at most this long; 0 computes every time.
FIGURE_CACHE_SECONDS = int(os.environ.get("FIGURE_CACHE_SECONDS", "600"))
# in files under var/, so the web server's worker processes share what each of them computed
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": str(VAR_DIR / "cache"), "OPTIONS": {"MAX_ENTRIES": 2000}}}
