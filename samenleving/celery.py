"""The Celery application.

With ``CELERY_BROKER_URL`` set, tasks go to Redis and run in workers
(``celery -A samenleving worker``). Without it, settings switch Celery to eager mode and tasks
run in-process, which is what the embedded default (``make run``) uses.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenleving.settings.dev")

app = Celery("samenleving")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
