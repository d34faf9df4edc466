"""THE permission matrix of the causal complexes (step 5): every view of the "causes" namespace
against every role.

Reading guide: ``LOGIN`` is a redirect to the login page; 404: the project is not shown to that
person; 403: their role may not do this; 200/302: success (never with an error message). A
client sees none of the team's work here, only the Probleem- en oorzakenanalyse once it is
published to them (the documents app's matrix covers that).

The world: a project ("Leefbare wijk") with fragments of the consultation round, the team
analysis (three factors in a complex, two links, evidence), the team member's own analysis (a
draft: only its owner sees and edits it) and another member's submitted analysis (the leader
merges it); a second project in which the member's own analysis is submitted (to withdraw).
"""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from processteps.causes.models import CausalLink
from processteps.causes.services import analyses as analysis_services
from processteps.causes.services import factors as factor_services
from processteps.models import Membership, Role
from tests.factories import ProjectFactory, UserFactory
from tests.matrix import LOGIN, PermissionMatrix, Request

from .helpers import C, S, fragments, good_team, model

pytestmark = pytest.mark.django_db

#                                          anonymous outsider client member leader admin
EXPECTED = {
    ("overview", "GET"):                   (LOGIN, 404, 403, 200, 200, 200),
    ("team_start", "POST"):                (LOGIN, 404, 403, 403, 302, 302),
    ("analysis_mine", "POST"):             (LOGIN, 404, 403, 302, 302, 302),
    ("problems", "GET"):                   (LOGIN, 404, 403, 200, 200, 200),
    ("compare", "GET"):                    (LOGIN, 404, 403, 403, 200, 200),
    # The member's own draft: only its owner (and the site admin, a superuser) sees it.
    ("analysis_detail", "GET"):            (LOGIN, 404, 403, 200, 403, 200),
    ("analysis_edit", "POST"):             (LOGIN, 404, 403, 302, 403, 302),
    ("analysis_submit", "POST"):           (LOGIN, 404, 403, 302, 403, 302),
    # The member's submitted analysis (second project): its owner withdraws it.
    ("analysis_withdraw", "POST"):         (LOGIN, 404, 403, 302, 403, 302),
    # Merging: the leader.
    ("merge", "GET"):                      (LOGIN, 404, 403, 403, 200, 200),
    ("analysis_merge", "POST"):            (LOGIN, 404, 403, 403, 302, 302),
    ("factor_merge", "POST"):              (LOGIN, 404, 403, 403, 302, 302),
    ("complex_add", "POST"):               (LOGIN, 404, 403, 403, 302, 302),
    ("complex_edit", "GET"):               (LOGIN, 404, 403, 403, 200, 200),
    ("complex_edit", "POST"):              (LOGIN, 404, 403, 403, 302, 302),
    ("complex_delete", "POST"):            (LOGIN, 404, 403, 403, 302, 302),
    # Factors, links, evidence of the member's own draft: its owner.
    ("factor_add", "GET"):                 (LOGIN, 404, 403, 200, 403, 200),
    ("factor_add", "POST"):                (LOGIN, 404, 403, 302, 403, 302),
    ("factor_delete", "POST"):             (LOGIN, 404, 403, 302, 403, 302),
    ("evidence_remove", "POST"):           (LOGIN, 404, 403, 302, 403, 302),
    ("link_edit", "GET"):                  (LOGIN, 404, 403, 200, 403, 200),
    ("link_edit", "POST"):                 (LOGIN, 404, 403, 302, 403, 302),
    ("analysis_import", "GET"):            (LOGIN, 404, 403, 200, 403, 200),
    ("analysis_import", "POST"):           (LOGIN, 404, 403, 302, 403, 302),
    # … of the team analysis: the whole team reads it, the leader edits it and marks loops.
    ("factor_detail", "GET"):              (LOGIN, 404, 403, 200, 200, 200),
    ("factor_edit", "GET"):                (LOGIN, 404, 403, 403, 200, 200),
    ("factor_edit", "POST"):               (LOGIN, 404, 403, 403, 302, 302),
    ("evidence_add", "POST"):              (LOGIN, 404, 403, 403, 302, 302),
    ("link_add", "POST"):                  (LOGIN, 404, 403, 403, 302, 302),
    ("link_delete", "POST"):               (LOGIN, 404, 403, 403, 302, 302),
    ("link_loop", "POST"):                 (LOGIN, 404, 403, 403, 302, 302),
    ("analysis_export", "GET"):            (LOGIN, 404, 403, 200, 200, 200),
    ("fragment_citations", "GET"):         (LOGIN, 404, 403, 200, 200, 200),
}  # fmt: skip


def build_world(people) -> SimpleNamespace:
    project, leader, member = people.project, people.leader, people.member
    quotes = fragments(project)
    team = good_team(project, quotes.anonymous)
    housing = analysis_services.complex_add(actor=leader, analysis=team.analysis, name="Wonen")
    extra = factor_services.factor_add(
        actor=leader, analysis=team.analysis, statement="Hoge huren", kind=C
    )
    # The member's own draft, with a link and evidence.
    own = analysis_services.own_analysis_ensure(actor=member, project=project)
    mine = model(own, member, {"s": ("Wachtlijsten", S), "c": ("Weinig woningen", C)},
                 [("c", "s")])  # fmt: skip
    evidence = factor_services.evidence_add(actor=member, factor=mine["c"], fragment=quotes.none)
    # Another member's submitted analysis, for the leader to merge.
    anne = UserFactory(username="anne")
    Membership.objects.create(project=project, user=anne, role=Role.MEMBER)
    theirs = analysis_services.own_analysis_ensure(actor=anne, project=project)
    yours = model(theirs, anne, {"s": ("Onrust", S), "c": ("Weinig contact", C)}, [("c", "s")])
    analysis_services.analysis_submit(actor=anne, analysis=theirs)
    # A second project with the same people; the member's analysis there is submitted.
    second = ProjectFactory(leader=leader, name="Tweede wijk")
    Membership.objects.create(project=second, user=member, role=Role.MEMBER)
    Membership.objects.create(project=second, user=people.client, role=Role.CLIENT)
    submitted = analysis_services.own_analysis_ensure(actor=member, project=second)
    model(submitted, member, {"s": ("Iets", S)})
    analysis_services.analysis_submit(actor=member, analysis=submitted)
    return SimpleNamespace(
        project=project, second=second, quotes=quotes, team=team, housing=housing, extra=extra,
        own=own, mine=mine, evidence=evidence, theirs=theirs, yours=yours, submitted=submitted,
        own_link=CausalLink.objects.get(analysis=own),
        team_link=CausalLink.objects.get(analysis=team.analysis, source=team.cause),
    )  # fmt: skip


def in_project(**kwargs):
    return lambda w: {"project": w.project.pk, **{k: v(w) for k, v in kwargs.items()}}


def csv_upload(_w):
    return {
        "file": SimpleUploadedFile(
            "model.csv",
            b"regel;sleutel;stelling;soort;oorzaak;gevolg\nfactor;A;Nieuw symptoom;symptoom;;\n"
            b"factor;B;Nieuwe oorzaak;oorzaak;;\nverband;;;;B;A\n",
            content_type="text/csv",
        )
    }


REQUESTS = {
    "overview": Request(),
    "team_start": Request(),
    "analysis_mine": Request(),
    "problems": Request(),
    "compare": Request(),
    "analysis_detail": Request(kwargs=in_project(analysis=lambda w: w.own.pk)),
    "analysis_edit": Request(
        kwargs=in_project(analysis=lambda w: w.own.pk),
        data=lambda w: {"problem_statement": "Te weinig woningen voor iedereen"},
    ),
    "analysis_submit": Request(kwargs=in_project(analysis=lambda w: w.own.pk)),
    "analysis_withdraw": Request(
        kwargs=lambda w: {"project": w.second.pk, "analysis": w.submitted.pk}
    ),
    "merge": Request(),
    "analysis_merge": Request(kwargs=in_project(analysis=lambda w: w.theirs.pk)),
    "factor_merge": Request(
        kwargs=in_project(factor=lambda w: w.yours["c"].pk), data=lambda w: {"into": ""}
    ),
    "complex_add": Request(data=lambda w: {"complex-name": "Werk"}),
    "complex_edit": Request(
        kwargs=in_project(complex=lambda w: w.housing.pk),
        data=lambda w: {"name": "Huisvesting", "description": "Van opvang tot woning"},
    ),
    "complex_delete": Request(kwargs=in_project(complex=lambda w: w.housing.pk)),
    "factor_add": Request(
        kwargs=in_project(analysis=lambda w: w.own.pk),
        data=lambda w: {"factor-statement": "Weinig doorstroming", "factor-kind": "cause"},
    ),
    "factor_delete": Request(kwargs=in_project(factor=lambda w: w.mine["s"].pk)),
    "evidence_remove": Request(kwargs=in_project(evidence=lambda w: w.evidence.pk)),
    "link_edit": Request(
        kwargs=in_project(link=lambda w: w.own_link.pk),
        data=lambda w: {"polarity": "weakens", "confidence": "low", "rationale": "Minder"},
    ),
    "analysis_import": Request(kwargs=in_project(analysis=lambda w: w.own.pk), data=csv_upload),
    "factor_detail": Request(kwargs=in_project(factor=lambda w: w.team.root.pk)),
    "factor_edit": Request(
        kwargs=in_project(factor=lambda w: w.team.cause.pk),
        data=lambda w: {
            "factor-statement": "Te weinig sociale huurwoningen",
            "factor-kind": "cause",
            "factor-complex": w.housing.pk,
        },
    ),  # fmt: skip
    "evidence_add": Request(
        kwargs=in_project(factor=lambda w: w.team.cause.pk),
        data=lambda w: {"fragment": w.quotes.by_name.pk},
    ),
    "link_add": Request(
        kwargs=in_project(analysis=lambda w: w.team.analysis.pk),
        data=lambda w: {
            "link-source": w.extra.pk,
            "link-target": w.team.symptom.pk,
            "link-polarity": "strengthens",
            "link-confidence": "medium",
        },
    ),  # fmt: skip
    "link_delete": Request(kwargs=in_project(link=lambda w: w.team_link.pk)),
    "link_loop": Request(kwargs=in_project(link=lambda w: w.team_link.pk)),
    "analysis_export": Request(
        kwargs=in_project(analysis=lambda w: w.team.analysis.pk, fmt=lambda w: "csv")
    ),
    "fragment_citations": Request(kwargs=in_project(fragment=lambda w: w.quotes.anonymous.pk)),
}


class TestCausesMatrix(PermissionMatrix):
    namespace = "causes"
    expected = EXPECTED
    requests = REQUESTS
    # The team analysis exists already; the member has an own analysis already (the leader
    # and the admin get one made).
    unchanged_successes = frozenset({("team_start", "POST"), ("analysis_mine", "POST")})

    @classmethod
    def build(cls, people):
        return build_world(people)


def test_a_draft_of_another_member_is_hidden_even_by_a_direct_link(client_as, project):
    other = UserFactory(username="ander")
    Membership.objects.create(project=project, user=other, role=Role.MEMBER)
    theirs = analysis_services.own_analysis_ensure(actor=other, project=project)
    factor = model(theirs, other, {"a": ("Geheim", S)})["a"]
    browser = client_as("member")
    assert browser.get(f"/projects/{project.pk}/causes/factors/{factor.pk}/").status_code == 403
    export = f"/projects/{project.pk}/causes/analyses/{theirs.pk}/export.json"
    assert browser.get(export).status_code == 403


def test_a_client_reads_the_team_analysis_once_it_is_published_to_them(project, client_as):
    from documents.services.documents import (
        document_ensure,
        publish,
        version_create,
        version_render,
    )
    from processteps.causes.models import CausalFactor

    quotes = fragments(project)
    good = good_team(project, quotes.anonymous)
    factor_services.evidence_add(actor=project.leader, factor=good.root, fragment=quotes.none)
    overview = f"/projects/{project.pk}/causes/"
    root_page = f"/projects/{project.pk}/causes/factors/{good.root.pk}/"
    browser = client_as("client")
    assert browser.get(overview).status_code == 403
    assert browser.get(root_page).status_code == 403
    document = document_ensure(project.steps.get(key="causal_complexes"))
    version = version_create(actor=project.leader, document=document)
    version_render(version_id=version.pk)
    publish(actor=project.leader, version=version, audience="client")

    page = browser.get(overview)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Trage bouwprocedures" in html
    assert "Eigen analyses van teamleden" not in html and "export." not in html
    html = browser.get(root_page).content.decode()
    assert "De bouwprocedures duren jaren" in html  # anonymous consent: quoted
    assert "Ik zie de wachtlijst elke maand langer worden." not in html  # no consent
    assert "geciteerd door" not in html
    # Still none of the team's own work.
    own = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    theirs = CausalFactor.objects.create(analysis=own, statement="Eigen werk", kind=S)
    assert browser.get(f"/projects/{project.pk}/causes/factors/{theirs.pk}/").status_code == 403
    assert browser.get(f"/projects/{project.pk}/causes/merge/").status_code == 403
    assert browser.get(f"/projects/{project.pk}/causes/problems/").status_code == 403
