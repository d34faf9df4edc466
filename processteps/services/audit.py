"""Writing and describing audit entries."""

from django.utils.translation import gettext_lazy as _

from processteps.models import AuditEntry, Decision, Role, StepStatus, TaskStatus, UncertaintyStatus

# action -> sentence; placeholders are filled from the entry's data and ``target``. The core's
# own actions are here; the documents app and each step tool add theirs (``register_actions``).
ACTIONS = {
    "project.created": _("maakte het project %(target)s aan"),
    "project.changed": _("wijzigde de projectgegevens"),
    "member.added": _("voegde %(target)s toe als %(role)s"),
    "member.invited": _("nodigde %(target)s uit als %(role)s"),
    "member.role_changed": _("wijzigde de rol van %(target)s in %(role)s"),
    "member.removed": _("verwijderde %(target)s uit het project"),
    "member.commitment": _("legde de eigen inzet vast: %(commitment)s"),
    "agreement.added": _("voegde de afspraak '%(target)s' toe"),
    "agreement.removed": _("verwijderde de afspraak '%(target)s'"),
    "step.changed": _("wijzigde stap %(target)s"),
    "step.status": _("zette stap %(target)s op '%(status)s'"),
    "step.completed": _("rondde stap %(target)s af"),
    "step.completed_override": _("rondde stap %(target)s af met de reden: %(reason)s"),
    "step.skipped": _("besloot stap %(target)s niet te doen: %(reason)s"),
    "step.reopened": _("heropende stap %(target)s"),
    "step.decision": _("besloot over stap %(target)s: %(decision)s"),
    "step.uncertainty": _("beoordeelde de onzekerheid van stap %(target)s als '%(status)s'"),
    "checklist.ticked": _("vinkte '%(target)s' af"),
    "checklist.unticked": _("zette het vinkje bij '%(target)s' uit"),
    "checklist.added": _("voegde checklistpunt '%(target)s' toe"),
    "checklist.removed": _("verwijderde checklistpunt '%(target)s'"),
    "task.created": _("maakte de taak '%(target)s' aan"),
    "task.changed": _("wijzigde de taak '%(target)s'"),
    "task.status": _("zette de taak '%(target)s' op '%(status)s'"),
    "task.deleted": _("verwijderde de taak '%(target)s'"),
    "source.added": _("voegde de bron '%(target)s' toe"),
    "source.deleted": _("verwijderde de bron '%(target)s'"),
}


def audit_record(*, actor, project, action: str, target, data: dict | None = None) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``target`` (a model instance) in ``project``."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}")
    return AuditEntry.objects.create(
        project=project,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=getattr(target, "pk", None),
        target_repr=str(target)[:300] if target is not None else "",
        data={k: str(v) for k, v in (data or {}).items()},
    )


# Codes stored in an entry's data are shown with their label in the reader's language.
CHOICES = {
    ("member", "role"): Role,
    ("step", "status"): StepStatus,
    ("step", "decision"): Decision,
    ("task", "status"): TaskStatus,
}

# Actions whose entries name people in the data (key figures, participants, …): a client's
# activity feed leaves them out.
TEAM_ONLY_ACTIONS: set[str] = set()


def register_actions(actions: dict, *, choices: dict | None = None, team_only=()) -> None:
    """Add the audit vocabulary of an app (the documents app, a step tool): ``actions`` maps
    an action to its sentence, ``choices`` maps (noun, data key) to the TextChoices whose label
    is shown, ``team_only`` names the actions a client never sees."""
    ACTIONS.update(actions)
    CHOICES.update(choices or {})
    TEAM_ONLY_ACTIONS.update(team_only)


def describe(entry: AuditEntry) -> str:
    template = ACTIONS.get(entry.action)
    if template is None:
        return entry.action
    noun = entry.action.split(".", 1)[0]
    values = {"target": entry.target_repr}
    for key, value in entry.data.items():
        choices = (
            UncertaintyStatus if entry.action == "step.uncertainty" else CHOICES.get((noun, key))
        )
        try:
            values[key] = choices(value).label if choices else value
        except ValueError:
            values[key] = value
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return f"{entry.action}: {entry.target_repr}"
