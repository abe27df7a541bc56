"""Acculture's one settings module. Every value comes from the environment: see
docs/configuration.md for each variable, its default and what it is for."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from acculture.config import env_bool, env_float, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
# In a source checkout var/ sits at the repository root; an installed package uses the cwd.
_ROOT = PACKAGE_DIR.parent.parent
PROJECT_DIR = _ROOT if (_ROOT / "pyproject.toml").exists() else Path.cwd()
VAR_DIR = Path(env_str("ACCULTURE_VAR_DIR", str(PROJECT_DIR / "var")))

# Under pytest the default is "test" (a fast password hasher); pytest-django loads these
# settings before any conftest could set the variable.
ENV = env_str(
    "ACCULTURE_ENV",
    "test" if "pytest" in sys.modules else "development",
    choices=("development", "test", "production"),
)
PRODUCTION = ENV == "production"
DEBUG = env_bool("ACCULTURE_DEBUG", ENV == "development")

if PRODUCTION:
    SECRET_KEY = env_str("ACCULTURE_SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("ACCULTURE_SECRET_KEY must be at least 50 characters long.")
else:
    SECRET_KEY = env_str("ACCULTURE_SECRET_KEY", "insecure-development-key-" + "x" * 40)

ALLOWED_HOSTS = env_list(
    "ACCULTURE_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("ACCULTURE_CSRF_TRUSTED_ORIGINS", [])
BASE_URL = env_str("ACCULTURE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "acculture.people",
    "acculture.frameworks",
    "acculture.content",
    "acculture.assessments",
    "acculture.learning",
    "acculture.certification",
    "acculture.functions",
    "acculture.factory",
    "acculture.champions",
    "acculture.circle",
    "acculture.proposals",
    "acculture.wins",
    "acculture.webhooks",
    "acculture.mentoring",
    "acculture.insights",
    "acculture.discourse",
    "acculture.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "acculture.people.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "acculture.urls"
WSGI_APPLICATION = "acculture.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "acculture.people.context_processors.actor",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'acculture.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Each server thread keeps its connection like on PostgreSQL (conn_max_age above):
    # reopening the file costs the PRAGMAs and, when the last connection closes, a WAL
    # checkpoint — about a third of the CPU of a cheap page (bench/profile_answer_cycle.py).
    # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock at
    # BEGIN so two concurrent writers queue instead of failing mid-way: on a lock of their
    # process first, then on a file lock between processes (acculture.sqlite).
    DATABASES["default"]["ENGINE"] = "acculture.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory, so tests see real locking; one per process so that two test
    # runs on one machine (or a developer and CI) never share it. Django deletes it after.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-acculture-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = ["acculture.people.backends.AccountBackend"]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "people:login"
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: argon2 costs ~50 ms a hash
    if ENV == "test"
    else [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
SESSION_COOKIE_AGE = env_int("ACCULTURE_SESSION_HOURS", 12, minimum=1) * 3600
# Sessions live in the database and, in front of it, in a cache that the server's
# processes share: files under var/cache/sessions. A signed-in page then reads a small
# file instead of running a query (about 0.4 ms of CPU less on every request); a missing
# file only sends the read to the database. Sign-out deletes both, so every process of
# the machine sees it at once. Several machines that do not share var/ must turn it
# off ("none"): a sign-out on one would not reach the files of the others.
SESSION_CACHE = env_str("ACCULTURE_SESSION_CACHE", "files", choices=("files", "none"))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if SESSION_CACHE == "files":
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
    CACHES["sessions"] = (
        # Tests run in one process: its memory is that process's shared cache.
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sessions"}
        if ENV == "test"
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "sessions"),
            "TIMEOUT": SESSION_COOKIE_AGE,
            # Past this many files, half of them, drawn at random, are deleted: those
            # sessions are read from the database again, not lost. Each new file lists the
            # directory, so it is kept to the sessions of about a day's busy hours.
            "OPTIONS": {"MAX_ENTRIES": 10_000, "CULL_FREQUENCY": 2},
        }
    )
# Login throttling: failures allowed per address and per account in the window.
LOGIN_FAILURES_PER_ACCOUNT = env_int("ACCULTURE_LOGIN_FAILURES_PER_ACCOUNT", 5, minimum=1)
LOGIN_FAILURES_PER_ADDRESS = env_int("ACCULTURE_LOGIN_FAILURES_PER_ADDRESS", 30, minimum=1)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("ACCULTURE_LOGIN_FAILURE_WINDOW_MINUTES", 15, minimum=1)

# --- Privacy -----------------------------------------------------------------------------
# Aggregates over fewer people than this are suppressed; never below 3 (DESIGN.md).
MIN_GROUP_SIZE = env_int("ACCULTURE_MIN_GROUP_SIZE", 5, minimum=3)

# --- Languages ---------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
# The shared catalogue, then one per app that keeps its own (app/locale/, found by Django).
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("ACCULTURE_TIME_ZONE", "Europe/Paris")
LANGUAGE_COOKIE_NAME = "acculture_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- Static files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# The item bank's files (frameworks, items, tutorials, attachments): docs/content-format.md.
CONTENT_DIR = Path(env_str("ACCULTURE_CONTENT_DIR", str(PROJECT_DIR / "content")))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --- Background tasks ----------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- E-mail ------------------------------------------------------------------------------
# ACCULTURE_EMAIL: "smtp" (production default), "console" (development default) or "file"
# (one file per message under var/mail/, which `make demo` uses).
_EMAIL = env_str("ACCULTURE_EMAIL", "smtp" if PRODUCTION else "console", choices=("smtp", "console", "file"))
if _EMAIL == "smtp":
    _MAILER = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("ACCULTURE_EMAIL_HOST", "localhost"),
            "port": env_int("ACCULTURE_EMAIL_PORT", 25, minimum=1, maximum=65535),
            "username": env_str("ACCULTURE_EMAIL_USER", ""),
            "password": env_str("ACCULTURE_EMAIL_PASSWORD", ""),
            "use_tls": env_bool("ACCULTURE_EMAIL_TLS", False),
            "timeout": 20,
        },
    }
elif _EMAIL == "file":
    _MAILER = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
else:
    _MAILER = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
MAILERS = {"default": _MAILER}
DEFAULT_FROM_EMAIL = env_str("ACCULTURE_FROM_EMAIL", "Acculture <no-reply@acculture.invalid>")

# --- Security ------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("ACCULTURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = (
        ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("ACCULTURE_BEHIND_PROXY", True) else None
    )
    SECURE_HSTS_SECONDS = env_int("ACCULTURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ACCULTURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("ACCULTURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ACCULTURE_LOG_LEVEL", "INFO")},
}

# --- Assessments ---------------------------------------------------------------------
# The adaptive profile test (docs/psychometrics.md): stop when every competence's
# posterior SD is under the target, or at the length cap.
# 0.62 on the θ scale is about ±0.9 of a level; with the shipped bank a full profile then
# takes 32–37 questions (20–30 minutes), where 0.60 would take 43–48.
ASSESSMENT_TARGET_SD = env_float("ACCULTURE_ASSESSMENT_TARGET_SD", 0.62, minimum=0.2, maximum=1.5)
ASSESSMENT_MAX_ITEMS = env_int("ACCULTURE_ASSESSMENT_MAX_ITEMS", 48, minimum=5, maximum=200)
ASSESSMENT_MAX_ITEMS_PER_COMPETENCE = env_int("ACCULTURE_ASSESSMENT_MAX_ITEMS_PER_COMPETENCE", 6, minimum=1)
ASSESSMENT_PRIOR_CORRELATION = env_float(
    "ACCULTURE_ASSESSMENT_PRIOR_CORRELATION", 0.6, minimum=0.0, maximum=0.95
)
# Seconds a server trusts its cached item bank before re-checking the database (0 in
# tests, where each test builds its own bank).
ASSESSMENT_BANK_CHECK_SECONDS = env_float(
    "ACCULTURE_ASSESSMENT_BANK_CHECK_SECONDS", 0.0 if ENV == "test" else 10.0, minimum=0.0
)
# Days to wait after a completed assessment before starting another (Pix uses 4).
ASSESSMENT_RETAKE_DAYS = env_int("ACCULTURE_ASSESSMENT_RETAKE_DAYS", 4, minimum=0)
# Campaigns: a reminder goes at most once per this many days to whoever has not finished
# (docs/campaigns.md); the first one no sooner than this after the invitation.
CAMPAIGN_REMINDER_DAYS = env_int("ACCULTURE_CAMPAIGN_REMINDER_DAYS", 7, minimum=1)

# --- Certification (docs/certification.md) -----------------------------------------------
CERTIFICATE_VALIDITY_YEARS = env_int("ACCULTURE_CERTIFICATE_VALIDITY_YEARS", 3, minimum=1, maximum=10)
# Time to answer one question of the proctored test, before a candidate's extra time.
CERTIFICATION_SECONDS_PER_ITEM = env_int("ACCULTURE_CERTIFICATION_SECONDS_PER_ITEM", 180, minimum=30)
# Fewer counted answers than this (after withdrawn questions) gives no valid result.
CERTIFICATION_MIN_ANSWERS = env_int("ACCULTURE_CERTIFICATION_MIN_ANSWERS", 16, minimum=1)
# The signing keys of the credentials (`acculture certification-keys`); never in the repository.
CERTIFICATION_KEYS_DIR = Path(env_str("ACCULTURE_CERTIFICATION_KEYS_DIR", str(VAR_DIR / "keys")))

# --- Champions and the circle ----------------------------------------------------------
# The coverage target: one champion for this many people (docs/champions.md).
CHAMPION_RATIO = env_int("ACCULTURE_CHAMPION_RATIO", 50, minimum=1)
# Posting limits per person in the circle (threads and replies together), and the largest
# image a message may carry (docs/circle.md).
CIRCLE_POSTS_PER_MINUTE = env_int("ACCULTURE_CIRCLE_POSTS_PER_MINUTE", 5, minimum=1)
CIRCLE_POSTS_PER_HOUR = env_int("ACCULTURE_CIRCLE_POSTS_PER_HOUR", 40, minimum=1)
CIRCLE_IMAGE_MAX_KB = env_int("ACCULTURE_CIRCLE_IMAGE_MAX_KB", 2048, minimum=10, maximum=20_000)

# --- Shadow committee, chat webhooks, Discourse (docs/proposals.md, webhooks.md, discourse.md)
# Days leadership has to answer a proposal; reminders go from 3 days before, then weekly.
PROPOSAL_ANSWER_DAYS = env_int("ACCULTURE_PROPOSAL_ANSWER_DAYS", 30, minimum=1, maximum=365)
# Whether webhooks may target the machine itself or a private network (never in production
# by default: a webhook must not become a way into the internal network).
WEBHOOKS_ALLOW_PRIVATE_NETWORKS = env_bool("ACCULTURE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", not PRODUCTION)
DISCOURSE_URL = env_str("ACCULTURE_DISCOURSE_URL", "").rstrip("/")
DISCOURSE_SECRET = env_str("ACCULTURE_DISCOURSE_SECRET", "")
DISCOURSE_ORGANISATION = env_str("ACCULTURE_DISCOURSE_ORGANISATION", "")
if DISCOURSE_URL and len(DISCOURSE_SECRET) < 10:
    raise ImproperlyConfigured(
        "ACCULTURE_DISCOURSE_SECRET must be at least 10 characters (Discourse's own rule)."
    )
