"""Settings for sdf_intranet: every deploy-time value comes from the environment.

DEBUG is off unless the environment turns it on (`make run` and the tests do); with DEBUG off the
site refuses to start without SECRET_KEY. `make serve` runs these same settings under gunicorn
(scripts/serve.sh); docs/deploy.md lists every variable.
"""
import ipaddress
import os
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from sdf_intranet.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name, default=False):
    """A yes/no variable: 1/true/yes/on or 0/false/no/off; anything else refuses to start, so a
    typo (DEBUG=flase) never silently picks a side."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    word = value.strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(
            f"환경 변수 {name}={value!r}을(를) 알 수 없습니다. 1/0, true/false, yes/no, on/off 중 하나로 쓰세요."
        )
    return word in TRUE_WORDS


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"환경 변수 {name}={value!r}은(는) 정수여야 합니다.") from None


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "local-development-only-not-secret" if DEBUG else None
)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off. SECRET_KEY가 없습니다: 운영에서는 SECRET_KEY를 "
        "설정하고(docs/deploy.md), 개발 중이면 DEBUG=1로 실행하세요 (make run, make serve는 알아서 합니다)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# A rehearsal of production on this machine (make serve): plain HTTP on a loopback address, no TLS
# proxy in front. Refused for any other host name, so it cannot switch HTTPS off in production.
PLAIN_HTTP = env_bool("PLAIN_HTTP", False)
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
if PLAIN_HTTP and not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
    raise ImproperlyConfigured(
        f"PLAIN_HTTP=1은 127.0.0.1/localhost에서 연습할 때만 쓸 수 있습니다 (ALLOWED_HOSTS={','.join(ALLOWED_HOSTS)}). "
        "TLS 프록시 뒤에서는 PLAIN_HTTP=0으로 실행하세요."
    )

INSTALLED_APPS = [
    "sdf_intranet.admin_site.IntranetAdminConfig",
    # The project itself: its operations commands (backup, restore) and the cache table's migration.
    "sdf_intranet",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "import_export",
    "django_tables2",
    "django_filters",
    "axes",
    "csp",
    # Rows of an inline moved by drag and drop (reports.admin_base). Its templates are under
    # adminsortable2/ only, and the admin app and templates/ stay ahead of it.
    "adminsortable2",
    # Background tasks (django-tasks, the API of Django 6's django.tasks) kept in the database.
    "django_tasks",
    "sdf_intranet.task_app.TasksDatabaseConfig",  # django_tasks_db, named in Korean
    # Bottom to top (docs/architecture.md): the base, the domain apps, the report. accounts comes
    # after projects: its post_migrate handler gives the role groups every report app's permissions,
    # which Django creates app by app in this order.
    "reports",
    "staffing",
    "budget",
    "projects",
    "accounts",
    "workreport",
]

MIDDLEWARE = [
    # First, so that its one line per request times and sees everything, static files included.
    "sdf_intranet.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from STATIC_ROOT, hashed and compressed, before anything reads a session.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "sdf_intranet.headers.SiteHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous visitors reach only the login page (views marked login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sdf_intranet.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# Form widgets (every input, select and error list of every form and admin page) from Django's
# Jinja2 copies of its form templates: the same HTML in about a third of the time
# (sdf_intranet/form_renderer.py).
FORM_RENDERER = "sdf_intranet.form_renderer.FormRenderer"

WSGI_APPLICATION = "sdf_intranet.wsgi.application"

VAR_DIR.mkdir(exist_ok=True)
# Connections are kept a minute between requests, and checked before reuse so that a database
# restart costs one failed check, not a 500.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True,
    )
}

# One cache shared by every worker and host: the draft PDFs (workreport.publishing), keyed by the
# release (reports.release) and the data. In the database by default (the table is made by
# migrate, sdf_intranet/migrations/0001_cache_table.py), nothing more to run; in Redis when
# REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "sdf_intranet",
    }}
else:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cache_entries",
        # A draft PDF is about a megabyte; past this many entries a third of them are dropped.
        "OPTIONS": {"MAX_ENTRIES": 500},
    }}

# Content-Security-Policy (django-csp): the site's own files only; no inline script or style
# anywhere (the templates load theirs from static/; the charts' SVG carries presentation attributes,
# not style; the one third-party page that had inline ones, import-export's export, is overridden),
# nothing embedded, forms posted only here. Scripts may still set element.style (CSSOM), which the
# policy does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],      # matplotlib may inline a raster in its SVG
        "font-src": [SELF],
        "connect-src": [SELF],           # the programme editor's preview (fetch)
        "frame-src": [SELF],             # …shown in a frame of its own
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ko-kr"
LANGUAGES = [("ko", "한국어")]
# Korean for django-simple-history and django-axes, which ship none (locale/ko/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
# Dates as the report prints them, on every page, admin list and third-party screen: 2024. 11. 1.
FORMAT_MODULE_PATH = ["sdf_intranet.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
# Where `manage.py backup` writes (sdf_intranet/backups.py): not under MEDIA_ROOT or the web root.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
# With DEBUG off, WhiteNoise serves the files collectstatic gathered, under names carrying their
# hash (cached for a year by browsers) and gzip/brotli-compressed. With DEBUG on (make run, tests)
# the files are served as they are, so no collectstatic is needed while developing.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
        else "sdf_intranet.static_storage.StaticFilesStorage",
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workreport:home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 8 hours of work or when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# The TLS proxies in front of the site (addresses or networks): only a request from one of them is
# believed about the client's address (X-Forwarded-For) and scheme (gunicorn's forwarded_allow_ips
# reads the same variable). Default: a proxy on this host.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
for proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES의 {proxy!r}은(는) IP 주소나 네트워크가 아닙니다.") from None

# Five wrong passwords for one account from one address lock that account on that address for
# 30 minutes (django-axes). By the pair only: failures under other names from a shared office
# address never lock out a colleague, and nobody can lock an account from another computer.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "sdf_intranet.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
# The Korean page saying which account is locked on which address, and until when.
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out_response"

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
# Importing a desk spreadsheet needs the model's change permission (인사담당, 예산담당);
# exporting needs view, like reading the list (accounts/roles.py).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Limits of a desk import (reports/spreadsheets.py), checked before a file is read into rows; a
# file past them is refused with a Korean message. bench/import's 10,000 rows fit with room.
DESK_IMPORT_MAX_BYTES = env_int("DESK_IMPORT_MAX_BYTES", 5_000_000)
DESK_IMPORT_MAX_ROWS = env_int("DESK_IMPORT_MAX_ROWS", 20_000)
DESK_IMPORT_MAX_COLUMNS = env_int("DESK_IMPORT_MAX_COLUMNS", 50)
# An upload waits for its confirm in its user's folder here (reports/uploads.py), at most a day.
DESK_IMPORT_UPLOAD_DIR = Path(os.environ.get("DESK_IMPORT_UPLOAD_DIR", VAR_DIR / "import-uploads"))
DESK_IMPORT_UPLOAD_MAX_AGE = env_int("DESK_IMPORT_UPLOAD_MAX_AGE", 24 * 60 * 60)
# A file of more data rows than this is previewed and imported by the task worker, not in the
# request (reports/background.py); the page shows its progress. 2,000 rows take about 2 s.
DESK_IMPORT_BACKGROUND_ROWS = env_int("DESK_IMPORT_BACKGROUND_ROWS", 2_000)
# A background import whose progress has not moved for this long lost its worker: its page says so
# and offers to run it again (nothing of it was written: an import is one transaction).
DESK_IMPORT_TASK_STALL_SECONDS = env_int("DESK_IMPORT_TASK_STALL_SECONDS", 120)

# Background tasks: the database backend of django-tasks, run by `manage.py task_worker`
# (scripts/serve.sh, the sdf-intranet-worker unit). On Django 6 the same setting names
# django.tasks' own framework; only the backend's path stays.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker writes its heartbeat into the shared cache this often; /health/ fails when the last
# one is older than TASK_WORKER_HEARTBEAT_MAX_AGE (sdf_intranet/tasks_worker.py).
TASK_WORKER_HEARTBEAT_SECONDS = env_int("TASK_WORKER_HEARTBEAT_SECONDS", 30)
TASK_WORKER_HEARTBEAT_MAX_AGE = env_int("TASK_WORKER_HEARTBEAT_MAX_AGE", 120)
# The report's tasks (workreport/report_tasks.py: the draft PDF after a change, publishing) write
# their step into a small file here, and touch it every TASK_KEEPALIVE_SECONDS while they work (one
# WeasyPrint pass writes nothing for seconds); a running task whose file is older than
# REPORT_TASK_STALL_SECONDS lost its worker (killed): its page says so and offers to run it again.
TASK_PROGRESS_DIR = Path(os.environ.get("TASK_PROGRESS_DIR", VAR_DIR / "task-progress"))
TASK_KEEPALIVE_SECONDS = env_int("TASK_KEEPALIVE_SECONDS", 5)
REPORT_TASK_STALL_SECONDS = env_int("REPORT_TASK_STALL_SECONDS", 30)

if not DEBUG:
    # Behind the TLS proxy every cookie is HTTPS-only and HTTP is redirected; a PLAIN_HTTP
    # rehearsal on loopback has no HTTPS to require.
    SESSION_COOKIE_SECURE = not PLAIN_HTTP
    CSRF_COOKIE_SECURE = not PLAIN_HTTP
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not PLAIN_HTTP)
    SECURE_HSTS_SECONDS = 0 if PLAIN_HTTP else env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    if PLAIN_HTTP:
        # The HTTPS checks of check --deploy: moot on loopback, and PLAIN_HTTP is refused elsewhere.
        SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]

# Logs on stderr (the journal under systemd): one line per request, a refusal (4xx) as that line
# alone, errors with their tracebacks; JSON lines when LOG_FORMAT=json (sdf_intranet/logs.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower() or "text"
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: text 또는 json만 쓸 수 있습니다.")
LOGGING = logging_config(log_format=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "INFO").strip().upper())

# Every 500 is mailed, with its traceback, to ADMINS ("이름 <주소>, 주소"; none when unset).
ADMINS = [(name or address, address) for name, address in getaddresses([os.environ.get("ADMINS", "")]) if address]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "intranet@localhost")
DEFAULT_FROM_EMAIL = SERVER_EMAIL
EMAIL_SUBJECT_PREFIX = "[인트라넷] "
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
# Mail (500s to ADMINS, the report cycle's reminders) goes by SMTP above in production; in
# development it is printed on the console unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend")
