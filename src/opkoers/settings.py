"""The one settings module. Everything that differs between a laptop and production
comes from the environment (see docs/decisions/0001-settings-from-environment.md)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# "production" switches on everything a real deployment needs (TLS-only cookies, HSTS,
# a mandatory SECRET_KEY). Anything else is a laptop, a test run or CI.
PRODUCTION = os.environ.get("OPKOERS_ENV", "development") == "production"
DEBUG = env_bool("DJANGO_DEBUG", False)
# Demo mode: the fictional demo data set and its printed logins. Never in production.
DEMO_MODE = env_bool("OPKOERS_DEMO", False) and not PRODUCTION

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set in production")
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production-8c1f5a0e2b7d4936"  # noqa: S105

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "axes",
    "opkoers.core",
    "opkoers.accounts",
    "opkoers.audit",
    "opkoers.residents",
    "opkoers.cases",
    "opkoers.meetings",
    "opkoers.plans",
    "opkoers.retention",
    "opkoers.consent",
    "opkoers.budgets",
    "opkoers.deviations",
    "opkoers.effects",
    "opkoers.reports",
    "opkoers.privacy",
    "opkoers.portal",
    "opkoers.ops",
    "django_prometheus",
    # Fictional data only: the demo set and the benchmark generator (both refuse to run
    # in production).
    "opkoers.demo",
    "opkoers.datagen",
]

MIDDLEWARE = [
    # Request counts and latency per view (docs/operations.md); its pair is last.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # Next: everything below reads REMOTE_ADDR and the scheme it settles.
    "opkoers.core.proxy.TrustedProxyMiddleware",
    "opkoers.ops.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "opkoers.core.middleware.SecurityHeadersMiddleware",
    "opkoers.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "opkoers.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "opkoers.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "opkoers.cases.middleware.RestrictedCaseMiddleware",
    "opkoers.audit.context.AuditContextMiddleware",
    "opkoers.core.submissions.SubmissionRefusedMiddleware",
    "opkoers.accounts.middleware.MfaRequiredMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last: turns a lockout flagged during authentication into the login page's message.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files straight from the app servers; the dev server and tests use staticfiles.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

if env_bool("OPKOERS_BENCH_QUERY_HEADER", False):
    # Benchmarks only (bench/run.py sets it for its own server): queries per request as
    # a response header. Never in a real deployment.
    MIDDLEWARE.insert(0, "opkoers.core.querycount.QueryCountMiddleware")

ROOT_URLCONF = "opkoers.urls"
WSGI_APPLICATION = "opkoers.wsgi.application"

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
                "opkoers.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'opkoers.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the dev server read while a write is under way; IMMEDIATE avoids
        # "database is locked" on upgrades from read to write inside a transaction.
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A PostgreSQL streaming standby for the reads that may lag a little: the factsheet, its
# exports and the effects aggregate (core/replica.py, docs/decisions/0027). Without it,
# every read stays on default. Nothing is ever written there: a standby refuses writes.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # Tests read the test database through this alias; the real standby has its own
    # test (core/tests/test_standby.py), on a connection of its own.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["opkoers.core.replica.ReplicaRouter"]
# More lag than this and the replica reads fall back to default (0: no check).
DATABASE_REPLICA_MAX_LAG_SECONDS = int(os.environ.get("DATABASE_REPLICA_MAX_LAG_SECONDS", "30"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:worklist"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if env_bool("OPKOERS_FAST_HASHER", False):
    # Tests only: argon2 on every login would dominate the suite's run time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "opkoers.accounts.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("OPKOERS_STATIC_ROOT", PROJECT_DIR / "var" / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end assets come from npm (pinned in package-lock.json); no CDN at run time.
    (
        "vendor/utrecht-css",
        PROJECT_DIR / "node_modules" / "@utrecht" / "component-library-css" / "dist",
    ),
    ("vendor/utrecht-tokens", PROJECT_DIR / "node_modules" / "@utrecht" / "design-tokens" / "dist"),
    ("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
]
STATICFILES_FINDERS = [
    "opkoers.core.staticfiles.VendorAwareFileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", PROJECT_DIR / "var" / "media"))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Security: secure by default; the dev server (make run) switches the TLS-only bits off.
_https = env_bool("OPKOERS_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https and env_bool("OPKOERS_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if _https else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
# Never trust X-Forwarded-Proto from any client: opkoers.core.proxy honours it (and
# X-Forwarded-For) only from these addresses or networks, comma-separated.
SECURE_PROXY_SSL_HEADER = None
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy and Permissions-Policy: opkoers.core.middleware (strict, no inline).

# Staff authentication (docs/decisions/0018-staff-authentication.md). MFA can be switched
# off only outside production: in demo mode, or with OPKOERS_MFA_REQUIRED=0 (the test
# suite). Every role needs it.
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked name+address before any password is checked (also for the
    # Django admin's login form, which calls the same authenticate()).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MFA_REQUIRED = PRODUCTION or (env_bool("OPKOERS_MFA_REQUIRED", True) and not DEMO_MODE)
# Fernet keys for the authenticator secrets: a comma-separated list, the first encrypts,
# all decrypt (rotation: put a new key first, run `manage.py reencrypt_mfa_secrets`,
# then drop the old one). Outside production a key is derived from SECRET_KEY when none
# is set; production refuses to start without one.
OPKOERS_MFA_KEYS = [
    k.strip() for k in os.environ.get("OPKOERS_MFA_KEYS", "").split(",") if k.strip()
]
if PRODUCTION and not OPKOERS_MFA_KEYS:
    raise RuntimeError("OPKOERS_MFA_KEYS must be set in production")
# Read only by migration accounts 0007, which moves the secrets sealed by the former
# hand-written cipher (keyed with this, or SECRET_KEY) to the new device model.
OPKOERS_MFA_KEY = os.environ.get("OPKOERS_MFA_KEY", "")
# django-otp's exponential back-off on wrong codes: 1, 2, 4, 8 ... times this many seconds.
OPKOERS_MFA_THROTTLE_FACTOR = int(os.environ.get("OPKOERS_MFA_THROTTLE_FACTOR", "2"))

# django-axes: locks the combination of typed name and address, so that nobody can lock a
# colleague out from elsewhere; a second, higher limit per address alone stops one
# password tried on many names (opkoers.accounts.security.lockout.LockoutHandler).
AXES_HANDLER = "opkoers.accounts.security.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("LOCKOUT_MAX_FAILURES", "5"))
OPKOERS_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOCKOUT_ADDRESS_MAX_FAILURES", "50"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
# The lock ends 15 minutes after it started; trying again meanwhile does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "opkoers.accounts.security.lockout.typed_username"
AXES_LOCKOUT_CALLABLE = "opkoers.accounts.security.lockout.lockout_response"
# REMOTE_ADDR only: trusted proxies rewrite it before any of this runs.
AXES_CLIENT_IP_CALLABLE = "opkoers.accounts.security.lockout.client_address"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_IPWARE_PROXY_COUNT = None
# No personal data in technical logs: not the typed name, not the address.
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "opkoers.accounts.security.lockout.client_str"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit log
AXES_ENABLE_ACCESS_FAILURE_LOG = False  # failures too (auth.login_failed)

# Invitations and reset links (accounts.services.invitations), by Django's email.
INVITATION_VALID_HOURS = int(os.environ.get("INVITATION_VALID_HOURS", "72"))
OPKOERS_BASE_URL = os.environ.get("OPKOERS_BASE_URL", "").rstrip("/")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Op Koers <noreply@localhost>")

# The Django admin is not mounted in production (opkoers.urls.build_urlpatterns).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))

# Technical logs carry no personal data: only request paths (ids, never names) and errors.
# Technical logs: JSON lines in production (or OPKOERS_LOG_FORMAT=json), each with the
# request id; never personal data (ops/logs.py keeps exception texts out).
LOG_FORMAT = os.environ.get("OPKOERS_LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "opkoers.ops.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "opkoers.ops.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # django-axes logs every failure at WARNING; the audit log has them (without names).
    "loggers": {"axes": {"level": "ERROR"}},
}

# Reports: counts from 1 to this number minus one are hidden from policy staff ("< 5"),
# as are figures derived from them (docs/handleiding/rapportage.md).
REPORTS_SUPPRESSION_THRESHOLD = int(os.environ.get("REPORTS_SUPPRESSION_THRESHOLD", "5"))
# The factsheet's figures are kept this long per scope (teams, period, day), in Django's
# default cache (per process, in memory), so that a national factsheet (seconds of work
# at 100,000 cases) is computed once per worker per window, not on every look. 0: always
# compute (the benchmark measures that). Figures only, never personal data.
REPORTS_CACHE_SECONDS = int(os.environ.get("REPORTS_CACHE_SECONDS", "600"))

# Operations (docs/operations.md): /health/ fails when a task waits longer than this for
# a worker; /metrics wants this bearer token (unset: loopback only).
OPS_TASK_MAX_WAIT_SECONDS = int(os.environ.get("OPS_TASK_MAX_WAIT_SECONDS", "300"))
OPS_METRICS_TOKEN = os.environ.get("OPKOERS_METRICS_TOKEN", "")
PROMETHEUS_EXPORT_MIGRATIONS = False

OPKOERS = {
    # Case list page size; the list uses keyset-friendly ordering and no full COUNT.
    "CASE_LIST_PAGE_SIZE": 25,
    # Emergency access ("break the glass") lasts this long; the audit log page size.
    "BREAK_GLASS_MINUTES": int(os.environ.get("BREAK_GLASS_MINUTES", "30")),
    "AUDIT_PAGE_SIZE": 50,
    # Consent runs at most this long; a legal basis's end date at most this far ahead.
    "CONSENT_MAX_VALIDITY_DAYS": int(os.environ.get("CONSENT_MAX_VALIDITY_DAYS", "730")),
    "LEGAL_BASIS_MAX_DAYS": int(os.environ.get("LEGAL_BASIS_MAX_DAYS", "365")),
}


# Audit chain keys (docs/decisions/0017-audit-anchoring-and-keys.md). The rows are chained
# with HMAC-SHA256 under a key that is not in the database: OPKOERS_AUDIT_KEYS is
# "kid:base64key,kid:base64key", the first is current, the others only verify old rows.
# Checkpoints (signed tree heads written outside the database) are signed with Ed25519:
# OPKOERS_AUDIT_CHECKPOINT_KEY is the base64 32-byte private seed of the sequencer,
# OPKOERS_AUDIT_CHECKPOINT_PUBLIC_KEYS the base64 public keys that verify (the own
# public key always counts). Outside production fixed development keys stand in.
def _audit_keys(raw: str) -> dict[str, bytes]:
    import base64
    import binascii
    import re

    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        kid, sep, b64 = item.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z0-9_-]{1,16}", kid) or kid in keys:
            raise RuntimeError("OPKOERS_AUDIT_KEYS: expected kid:base64key,… with unique ids")
        try:
            key = base64.b64decode(b64, validate=True)
        except binascii.Error as exc:
            raise RuntimeError(f"OPKOERS_AUDIT_KEYS: key {kid} is not base64") from exc
        if len(key) < 32:
            raise RuntimeError(f"OPKOERS_AUDIT_KEYS: key {kid} is shorter than 32 bytes")
        keys[kid] = key
    return keys


AUDIT_HMAC_KEYS = _audit_keys(os.environ.get("OPKOERS_AUDIT_KEYS", ""))
AUDIT_CHECKPOINT_KEY = os.environ.get("OPKOERS_AUDIT_CHECKPOINT_KEY", "")
AUDIT_CHECKPOINT_PUBLIC_KEYS = [
    k for k in os.environ.get("OPKOERS_AUDIT_CHECKPOINT_PUBLIC_KEYS", "").split(",") if k
]
if PRODUCTION and (not AUDIT_HMAC_KEYS or not AUDIT_CHECKPOINT_KEY):
    raise RuntimeError(
        "OPKOERS_AUDIT_KEYS and OPKOERS_AUDIT_CHECKPOINT_KEY must be set in production"
    )
if not AUDIT_HMAC_KEYS:
    AUDIT_HMAC_KEYS = {"dev": b"opkoers-development-audit-key-not-for-production!"}
if not AUDIT_CHECKPOINT_KEY:
    AUDIT_CHECKPOINT_KEY = "ZGV2LW9ubHktY2hlY2twb2ludC1zZWVkLTMyYnl0ZXM="  # dev seed, 32 bytes
# Where the sequencer appends signed checkpoints (one JSON-lines file per UTC day); in
# production a mount the database administrator cannot rewrite (see decision 0017).
AUDIT_CHECKPOINT_DIR = Path(
    os.environ.get("OPKOERS_AUDIT_CHECKPOINT_DIR", PROJECT_DIR / "var" / "audit-checkpoints")
)
AUDIT_CHECKPOINT_SINKS = ["opkoers.audit.checkpoints.FileSink"]
# The sequencer writes a checkpoint at most this often (seconds) while rows arrive.
AUDIT_CHECKPOINT_SECONDS = int(os.environ.get("OPKOERS_AUDIT_CHECKPOINT_SECONDS", "60"))
# verify_audit reports rows still unsequenced after this many seconds (sequencer down).
AUDIT_UNSEQUENCED_MAX_SECONDS = int(os.environ.get("OPKOERS_AUDIT_UNSEQUENCED_MAX_SECONDS", "300"))
# Benchmarks only (bench/run.py, the concurrency phase): record() writes nothing.
AUDIT_BENCH_OFF = env_bool("OPKOERS_BENCH_AUDIT_OFF", False)
if AUDIT_BENCH_OFF and PRODUCTION:
    raise RuntimeError("OPKOERS_BENCH_AUDIT_OFF is for benchmarks only, never in production")

# Public self-registration (portal/, decision 0023): the promise on the form and in the
# confirmation email, and the cap on accepted registrations per client address per hour.
SELF_REGISTRATION_ANSWER_DAYS = int(os.environ.get("SELF_REGISTRATION_ANSWER_DAYS", "5"))
SELF_REGISTRATION_PER_HOUR = int(os.environ.get("SELF_REGISTRATION_PER_HOUR", "5"))
