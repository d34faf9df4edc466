"""Load the demo project and accounts; print the logins."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from processteps.services.demo import demo_load


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
        from documents.services.demo import demo_documents_load

        leader = project.memberships.filter(role="leader").select_related("user").first().user
        demo_documents_load(project=project, leader=leader)
        from documents.services.demo_bloemlezing import demo_bloemlezing_load

        demo_bloemlezing_load(project=project, leader=leader)
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
