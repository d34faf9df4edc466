"""Reads of the core that more than one view needs."""

from processteps.models import AuditEntry, Role
from processteps.rules import role_in
from processteps.services.audit import TEAM_ONLY_ACTIONS


def activity_for(user, project, *, limit: int):
    """The project's latest audit entries as ``user`` may read them: a client never sees the
    entries that name people in the data (key figures, participants: the tools mark those
    actions team-only), just as the registers themselves are closed to them."""
    entries = AuditEntry.objects.filter(project=project).select_related("actor")
    if not user.is_superuser and role_in(user, project) == Role.CLIENT:
        entries = entries.exclude(action__in=sorted(TEAM_ONLY_ACTIONS))
    return entries.order_by("-created_at", "-id")[:limit]
