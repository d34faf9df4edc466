"""Small helpers shared by the processteps tests."""

from django.contrib.messages import get_messages

from processteps.models import AuditEntry, DataSource, ProcessStep, Project, Task

ROLES = ("anonymous", "outsider", "client", "member", "leader", "admin")


def messages_of(response) -> list[str]:
    """The flash messages a response queued (for a redirect: what the next page shows)."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def error_messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def snapshot() -> dict:
    """Row counts a failed action must leave as they were."""
    return {
        "projects": Project.objects.count(),
        "steps": ProcessStep.objects.count(),
        "tasks": Task.objects.count(),
        "sources": DataSource.objects.count(),
        "audit": AuditEntry.objects.count(),
    }
