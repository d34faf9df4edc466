"""The step-9 pages and the Doelenboom's compile read a fixed number of queries, however large
the tree: measured at two sizes, the counts are the same."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.builders import builder_for
from documents.services.documents import document_ensure
from processteps.causes.models import CausalFactor, FactorKind
from processteps.goals.models import (
    Goal,
    GoalCause,
    GoalDecision,
    Indicator,
    IndicatorKind,
    Means,
    Measurement,
    PolicyOption,
)
from processteps.goals.services import trees as tree_services

from .helpers import causal_complex

# every request renders its page: these count what rendering costs (not the page cache)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


def grow(project, *, branches: int, indicators_per_goal: int, measurements: int):
    """A team tree of ``branches`` × (a level-1 goal with two level-2 goals), each concrete goal
    with means, a removed root cause, indicators with measurements and options with a
    decision; written in bulk (the services are tested elsewhere, here only size matters)."""
    cc = causal_complex(project)
    tree = tree_services.team_tree_ensure(actor=project.leader, project=project)
    top = Goal.objects.create(tree=tree, statement="Top", level=0)
    goals = []
    for b in range(branches):
        middle = Goal.objects.create(tree=tree, statement=f"Tak {b}", level=1, parent=top,
                                     position=b)  # fmt: skip
        goals += [
            Goal.objects.create(
                tree=tree, statement=f"Concreet {b}.{c}", level=2, parent=middle, position=c
            )  # fmt: skip
            for c in range(2)
        ]
    roots = CausalFactor.objects.bulk_create(
        CausalFactor(analysis=cc.analysis, statement=f"Grondoorzaak {g.pk}",
                     kind=FactorKind.ROOT_CAUSE)
        for g in goals
    )  # fmt: skip
    GoalCause.objects.bulk_create(
        GoalCause(goal=g, cause=f, derived=True) for g, f in zip(goals, roots, strict=True)
    )
    Means.objects.bulk_create(Means(goal=g, description=f"Middel {g.pk}") for g in goals)
    indicators = Indicator.objects.bulk_create(
        Indicator(project=project, kind=IndicatorKind.GOAL, goal=g, name=f"Indicator {g.pk}.{i}",
                  unit="personen", baseline_value=10, baseline_date=datetime.date(2023, 1, 1),
                  target_value=100, target_date=datetime.date(2026, 1, 1))
        for g in goals
        for i in range(indicators_per_goal)
    )  # fmt: skip
    Measurement.objects.bulk_create(
        Measurement(indicator=ind, measured_on=datetime.date(2023, 1, 1)
                    + datetime.timedelta(days=30 * (m + 1)), value=10 + m)
        for ind in indicators
        for m in range(measurements)
    )  # fmt: skip
    options = PolicyOption.objects.bulk_create(
        PolicyOption(goal=g, title=f"Optie {g.pk}", is_preferred=True) for g in goals
    )
    GoalDecision.objects.bulk_create(
        GoalDecision(goal=o.goal, body="council", reference=f"RB {o.pk}",
                     decided_on=datetime.date(2024, 5, 1), chosen_option=o)
        for o in options
    )  # fmt: skip
    return tree, goals


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def page_queries(browser, url) -> int:
    def get():
        response = browser.get(url)
        assert response.status_code == 200

    return queries_of(get)


@pytest.fixture
def two_projects(db):
    from tests.documents.conftest import make_project

    small, large = make_project("Klein"), make_project("Groot", suffix="-groot")
    grow(small, branches=1, indicators_per_goal=1, measurements=2)
    grow(large, branches=12, indicators_per_goal=3, measurements=20)
    return small, large


def logged_in(user):
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    return browser


@pytest.mark.parametrize(
    "url_of",
    [
        lambda p: reverse("goals:overview", kwargs={"project": p.pk}),
        lambda p: reverse("goals:indicator_list", kwargs={"project": p.pk}),
        lambda p: reverse("goals:merge", kwargs={"project": p.pk}),
        lambda p: reverse(
            "processteps:step",
            kwargs={"project": p.pk, "number": p.steps.get(key="decision_making").number},
        ),
    ],
    ids=["tree", "indicators", "merge", "step-9"],
)
def test_a_page_reads_as_many_queries_for_a_large_tree_as_for_a_small_one(two_projects, url_of):
    small, large = two_projects
    counts = [page_queries(logged_in(p.leader), url_of(p)) for p in (small, large)]
    assert counts[0] == counts[1], counts
    assert counts[1] < 40


def test_the_doelenboom_compiles_in_a_fixed_number_of_queries(two_projects):
    counts = []
    for project in two_projects:
        builder = builder_for(document_ensure(project.steps.get(key="decision_making")))

        def compile_it(builder=builder):
            sections = builder.sections()
            builder.build_html(sections, version_label="Versie 1")

        counts.append(queries_of(compile_it))
    assert counts[0] == counts[1], counts
    assert counts[1] < 25


def test_the_large_tree_is_all_there(two_projects):
    """The large project really is larger (so equal counts mean something)."""
    _small, large = two_projects
    assert Goal.objects.filter(tree__project=large).count() == 37
    assert Measurement.objects.filter(indicator__project=large).count() == 24 * 3 * 20
