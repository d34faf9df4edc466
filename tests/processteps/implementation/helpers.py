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
