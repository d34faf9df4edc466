"""Settings shared by every environment, configured through environment variables.

| variable | default |
|---|---|
| SECRET_KEY | a development key (production refuses to start without one) |
| DEBUG | off |
| ALLOWED_HOSTS | localhost, 127.0.0.1 (comma-separated) |
| DATABASE_URL | SQLite file ``var/db.sqlite3`` |
| CELERY_BROKER_URL | none: tasks run in-process (eager); production requires it |
| RENDER_SOFT_TIME_LIMIT, RENDER_TIME_LIMIT | 240 s, 300 s per PDF render |
| EMAIL_HOST (+ _PORT, _HOST_USER, _HOST_PASSWORD, _USE_TLS, _TIMEOUT) | console |
| DEFAULT_FROM_EMAIL | Samenleving <noreply@samenleving.local> |
| MEDIA_ROOT | ``var/media`` |
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
# The embedded default keeps its SQLite file and uploads here; a fresh checkout has none yet.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-insecure-key-change-me-0123456789-abcdefghijklmnop")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


def step_tool_apps() -> list[str]:
    """The step tools: every Django app inside ``processteps/`` (a package with an ``apps.py``).
    Each registers itself on the step-tool registry (``processteps.registry``), so adding a tool
    never edits a central list."""
    root = BASE_DIR / "processteps"
    return [f"processteps.{path.parent.name}" for path in sorted(root.glob("*/apps.py"))]


INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "processteps",
    "documents",
    *step_tool_apps(),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samenleving.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "processteps.pagecache.RevisionMiddleware",
]

ROOT_URLCONF = "samenleving.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "samenleving.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Interface: Dutch by default, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
# Bootstrap is vendored under static/vendor/ (see its README); htmx comes with django-htmx.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page cache (processteps/pagecache.py): the heavy project pages, stored per revision of
# the project. Per process by default; the revision lives in the database, so a shared cache is
# never needed for correctness. PAGE_CACHE_ENTRIES pages (~30-70 KB each) a process.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600")),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "500"))},
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads (data sources): what a team may attach to a step.
UPLOAD_MAX_SIZE = int(os.environ.get("UPLOAD_MAX_SIZE", str(20 * 1024 * 1024)))
UPLOAD_ALLOWED_EXTENSIONS = [
    "pdf", "doc", "docx", "odt", "rtf", "txt", "md", "csv", "xls", "xlsx", "ods",
    "ppt", "pptx", "odp", "png", "jpg", "jpeg", "gif", "webp", "json", "xml", "zip",
]  # fmt: skip
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Mail: console in development; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samenleving <noreply@samenleving.local>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds an SMTP server may take to answer; without it a hanging server holds a worker forever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# A mail the server could not take now (connection lost, 4xx) is tried again after 30 s, 60 s,
# 120 s …, MAIL_MAX_RETRIES times; then, like a refused address (5xx), it is marked failed.
MAIL_RETRY_DELAY = int(os.environ.get("MAIL_RETRY_DELAY", "30"))
MAIL_MAX_RETRIES = 5

# Rendering a version to PDF (documents.tasks.render_version), in seconds. At the soft limit the
# render stops and the version is marked failed ("took too long"); at the hard limit the worker
# process is killed. A version "queued" or "rendering" for longer than RENDER_STUCK_AFTER (its
# worker died) is requeued by the sweeper, or marked failed once it has had RENDER_MAX_ATTEMPTS.
RENDER_SOFT_TIME_LIMIT = int(os.environ.get("RENDER_SOFT_TIME_LIMIT", "240"))
RENDER_TIME_LIMIT = int(os.environ.get("RENDER_TIME_LIMIT", "300"))
RENDER_STUCK_AFTER = int(os.environ.get("RENDER_STUCK_AFTER", str(RENDER_TIME_LIMIT + 60)))
RENDER_MAX_ATTEMPTS = 3
RENDER_SWEEP_INTERVAL = float(os.environ.get("RENDER_SWEEP_INTERVAL", "60"))

# Celery: Redis when CELERY_BROKER_URL is set, otherwise in-process (eager).
# Workers (README, "Workers"): renders on the queue "render" (one process per worker, recycled
# with --max-memory-per-child), everything else on "default", whose worker also runs beat (-B).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A message is acknowledged when its task has finished, not when it starts; if the worker
# process dies mid-task (SIGKILL, out of memory) the message goes back on the queue.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"documents.tasks.render_version": {"queue": "render"}}
# Redis hands out a message again when its worker has not acknowledged it after this long (the
# whole worker was killed); longer than any task runs. The sweeper does not wait for it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
}
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-renders": {
        "task": "documents.tasks.sweep_stuck_versions",
        "schedule": RENDER_SWEEP_INTERVAL,
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = TIME_ZONE

SITE_NAME = "Samenleving"
# Absolute base URL used in e-mails sent by workers (no request available there).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
