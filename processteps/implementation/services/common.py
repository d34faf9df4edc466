"""What the services of step 11 share: the actor's permission, the checklist sync."""

from django.core.exceptions import PermissionDenied

from processteps.services.steps import checklist_derive

from ..selectors import ORGANISATION_READY, STEERING_READY


def require(actor, perm: str, project) -> None:
    """Refuse a change the actor's role does not allow (views check first; this keeps a
    command or a task from doing what its user may not)."""
    if actor is None or not actor.has_perm(perm, project):
        raise PermissionDenied


def implementation_checklist_sync(project) -> None:
    """Tick or untick step 11's items "Uitvoeringsorganisatie" and "Aansturing uitvoering" as
    the data now is."""
    checklist_derive(project=project, key=ORGANISATION_READY)
    checklist_derive(project=project, key=STEERING_READY)
