"""The demo project's implementation plan (step 11), loaded through the real services.

An implementation organisation (a steering group and the project leader steer; the team, the
municipality, a partner and the owners of the actions execute; an advisory council of
newcomers advises), the steering rhythm (two meetings, two reports), the current situation
in four domains of the integral framework, a status for each action of the action book when
there is one (running, done, delayed with its reason, …), and the published
Uitvoeringsplan. Idempotent: a project that has an organisation keeps it; an action that has
a status keeps it. The material is in :mod:`.demo_data`.
"""

from django.db import transaction
from django.utils import timezone

from documents.demo import demo_document_publish

from .demo_data import BODIES, MOMENTS, PARTY_KIND_WORDS, SECTIONS, SITUATIONS, STATUSES
from .models import ActionProgress, ImplementationBody, ProgressStatus
from .selectors import actions_of
from .services import organisation as services
from .services.progress import progress_report


def demo_load(*, project, leader) -> None:
    with transaction.atomic():
        if not ImplementationBody.objects.filter(project=project).exists():
            _organisation(project, leader)
            _owners(project, leader)
        _statuses(project, leader)
    demo_document_publish(
        project=project,
        leader=leader,
        step_key="implementation_plan",
        sections=SECTIONS,
        change_note="Uitvoeringsplan vastgesteld door de stuurgroep",
    )


def _organisation(project, leader) -> None:
    bodies = {}
    for name, kind, role, task, party_kind in BODIES:
        bodies[name] = services.body_add(
            actor=leader, project=project, name=name, kind=kind, role=role, task=task,
            party_kind=party_kind,
        )  # fmt: skip
    for kind, title, frequency, responsible, audience, purpose in MOMENTS:
        services.moment_add(
            actor=leader, project=project, kind=kind, title=title, frequency=frequency,
            responsible=bodies[responsible], audience=bodies.get(audience), purpose=purpose,
        )  # fmt: skip
    for domain, text in SITUATIONS.items():
        services.situation_save(actor=leader, project=project, domain=domain, text=text)


def _owners(project, leader) -> None:
    """The owners of the actions execute them: each joins the organisation (once, compared
    without regard to case), its kind of party guessed from its name."""
    from processteps.actions.models import ActionParty, PartyRole

    known = {
        name.casefold()
        for name in ImplementationBody.objects.filter(project=project).values_list(
            "name", flat=True
        )
    }
    owners: dict[str, list[str]] = {}
    parties = ActionParty.objects.filter(
        action__project=project, role=PartyRole.ACCOUNTABLE
    ).select_related("action")
    for party in parties.order_by("action__position", "action_id"):
        owners.setdefault(party.name.strip(), []).append(party.action.title)
    for name, titles in owners.items():
        if name.casefold() in known:
            continue
        known.add(name.casefold())
        kind = next((k for word, k in PARTY_KIND_WORDS if word in name.casefold()), "")
        services.body_add(
            actor=leader, project=project, name=name, role="execution", party_kind=kind,
            task="Eigenaar van: " + "; ".join(titles),
        )  # fmt: skip


def _statuses(project, leader) -> None:
    """A status for each action without one, in turn from :data:`STATUSES`, reported on its
    start date (or today when it starts later)."""
    today = timezone.localdate()
    reported = set(
        ActionProgress.objects.filter(action__project=project).values_list("action_id", flat=True)
    )
    for index, action in enumerate(actions_of(project)):
        if action.pk in reported:
            continue
        status, note = STATUSES[index % len(STATUSES)]
        if status == ProgressStatus.PLANNED:
            continue
        on = min(action.start_date or today, today)
        if status in (ProgressStatus.DONE, ProgressStatus.STOPPED) and action.end_date:
            on = min(action.end_date, today)
        action.project = project
        progress_report(actor=leader, action=action, status=status, reported_on=on, note=note)
