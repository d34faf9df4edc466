"""The Celery application.

With ``CELERY_BROKER_URL`` set, tasks go to Redis and run in workers (README, "Workers": one
worker for the queue ``render``, one for ``default`` that also runs beat). Without it, settings
switch Celery to eager mode and tasks run in-process, which is what the embedded default
(``make run``) uses.
"""

import os
import sys
from pathlib import Path

from celery import Celery


def _started_by_celery() -> bool:
    """True in a process started by the ``celery`` command (``celery …``, ``python -m celery``)."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return program.name == "celery" or program.parent.name == "celery"


# Which settings: the ones the process was started with. manage.py (dev) and wsgi.py/asgi.py
# (production) choose their own default — but this module is imported by the ``samenleving``
# package itself, i.e. before wsgi.py runs, so a default set here would win over theirs (gunicorn
# came up with the development settings). Hence a default only for a process the celery command
# started: production, like the other deployment entry points, so a worker that was not told
# otherwise is never a DEBUG process that keeps every query in memory. Docker sets it anyway
# (Dockerfile); `make worker` runs the development settings.
if _started_by_celery():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenleving.settings.production")

app = Celery("samenleving")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
