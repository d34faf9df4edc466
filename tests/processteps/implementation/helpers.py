"""Shared helpers of the implementation-plan tests: an organisation and a steering rhythm
written through the services."""

import datetime
from types import SimpleNamespace

from processteps.implementation.services import organisation as services


def organisation(project) -> SimpleNamespace:
    """A steering group and a director who steer, a housing team that executes, a weekly
    meeting and a quarterly report."""
    leader = project.leader
    group = services.body_add(
        actor=leader, project=project, name="Stuurgroep Samenleven", role="steering",
        task="Stelt prioriteiten en besluit over bijsturing", party_kind="overheden",
    )  # fmt: skip
    team = services.body_add(
        actor=leader, project=project, name="Uitvoeringsteam Wonen", role="execution",
        task="Voert de acties rond huisvesting uit", party_kind="maatschappelijke_organisaties",
        contact="wonen@example.org",
    )  # fmt: skip
    meeting = services.moment_add(
        actor=leader, project=project, kind="meeting", title="Stuurgroepoverleg",
        frequency="monthly", responsible=group, audience=team,
        first_date=datetime.date(2025, 1, 15), purpose="Voortgang en bijsturing",
    )  # fmt: skip
    report = services.moment_add(
        actor=leader, project=project, kind="report", title="Kwartaalrapportage",
        frequency="quarterly", responsible=team, audience=group,
    )  # fmt: skip
    return SimpleNamespace(group=group, team=team, meeting=meeting, report=report)


def actions(project, goal=None) -> SimpleNamespace:
    """Three actions of the action book (written through its models, as its forms would
    save them): housing (with an owner, partners, a milestone, serving ``goal``), language
    lessons (running late, no owner) and a campaign without dates."""
    from processteps.actions.models import Action, ActionGoal, ActionParty, Milestone

    housing = Action.objects.create(
        project=project, title="Flexwoningen bouwen", domain="wonen", position=1,
        start_date=datetime.date(2025, 2, 1), end_date=datetime.date(2025, 11, 30),
    )  # fmt: skip
    ActionParty.objects.create(action=housing, name="Uitvoeringsteam Wonen", role="accountable")
    ActionParty.objects.create(action=housing, name="Woningcorporatie De Brug",
                               role="responsible")  # fmt: skip
    ActionParty.objects.create(action=housing, name="Buurtraad", role="consulted")
    Milestone.objects.create(action=housing, title="Vergunning verleend",
                             date=datetime.date(2025, 4, 1), done=True)  # fmt: skip
    language = Action.objects.create(
        project=project, title="Taalcafés in de wijk", domain="integreren", position=2,
        start_date=datetime.date(2025, 3, 1), end_date=datetime.date(2026, 2, 28),
    )  # fmt: skip
    ActionParty.objects.create(action=language, name="Woningcorporatie De Brug",
                               role="informed")  # fmt: skip
    campaign = Action.objects.create(project=project, title="Campagne Samen wonen", position=3)
    if goal is not None:
        ActionGoal.objects.create(action=housing, goal=goal)
        ActionGoal.objects.create(action=language, goal=goal)
    return SimpleNamespace(housing=housing, language=language, campaign=campaign)
