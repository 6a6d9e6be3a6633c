"""Settings, read from ``SOCIALPLAN_*`` environment variables with safe defaults.

With nothing set, the app runs on SQLite and the database task queue under
``$SOCIALPLAN_HOME`` (default ``.socialplan-web``), with a secret key generated there once.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from socialplan.web.catalogues import compiled_locale_dir

PACKAGE = Path(__file__).resolve().parent
HOME = Path(os.environ.get("SOCIALPLAN_HOME", ".socialplan-web")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    """A yes/no setting: 1, true, yes or on mean yes."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The configured key, else one generated once and kept (mode 600) in the home folder."""
    configured = os.environ.get("SOCIALPLAN_SECRET_KEY")
    if configured:
        return configured
    path = HOME / "secret-key"
    if not path.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def public_url(value: str, debug: bool) -> str:
    """The address the networks reach the app at, without a trailing slash; "" when unset.

    Networks that fetch images themselves (Instagram) are given signed addresses under it.
    Only ``https`` is accepted, except while debugging: networks refuse anything else.
    """
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    schemes = ("https", "http") if debug else ("https",)
    if parts.scheme not in schemes or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"SOCIALPLAN_PUBLIC_URL must be an https address such as https://plan.example.org, "
            f"not {value!r}"
        )
    return value


DEBUG = _flag("SOCIALPLAN_DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = os.environ.get("SOCIALPLAN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
#: Where the networks reach the app (``https://plan.example.org``), for images they fetch.
PUBLIC_URL = public_url(os.environ.get("SOCIALPLAN_PUBLIC_URL", ""), DEBUG)
if PUBLIC_URL:
    # The networks come by this name, so the app must answer to it.
    ALLOWED_HOSTS.append(urlsplit(PUBLIC_URL).hostname or "")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("SOCIALPLAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

#: Where each workspace keeps its activity store and uploads.
DATA_DIR = Path(os.environ.get("SOCIALPLAN_DATA_DIR", str(HOME / "data"))).resolve()
#: The Fernet key that seals network credentials; derived from the secret key when unset.
ENCRYPTION_KEY = os.environ.get("SOCIALPLAN_ENCRYPTION_KEY", "")
#: Largest upload accepted, in megabytes.
UPLOAD_LIMIT_MB = int(os.environ.get("SOCIALPLAN_UPLOAD_LIMIT_MB", "512"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploads stream to temporary files; the first handler stops any upload past UPLOAD_LIMIT_MB.
FILE_UPLOAD_HANDLERS = [
    "socialplan.web.imports.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "socialplan.web.workspaces",
    "socialplan.web.strategy",
    "socialplan.web.imports",
    "socialplan.web.audit",
    "socialplan.web.calendar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "socialplan.web.language.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "socialplan.web.urls"
WSGI_APPLICATION = "socialplan.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "socialplan.web.language.direction",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("SOCIALPLAN_DATABASE_URL", f"sqlite:///{HOME / 'socialplan.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (the server and its workers) share the file: wait rather than fail.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("SOCIALPLAN_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    # RQ on Redis, to scale the publisher out over many workers.
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {
        "default": {"URL": os.environ.get("SOCIALPLAN_REDIS_URL", "redis://127.0.0.1:6379/0")}
    }
#: The publisher's timing and limits (calendar/publishing/config.py has the defaults), from
#: SOCIALPLAN_PUBLISH_LEASE_SECONDS and the like.
PUBLISHER = {
    name: os.environ[f"SOCIALPLAN_PUBLISH_{name}"]
    for name in (
        "LEASE_SECONDS",
        "RECONCILE_DELAY_SECONDS",
        "TICK_SECONDS",
        "SWEEP_SECONDS",
        "RETRY_BASE_SECONDS",
        "CONCURRENCY",
        "TIMEOUT_SECONDS",
        "BATCH",
        "PER_TASK",
        "SENDERS",
    )
    if os.environ.get(f"SOCIALPLAN_PUBLISH_{name}")
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspaces:list"
LOGOUT_REDIRECT_URL = "login"

# Languages: Django's codes; zh-hans is the library's zh.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("vi", "Tiếng Việt"),
    ("th", "ไทย"),
    ("zh-hans", "中文"),
    ("el", "Ελληνικά"),
    ("fa", "فارسی"),
]
LANGUAGE_COOKIE_NAME = "socialplan_language"
LOCALE_PATHS = [compiled_locale_dir(HOME)]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE / "static"]
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _flag("SOCIALPLAN_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SOCIALPLAN_LOG_LEVEL", "INFO")},
    # httpx and httpcore log every request with its whole URL, query string included, where
    # some networks (the Graph API) carry the access token: the adapters log paths only.
    "loggers": {
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}
