"""The step-11 pages and the Uitvoeringsplan's compile read a fixed number of queries, however
many bodies, moments, actions, parties, status reports, goals and indicators there are:
measured at two sizes, the counts are the same."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.builders import builder_for
from documents.services.documents import document_ensure
from processteps.actions.models import Action, ActionGoal, ActionParty, Milestone
from processteps.consultation.models import Angle, KeyFigure
from processteps.goals.models import Goal, Indicator, IndicatorKind, Measurement, PolicyOption
from processteps.goals.services import trees as tree_services
from processteps.implementation.documents import BeleidskompasExport
from processteps.implementation.models import (
    ActionProgress,
    DomainSituation,
    ImplementationBody,
    SteeringMoment,
)
from processteps.models import Domain
from tests.processteps.goals.helpers import causal_complex, target_image

# every request renders its page: these count what rendering costs (not the page cache)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

DOMAINS = list(Domain.values)


def grow(project, n: int):
    """``n`` of everything, written in bulk (the services are tested elsewhere)."""
    leader = project.leader
    causal_complex(project)
    for i in range(n):
        target_image(project, f"Streefbeeld {i}", domain=DOMAINS[i % 7])
    angle = Angle.objects.create(project=project, name="Wonen")
    KeyFigure.objects.bulk_create(
        KeyFigure(project=project, name=f"Persoon {i}", angle=angle) for i in range(n)
    )
    tree = tree_services.team_tree_ensure(actor=leader, project=project)
    top = Goal.objects.create(tree=tree, statement="Top", level=0)
    goals = [
        Goal.objects.create(
            tree=tree, statement=f"Doel {i}", level=1, parent=top, position=i, domain=DOMAINS[i % 7]
        )  # fmt: skip
        for i in range(n)
    ]
    PolicyOption.objects.bulk_create(PolicyOption(goal=g, title=f"Optie {g.pk}") for g in goals)
    indicators = Indicator.objects.bulk_create(
        Indicator(project=project, kind=IndicatorKind.GOAL, goal=g, name=f"Indicator {g.pk}",
                  unit="personen", baseline_value=1, baseline_date=datetime.date(2024, 1, 1),
                  target_value=10, target_date=datetime.date(2026, 1, 1))
        for g in goals
    )  # fmt: skip
    Measurement.objects.bulk_create(
        Measurement(indicator=ind, measured_on=datetime.date(2024, 1 + m, 1), value=m)
        for ind in indicators
        for m in range(3)
    )
    bodies = ImplementationBody.objects.bulk_create(
        ImplementationBody(project=project, name=f"Orgaan {i}", task="Taak", position=i,
                           role=("steering", "execution")[i % 2], party_kind="overheden")
        for i in range(n)
    )  # fmt: skip
    SteeringMoment.objects.bulk_create(
        SteeringMoment(project=project, kind=("meeting", "report")[i % 2], title=f"Moment {i}",
                       frequency="monthly", responsible=bodies[i], audience=bodies[-1])
        for i in range(n)
    )  # fmt: skip
    DomainSituation.objects.bulk_create(
        DomainSituation(project=project, domain=d, text=f"Situatie {d}") for d in DOMAINS
    )
    actions = Action.objects.bulk_create(
        Action(project=project, title=f"Actie {i}", domain=DOMAINS[i % 7], position=i,
               start_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=10 * i),
               end_date=datetime.date(2025, 6, 1) + datetime.timedelta(days=10 * i))
        for i in range(n)
    )  # fmt: skip
    ActionParty.objects.bulk_create(
        ActionParty(action=a, name=f"Orgaan {i % 12}", role=role)
        for i, a in enumerate(actions)
        for role in ("accountable", "responsible", "informed")
    )
    Milestone.objects.bulk_create(
        Milestone(action=a, title="Start", date=a.start_date) for a in actions
    )
    ActionGoal.objects.bulk_create(
        ActionGoal(action=a, goal=g) for a, g in zip(actions, goals, strict=True)
    )
    ActionProgress.objects.bulk_create(
        ActionProgress(action=a, status=status, reported_on=datetime.date(2025, 1, day))
        for a in actions
        for day, status in ((1, "running"), (2, "done"))
    )
    return actions[0]


PAGES = ("overview", "planning", "monitoring", "compass", "framework")


def count(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def measure(project, client_as, n):
    first = grow(project, n)
    browser = client_as("leader")
    counts = {}
    for name in PAGES:
        url = reverse(f"implementation:{name}", kwargs={"project": project.pk})
        browser.get(url)  # warm the session and caches
        counts[name] = count(lambda url=url: browser.get(url))
    url = reverse("implementation:action_progress",
                  kwargs={"project": project.pk, "action": first.pk})  # fmt: skip
    counts["action_progress"] = count(lambda: browser.get(url))
    document = document_ensure(project.steps.get(key="implementation_plan"))

    def compile_all():
        builder = builder_for(document)
        builder.sections()

    counts["compile"] = count(compile_all)
    counts["compass_export"] = count(lambda: BeleidskompasExport(project).html())
    return counts


@pytest.fixture
def second(db):
    from tests.factories import ProjectFactory, UserFactory

    leader = UserFactory(username="leider2")
    project = ProjectFactory(leader=leader, name="Groot project")
    project.leader = leader
    return project


def test_the_counts_do_not_grow_with_the_project(project, second, client_as):
    small = measure(project, client_as, 3)
    large = measure(second, lambda who: _login(second.leader), 30)
    assert small == large, {k: (small[k], large[k]) for k in small if small[k] != large[k]}
    # And they stay small.
    assert max(small.values()) < 60, small


def _login(user):
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    return browser
