"""The step-5 pages as people use them: the team analysis with its diagrams and the list
beside them, the own analysis editor, merging, comparing, a fragment's citations."""

import pytest
from django.urls import reverse

from processteps.causes.models import AnalysisStatus, CausalFactor, CausalLink, FactorMerge
from processteps.causes.selectors import own_analysis, team_analysis
from processteps.causes.services import analyses as analysis_services
from processteps.causes.services import factors as factor_services

from .helpers import C, R, S, fragments, good_team, model

pytestmark = pytest.mark.django_db


@pytest.fixture
def quotes(project):
    return fragments(project)


def url(name, project, **kwargs):
    return reverse(f"causes:{name}", kwargs={"project": project.pk, **kwargs})


def test_the_team_page_draws_each_complex_with_links_and_lists_it_beside(
    project, quotes, client_as
):
    good = good_team(project, quotes.anonymous)
    housing = analysis_services.complex_add(
        actor=project.leader, analysis=good.analysis, name="Wonen"
    )
    factor_services.factor_update(actor=project.leader, factor=good.symptom, complex=housing)
    response = client_as("member").get(url("overview", project))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == 2  # "Wonen" and the factors in no complex
    assert 'role="group"' in html and 'aria-labelledby="complex-1-title"' in html
    assert f'href="/projects/{project.pk}/causes/factors/{good.symptom.pk}/"' in html
    assert f'id="factor-{good.root.pk}"' in html  # the list beside the picture
    assert "Zonder complex" in html
    assert "In orde" in html


def test_a_statement_with_html_is_shown_escaped(project, quotes, client_as):
    team = analysis_services.team_analysis_ensure(actor=project.leader, project=project)
    factor = factor_services.factor_add(
        actor=project.leader, analysis=team, statement="<script>alert(1)</script>", kind=S
    )
    for page in (url("overview", project), url("factor_detail", project, factor=factor.pk)):
        html = client_as("leader").get(page).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_member_builds_and_submits_an_own_analysis_through_the_pages(project, quotes, client_as):
    browser = client_as("member")
    response = browser.post(url("analysis_mine", project))
    analysis = own_analysis(project, project.member)
    assert response["Location"] == url("analysis_detail", project, analysis=analysis.pk)
    add = url("factor_add", project, analysis=analysis.pk)
    browser.post(add, {"factor-statement": "Lange wachtlijsten", "factor-kind": S})
    browser.post(add, {"factor-statement": "Te weinig woningen", "factor-kind": C})
    symptom, cause = analysis.factors.order_by("position")
    browser.post(
        url("link_add", project, analysis=analysis.pk),
        {"link-source": cause.pk, "link-target": symptom.pk, "link-polarity": "strengthens",
         "link-confidence": "high"},
    )  # fmt: skip
    browser.post(url("evidence_add", project, factor=cause.pk), {"fragment": quotes.by_name.pk})
    assert CausalLink.objects.filter(analysis=analysis).count() == 1
    assert cause.evidence.count() == 1
    browser.post(url("analysis_submit", project, analysis=analysis.pk))
    analysis.refresh_from_db()
    assert analysis.status == AnalysisStatus.SUBMITTED
    # The leader sees it now, merges it all and the team page shows it.
    leader = client_as("leader")
    assert leader.get(url("analysis_detail", project, analysis=analysis.pk)).status_code == 200
    leader.post(url("analysis_merge", project, analysis=analysis.pk))
    team = team_analysis(project)
    assert team.factors.count() == 2
    assert team.links.count() == 1
    assert FactorMerge.objects.filter(team_factor__analysis=team).count() == 2


def test_a_member_does_not_see_another_members_draft(project, client_as, users):
    from processteps.models import Membership, Role
    from tests.factories import UserFactory

    other = UserFactory(username="ander")
    Membership.objects.create(project=project, user=other, role=Role.MEMBER)
    theirs = analysis_services.own_analysis_ensure(actor=other, project=project)
    browser = client_as("member")
    assert browser.get(url("analysis_detail", project, analysis=theirs.pk)).status_code == 403
    # The leader does not see a draft either, only once it is submitted.
    assert (
        client_as("leader").get(url("analysis_detail", project, analysis=theirs.pk)).status_code
        == 403
    )


def test_bad_input_on_the_pages_gets_a_dutch_error_and_saves_nothing(project, client_as):
    browser = client_as("member")
    browser.post(url("analysis_mine", project))
    analysis = own_analysis(project, project.member)
    add = url("factor_add", project, analysis=analysis.pk)
    response = browser.post(add, {"factor-statement": "x" * 10000, "factor-kind": S})
    assert response.status_code == 200
    assert "De stelling is te lang (10000 tekens, hoogstens 300)" in response.content.decode()
    assert not CausalFactor.objects.filter(analysis=analysis).exists()
    factors = model(analysis, project.member, {"a": ("A", S), "b": ("B", C)})
    response = browser.post(
        url("link_add", project, analysis=analysis.pk),
        {"link-source": factors["a"].pk, "link-target": factors["a"].pk,
         "link-polarity": "strengthens", "link-confidence": "high"},
        follow=True,
    )  # fmt: skip
    assert "Een factor kan niet naar zichzelf leiden." in response.content.decode()
    assert not CausalLink.objects.exists()


def test_the_fragment_page_lists_who_cites_it(project, quotes, client_as):
    good = good_team(project, quotes.anonymous)
    response = client_as("member").get(url("fragment_citations", project,
                                           fragment=quotes.anonymous.pk))  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/projects/{project.pk}/causes/factors/{good.root.pk}/" in html
    assert "Kees Bakker" not in html  # anonymous consent: no name, even for the team


def test_the_compare_page_shows_disagreements(project, client_as):
    from processteps.models import Membership, Role
    from tests.factories import UserFactory

    other = UserFactory(username="ander", first_name="Anne", last_name="Ander")
    Membership.objects.create(project=project, user=other, role=Role.MEMBER)
    mine = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    theirs = analysis_services.own_analysis_ensure(actor=other, project=project)
    model(mine, project.member, {"a": ("Wachtlijsten", S), "b": ("Weinig woningen", C),
                                 "c": ("Alleen bij Tim", R)}, [("b", "a")])  # fmt: skip
    model(theirs, other, {"a": ("Wachtlijsten", C), "b": ("Weinig woningen", C)}, [("a", "b")])
    for analysis, who in ((mine, project.member), (theirs, other)):
        analysis_services.analysis_submit(actor=who, analysis=analysis)
    response = client_as("leader").get(url("compare", project))
    html = response.content.decode()
    assert html.count('class="only-one"') == 1 and "Alleen bij Tim" in html
    assert html.count('class="kinds"') == 1
    assert html.count('class="opposite"') == 1


def test_a_complex_is_renamed_and_a_double_name_is_refused(project, client_as):
    team = analysis_services.team_analysis_ensure(actor=project.leader, project=project)
    housing = analysis_services.complex_add(actor=project.leader, analysis=team, name="Wonen")
    analysis_services.complex_add(actor=project.leader, analysis=team, name="Werk")
    edit = url("complex_edit", project, complex=housing.pk)
    browser = client_as("leader")
    response = browser.post(edit, {"name": "werk"})
    assert "Er is al een complex met de naam ‘werk’." in response.content.decode()
    response = browser.post(edit, {"name": "Huisvesting", "description": "Van opvang tot huis"})
    assert response.status_code == 302
    housing.refresh_from_db()
    assert (housing.name, housing.description) == ("Huisvesting", "Van opvang tot huis")
