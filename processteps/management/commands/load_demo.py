"""Load the demo project and accounts; print the logins."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from processteps.demo import demo_load
from processteps.registry import tools


class Command(BaseCommand):
    help = "Load the demo project 'Aanpak Migratievraagstuk' and the demo accounts."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("Demo data is never loaded with production settings.")
        password_file = Path(settings.VAR_DIR) / "demo-password.txt"
        password = os.environ.get("DEMO_PASSWORD") or (
            password_file.read_text().strip() if password_file.exists() else None
        )
        project, password = demo_load(password=password)
        leader = project.memberships.filter(role="leader").select_related("user").first().user
        # Every tool adds its part of the demo, in the method's order (later tools read the
        # data of earlier ones). Each loader is idempotent.
        for tool in tools():
            if tool.demo:
                self.stdout.write(f"Demo: {tool.label}")
                import_string(tool.demo)(project=project, leader=leader)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        self.stdout.write(
            f"Demo project: {project.name} ({settings.SITE_URL}{project.get_absolute_url()})"
        )
        self.stdout.write(f"Public page: {settings.SITE_URL}/openbaar/{project.slug}/")
        self.stdout.write("Demo logins (username / password):")
        for username in ("projectleider", "teamlid", "opdrachtgever", "admin"):
            self.stdout.write(f"  {username:<14} {password}")
