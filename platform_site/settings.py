"""All settings, read from the environment (see `.env.example`).

The defaults give the embedded local set-up that `make run` serves: SQLite under
`var/`, Celery tasks run in-process, e-mail written to `var/mail/`. Production sets
`DATABASE_URL`, `CELERY_BROKER_URL`, `EMAIL_URL`, `SECRET_KEY` and friends.
Bad values fail loudly at start-up rather than half-working.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from platform_site.observability import init_sentry, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env is read when present; real deployments use the process environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# An empty value (as in .env.example or compose's ${VAR:-}) means "use the default".
for _name in [k for k, v in os.environ.items() if v == "" and k.isupper()]:
    del os.environ[_name]

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Local use only: one random key kept under var/ so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before admin so translated fields show there.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "common",
    "accounts",
    "participants",
    "convenings",
    "briefings",
    "engagement",
    "outcomes",
    "operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "accounts.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    # After the user and their language are known, before anything reads the body.
    "platform_site.middleware.RequestBodyLimitMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.RequireStaffMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.UnreadableMFASecretMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "platform_site.urls"
WSGI_APPLICATION = "platform_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    }
]

# Every form field drawn with the one field template (common/field.html).
FORM_RENDERER = "common.forms.PlatformFormRenderer"

# --- Database -------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Persistent connections with a health check, so a restarted PostgreSQL is
    # reconnected to on the next request instead of failing until a restart.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default must not lose replies when many people answer at once.
    # The write-ahead log lets readers go on while one writer writes; a transaction takes
    # the write lock when it begins (IMMEDIATE), so two transactions that read and then
    # write queue on the busy timeout instead of one failing at once with "database is
    # locked" (SQLite cannot wait when a reader upgrades to a writer). `timeout` is the
    # busy timeout in seconds; the PRAGMAs run on every new connection (Django turns
    # foreign keys on itself). synchronous=NORMAL is safe with WAL: a power cut may lose
    # the last commits, never corrupt the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------
# Shared by every process in production (Redis, CACHE_URL): sessions (read through it,
# kept in the database), allauth's rate limits and used TOTP codes, which per-process
# memory would split between workers. Unset: memory of this process, right for
# `make run` (one process).
_cache_url = env.str("CACHE_URL", default="")
if _cache_url:
    CACHES = {"default": env.cache_url_config(_cache_url)}
    if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        # Django's RedisCache, made to miss instead of fail while Redis is away.
        CACHES["default"]["BACKEND"] = "platform_site.cache.ResilientRedisCache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Django's own engine: sessions in the database, read through the cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts and sign-in ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Peer Learning] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
# allauth's default rate limits stay on; listed here so they are visible and tunable.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
# The code forms answer a clear message when a stored secret cannot be decrypted.
MFA_FORMS = {
    "authenticate": "accounts.mfa_forms.MFAAuthenticateForm",
    "reauthenticate": "accounts.mfa_forms.MFAReauthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Regional Peer Learning Platform"
# Staff and admins must have TOTP whenever DEBUG is off; the local demo may skip it.
REQUIRE_STAFF_MFA = env.bool("REQUIRE_STAFF_MFA", default=not DEBUG)
# Fernet key for encrypting MFA (TOTP) secrets at rest; derived from SECRET_KEY when unset,
# which only DEBUG allows (check --deploy refuses it, see accounts/checks.py): otherwise a
# new SECRET_KEY would leave every TOTP secret unreadable.
MFA_ENCRYPTION_KEY = env.str("MFA_ENCRYPTION_KEY", default="")
# Earlier keys, comma-separated, that still decrypt (never encrypt): rotate by moving the
# old MFA_ENCRYPTION_KEY here and setting a new one (`manage.py rotate_mfa_key` re-encrypts).
MFA_ENCRYPTION_KEYS_OLD = env.list("MFA_ENCRYPTION_KEYS_OLD", default=[])

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)
# Signed-in sessions end after this much inactivity (seconds).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=60 * 60 * 2)

# --- Languages ----------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("id", _("Bahasa Indonesia")),
    ("ms", _("Bahasa Melayu")),
    ("th", _("Thai")),
]
# Adding a language is this list plus its translations: see "Adding a language" in README.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date style per language for pages, e-mails and reports (see the package docstring).
FORMAT_MODULE_PATH = ["platform_site.formats"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Bangkok")
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# No MEDIA_URL route is served: files go out only through views that check access.
MEDIA_URL = "/protected-media/"
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Largest accepted briefing file (and evidence file), in bytes.
BRIEFING_FILE_MAX_BYTES = env.int("BRIEFING_FILE_MAX_BYTES", default=20 * 1024 * 1024)

# --- Request bodies --------------------------------------------------------------------
# Largest request body, in bytes, from a signed-in user (files and form together) and
# from anyone else (whose forms are sign-in, codes and password resets: a few hundred
# bytes). A larger body is answered 413 from its Content-Length before any of it is read
# (platform_site/middleware.py); the proxy refuses bodies over REQUEST_BODY_MAX_BYTES too.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=50 * 1024 * 1024)
ANONYMOUS_REQUEST_BODY_MAX_BYTES = env.int("ANONYMOUS_REQUEST_BODY_MAX_BYTES", default=1024 * 1024)
if REQUEST_BODY_MAX_BYTES < BRIEFING_FILE_MAX_BYTES + 1024 * 1024:
    # A file at its own limit, with the form it comes in, must always get through.
    raise ImproperlyConfigured(
        "REQUEST_BODY_MAX_BYTES must be at least BRIEFING_FILE_MAX_BYTES plus 1 MiB."
    )
if not 0 < ANONYMOUS_REQUEST_BODY_MAX_BYTES <= REQUEST_BODY_MAX_BYTES:
    raise ImproperlyConfigured(
        "ANONYMOUS_REQUEST_BODY_MAX_BYTES must be above 0 and at most REQUEST_BODY_MAX_BYTES."
    )
# Form fields other than files, held in memory: the longest text forms (notes in four
# languages) are well under 1 MiB. Over it Django raises RequestDataTooBig, shown as 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Fields in one form: the invitation picker with "check all" sends one per person in the
# directory (Django's default of 1,000 refused a large directory with a 400).
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=10_000)
# Uploaded files above this size go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Attachments above this total size are sent as links only.
PACK_ATTACHMENT_MAX_BYTES = env.int("PACK_ATTACHMENT_MAX_BYTES", default=8 * 1024 * 1024)
# Participant import (CSV/XLSX): a file past any of these is refused with a message naming
# the limit, before the rest of it is read. Rows count the header and blank rows.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)
IMPORT_MAX_COLUMNS = env.int("IMPORT_MAX_COLUMNS", default=50)
IMPORT_MAX_CELLS = env.int("IMPORT_MAX_CELLS", default=150_000)
IMPORT_MAX_LINE_CHARS = env.int("IMPORT_MAX_LINE_CHARS", default=10_000)

# --- E-mail --------------------------------------------------------------------------
EMAIL_FILE_PATH = VAR_DIR / "mail"
_email = (
    env.email_url("EMAIL_URL", default="filemail://") if env.str("EMAIL_URL", default="") else None
)
if _email:
    vars().update(_email)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Peer Learning Platform <secretariat@peer-learning.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- Celery --------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = env.bool("CELERY_TASK_EAGER_PROPAGATES", default=False)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish must not hang a web request when Redis is down.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}  # each app adds its entries in platform_site/celery.py

# Follow-up delays (days), used by the between-meetings schedule.
FOLLOWUP_AFTER_CONVENING_DAYS = env.int("FOLLOWUP_AFTER_CONVENING_DAYS", default=3)
ACTION_REMINDER_DAYS_BEFORE = env.int("ACTION_REMINDER_DAYS_BEFORE", default=7)
RSVP_REMINDER_DAYS_BEFORE = env.int("RSVP_REMINDER_DAYS_BEFORE", default=21)
# Staff reminders: someone reminded about a convening this recently is skipped unless staff
# tick "remind again", so three clicks (or two colleagues) cannot send three reminders.
REMINDER_MIN_INTERVAL_HOURS = env.int("REMINDER_MIN_INTERVAL_HOURS", default=24)
if REMINDER_MIN_INTERVAL_HOURS < 0:
    raise ImproperlyConfigured("REMINDER_MIN_INTERVAL_HOURS must be 0 or more")
QUIET_PARTICIPANT_DAYS = env.int("QUIET_PARTICIPANT_DAYS", default=180)
# Deleted notes, outcomes, evidence, actions, agenda sessions, site visits and draft
# briefings stay in "Recently deleted" (operations/trash.py) this many days, then the
# nightly purge removes them for good.
DELETED_KEEP_DAYS = env.int("DELETED_KEEP_DAYS", default=30)
if DELETED_KEEP_DAYS < 1:
    raise ImproperlyConfigured("DELETED_KEEP_DAYS must be 1 or more.")
# Messages that fell due longer ago than this are not sent late (no mass mail for old events).
FOLLOWUP_CATCHUP_DAYS = env.int("FOLLOWUP_CATCHUP_DAYS", default=14)
# Reminders, follow-ups and the staff digest go out from this hour in each recipient's zone.
FOLLOWUP_LOCAL_HOUR = env.int("FOLLOWUP_LOCAL_HOUR", default=9)
if not 0 <= FOLLOWUP_LOCAL_HOUR <= 23:
    raise ImproperlyConfigured("FOLLOWUP_LOCAL_HOUR must be an hour from 0 to 23.")
# Figures describing fewer people than this (feedback, engagement by country, report
# breakdowns) are not shown: with one or two people, a figure says who.
SMALL_NUMBER_THRESHOLD = env.int("SMALL_NUMBER_THRESHOLD", default=3)
if SMALL_NUMBER_THRESHOLD < 1:
    raise ImproperlyConfigured("SMALL_NUMBER_THRESHOLD must be 1 or more.")
# Branch harvest: participants are invited to report outcomes once every this many months
# (each person once per period; 0 turns the invitations off).
HARVEST_INVITATION_MONTHS = env.int("HARVEST_INVITATION_MONTHS", default=6)
if not 0 <= HARVEST_INVITATION_MONTHS <= 24:
    raise ImproperlyConfigured("HARVEST_INVITATION_MONTHS must be from 0 (off) to 24.")

# Report rendering: a hard time limit (seconds) for one PDF.
REPORT_RENDER_TIME_LIMIT = env.int("REPORT_RENDER_TIME_LIMIT", default=120)

# Branch visa: passport details and visa letters are kept this many days after a convening
# ends, then the nightly task convenings.remove_expired_visa_details removes them.
VISA_DETAILS_KEEP_DAYS = env.int("VISA_DETAILS_KEEP_DAYS", default=30)
if VISA_DETAILS_KEEP_DAYS < 0:
    raise ImproperlyConfigured("VISA_DETAILS_KEEP_DAYS must be 0 or more.")
# Substantiation (branch substantiate, issue 17): a substantiator's signed link works this
# many days after the e-mail that carries it; one reminder goes out this many days after
# the request to whoever has not answered.
SUBSTANTIATION_LINK_DAYS = env.int("SUBSTANTIATION_LINK_DAYS", default=30)
SUBSTANTIATION_REMINDER_DAYS = env.int("SUBSTANTIATION_REMINDER_DAYS", default=14)
if SUBSTANTIATION_LINK_DAYS < 1 or SUBSTANTIATION_REMINDER_DAYS < 1:
    raise ImproperlyConfigured(
        "SUBSTANTIATION_LINK_DAYS and SUBSTANTIATION_REMINDER_DAYS must be 1 or more."
    )

# --- Operations: health of background work, backups ------------------------------------
# Beat sends a heartbeat task this often (seconds); beat or the workers count as stopped
# after twice this without one.
HEARTBEAT_SECONDS = env.int("HEARTBEAT_SECONDS", default=60)
# A pack e-mail, report or follow-up message waiting longer than this (minutes) is stuck.
STUCK_WORK_MINUTES = env.int("STUCK_WORK_MINUTES", default=30)
if HEARTBEAT_SECONDS < 5 or STUCK_WORK_MINUTES < 1:
    raise ImproperlyConfigured("HEARTBEAT_SECONDS must be 5 or more, STUCK_WORK_MINUTES 1 or more.")
# Backups (operations/backups.py): the database and every uploaded or generated file, in one
# file encrypted with this Fernet key (or several, comma-separated: the first encrypts, all
# decrypt, for changing keys). Without a key no backup is made. Keep a copy of the key
# somewhere other than the server: a backup cannot be read without it.
BACKUP_ENCRYPTION_KEY = env.str("BACKUP_ENCRYPTION_KEY", default="")
# Where backups go: a folder, or "s3" for the bucket of AWS_STORAGE_BUCKET_NAME under backups/.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_TO_S3 = env.bool("BACKUP_TO_S3", default=False)
if BACKUP_TO_S3 and not AWS_STORAGE_BUCKET_NAME:
    raise ImproperlyConfigured("BACKUP_TO_S3 needs AWS_STORAGE_BUCKET_NAME.")
# Every backup of the last BACKUP_KEEP_DAYS days is kept, then the newest of each week for
# BACKUP_KEEP_WEEKS weeks.
BACKUP_KEEP_DAYS = env.int("BACKUP_KEEP_DAYS", default=7)
BACKUP_KEEP_WEEKS = env.int("BACKUP_KEEP_WEEKS", default=8)
if BACKUP_KEEP_DAYS < 1 or BACKUP_KEEP_WEEKS < 0:
    raise ImproperlyConfigured("BACKUP_KEEP_DAYS must be 1 or more, BACKUP_KEEP_WEEKS 0 or more.")
# The hour (in TIME_ZONE) at which beat starts the daily backup.
BACKUP_HOUR = env.int("BACKUP_HOUR", default=2)
if not 0 <= BACKUP_HOUR <= 23:
    raise ImproperlyConfigured("BACKUP_HOUR must be between 0 and 23.")

# --- Behind a proxy -------------------------------------------------------------------
# How many proxies of our own stand in front of the app, each adding the address it
# was reached from to X-Forwarded-For: 1 with the Caddy service of docker-compose.yml.
# 0 (the default, right for `make run` and for a server reached directly): no proxy is
# trusted, so the X-Forwarded-* headers that any client can send are ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
# allauth's rate limits (failed sign-ins, codes, password resets) key on the client's
# address: behind a proxy it is the one the proxy puts in X-Forwarded-For, otherwise
# every user shares the proxy's own address and one person's mistakes lock out all.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# The proxy ends TLS and says so in X-Forwarded-Proto (Caddy sets it and drops a
# client's own). Without a trusted proxy the header is not believed.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
# The Host header is passed through unchanged by the proxy, so USE_X_FORWARDED_HOST stays off.

# --- Security ------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# A translated page that says to reload, instead of Django's English "403 Forbidden".
CSRF_FAILURE_VIEW = "platform_site.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# --- Logs and errors (platform_site/observability.py) ----------------------------------
# "plain" text lines, or "json": one structured record per line (compose sets json).
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json.")
LOGGING = logging_config(level=env.str("LOG_LEVEL", default="INFO"), fmt=LOG_FORMAT)
# Errors to Sentry (or a compatible tracker) when set; never with personal data.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
init_sentry(dsn=SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default="production"))
