"""Settings of a Celery worker that a test starts as a process of its own (tests/worker_process.py).

The test settings, with what the test process passes on: its database (the test database, in
DATABASE_URL), its MEDIA_ROOT, its own queue names, and its SMTP server if it has one (EMAIL_HOST);
tasks go through the broker.
"""

import os

from samenleving.settings.test import *  # noqa: F403

MEDIA_ROOT = os.environ["MEDIA_ROOT"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["TEST_DEFAULT_QUEUE"]
if os.environ.get("EMAIL_HOST"):  # the test's SMTP server (base.py reads the rest)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CELERY_TASK_ROUTES = {
    "documents.tasks.render_version": {"queue": os.environ["TEST_RENDER_QUEUE"]},
}
