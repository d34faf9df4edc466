"""Production: secrets and hosts from the environment, HTTPS only, no demo data, and PDFs and
mail in Celery workers (refuses to start without a broker unless told otherwise)."""

import logging
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, env_bool

DEBUG = False
DEMO_DATA_ALLOWED = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY.startswith("dev-insecure"):
    raise ImproperlyConfigured("Set SECRET_KEY for production (50+ random characters).")

# Without a broker every PDF is rendered (and every mail sent) inside the web request: a
# 300-page document holds a gunicorn worker for minutes. Only on explicit request.
if not CELERY_BROKER_URL:
    if not env_bool("RENDER_IN_WEB_PROCESS"):
        raise ImproperlyConfigured(
            "Set CELERY_BROKER_URL (e.g. redis://redis:6379/0) and run the Celery workers "
            "(README, 'Workers'), or set RENDER_IN_WEB_PROCESS=true to render PDFs and send "
            "mail in the web process."
        )
    logging.getLogger("samenleving.settings").warning(
        "RENDER_IN_WEB_PROCESS=true and no CELERY_BROKER_URL: PDFs are rendered and mail is "
        "sent IN THE WEB PROCESS, during the request. Do not run it like this for real use."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
