"""Print how this instance runs: database, task queue, mail."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Print the database, task queue and mail set-up of this instance."

    def handle(self, *args, **options):
        self.stdout.write(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write(
                "Tasks: no CELERY_BROKER_URL set; tasks (mail, PDF rendering) run in-process "
                "inside the web request."
            )
        else:
            self.stdout.write(
                f"Tasks: sent to {settings.CELERY_BROKER_URL}; "
                "start a worker with `celery -A samenleving worker`."
            )
        self.stdout.write(f"Mail: {settings.EMAIL_BACKEND.rsplit('.', 2)[-2]} backend")
