"""The step-5 pages and the Probleem- en oorzakenanalyse's compile read a fixed number of
queries, however large the model: measured at two sizes, the counts are the same."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.builders import builder_for
from documents.services.documents import document_ensure
from processteps.causes.models import (
    AnalysisKind,
    AnalysisStatus,
    CausalAnalysis,
    CausalComplex,
    CausalFactor,
    CausalLink,
    Evidence,
    FactorKind,
    FactorMerge,
)
from processteps.models import Membership, Role
from tests.factories import UserFactory

from .helpers import fragments

# every request renders its page: these count what rendering costs (not the page cache)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

KINDS = [FactorKind.SYMPTOM, FactorKind.CAUSE, FactorKind.CAUSE, FactorKind.ROOT_CAUSE]


def grow(project, *, complexes: int, per_complex: int, analysts: int):
    """A team analysis of ``complexes`` × ``per_complex`` factors (a chain root → cause →
    cause → symptom repeated), every root with evidence; ``analysts`` submitted own analyses
    whose factors are merged onto the team's (written in bulk: only size matters here)."""
    quotes = fragments(project)
    team = CausalAnalysis.objects.create(project=project, kind=AnalysisKind.TEAM)
    factors = []
    for c in range(complexes):
        cluster = CausalComplex.objects.create(analysis=team, name=f"Complex {c}", position=c)
        factors += CausalFactor.objects.bulk_create(
            CausalFactor(analysis=team, complex=cluster, statement=f"Factor {c}.{n}",
                         kind=KINDS[n % 4], position=c * per_complex + n)
            for n in range(per_complex)
        )  # fmt: skip
    links = []
    for index, factor in enumerate(factors):
        if factor.kind != FactorKind.SYMPTOM and index % 4:
            links.append(CausalLink(analysis=team, source=factor, target=factors[index - 1]))
    CausalLink.objects.bulk_create(links)
    Evidence.objects.bulk_create(
        Evidence(factor=f, fragment=q)
        for f in factors
        if f.kind == FactorKind.ROOT_CAUSE
        for q in (quotes.by_name, quotes.anonymous, quotes.none)
    )
    for a in range(analysts):
        user = UserFactory(username=f"analist-{project.pk}-{a}")
        Membership.objects.create(project=project, user=user, role=Role.MEMBER)
        own = CausalAnalysis.objects.create(
            project=project, kind=AnalysisKind.INDIVIDUAL, owner=user,
            status=AnalysisStatus.SUBMITTED,
        )  # fmt: skip
        proposed = CausalFactor.objects.bulk_create(
            CausalFactor(analysis=own, statement=f.statement, kind=f.kind, position=f.position)
            for f in factors
        )
        FactorMerge.objects.bulk_create(
            FactorMerge(team_factor=t, source_factor=s)
            for t, s in zip(factors, proposed, strict=True)
        )
        CausalLink.objects.bulk_create(
            CausalLink(analysis=own, source=proposed[factors.index(link.source)],
                       target=proposed[factors.index(link.target)])
            for link in links[: len(links) // 2]
        )  # fmt: skip
    return team


@pytest.fixture
def two_projects(db):
    from tests.documents.conftest import make_project

    small, large = make_project("Klein"), make_project("Groot", suffix="-groot")
    grow(small, complexes=1, per_complex=4, analysts=2)
    grow(large, complexes=3, per_complex=24, analysts=3)
    return small, large


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def page_queries(user, url) -> int:
    browser = Client()
    browser.force_login(user)

    def get():
        response = browser.get(url)
        assert response.status_code == 200

    return queries_of(get)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda p: reverse("causes:overview", kwargs={"project": p.pk}),
        lambda p: reverse("causes:merge", kwargs={"project": p.pk}),
        lambda p: reverse("causes:compare", kwargs={"project": p.pk}),
        lambda p: reverse("causes:problems", kwargs={"project": p.pk}),
        lambda p: reverse(
            "causes:analysis_export",
            kwargs={
                "project": p.pk,
                "fmt": "csv",
                "analysis": p.causal_analyses.get(kind="team").pk,
            },
        ),  # fmt: skip
        lambda p: reverse(
            "processteps:step",
            kwargs={"project": p.pk, "number": p.steps.get(key="causal_complexes").number},
        ),
    ],
    ids=["team-analysis", "merge", "compare", "problems", "export", "step-5"],
)
def test_a_page_reads_as_many_queries_for_a_large_model_as_for_a_small_one(two_projects, url_of):
    counts = [page_queries(p.leader, url_of(p)) for p in two_projects]
    assert counts[0] == counts[1], counts
    assert counts[1] < 45


def test_the_analysis_compiles_in_a_fixed_number_of_queries(two_projects):
    counts = []
    for project in two_projects:
        builder = builder_for(document_ensure(project.steps.get(key="causal_complexes")))

        def compile_it(builder=builder):
            builder.build_html(builder.sections(), version_label="Versie 1")

        counts.append(queries_of(compile_it))
    assert counts[0] == counts[1], counts
    assert counts[1] < 25


def test_the_large_model_is_all_there(two_projects):
    _small, large = two_projects
    assert CausalFactor.objects.filter(analysis__project=large, analysis__kind="team").count() == 72
    assert CausalAnalysis.objects.filter(project=large, kind="individual").count() == 3
