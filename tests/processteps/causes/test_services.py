"""Services of the causal complexes: own analyses (submit, withdraw), bad input of every kind
(nothing half-saved), merging with provenance (links follow, deduplicated), the audit trail."""

import pytest
from django.core.exceptions import ValidationError

from processteps.causes.apps import AUDIT_ACTIONS
from processteps.causes.models import (
    AnalysisStatus,
    CausalFactor,
    CausalLink,
    Evidence,
    FactorMerge,
)
from processteps.causes.selectors import team_analysis
from processteps.causes.services import analyses as analysis_services
from processteps.causes.services import factors as factor_services
from processteps.causes.services import merge as merge_services
from processteps.models import AuditEntry, Membership, Role
from processteps.services.audit import describe
from tests.factories import ProjectFactory, UserFactory

from .helpers import C, R, S, fragments, model

pytestmark = pytest.mark.django_db


@pytest.fixture
def quotes(project):
    return fragments(project)


@pytest.fixture
def own(project):
    return analysis_services.own_analysis_ensure(actor=project.member, project=project)


def counts():
    return (CausalFactor.objects.count(), CausalLink.objects.count(), Evidence.objects.count())


def test_an_own_analysis_is_made_once_and_submitted_and_withdrawn(project, own):
    assert analysis_services.own_analysis_ensure(actor=project.member, project=project) == own
    with pytest.raises(ValidationError, match="Een lege analyse"):
        analysis_services.analysis_submit(actor=project.member, analysis=own)
    model(own, project.member, {"a": ("Wachtlijsten", S)})
    analysis_services.analysis_submit(actor=project.member, analysis=own)
    own.refresh_from_db()
    assert own.status == AnalysisStatus.SUBMITTED and own.submitted_at
    with pytest.raises(ValidationError, match="Trek haar eerst terug"):
        factor_services.factor_add(actor=project.member, analysis=own, statement="B", kind=C)
    analysis_services.analysis_withdraw(actor=project.member, analysis=own)
    factor_services.factor_add(actor=project.member, analysis=own, statement="B", kind=C)


@pytest.mark.parametrize(
    "statement, message",
    [
        ("x" * 10000, "De stelling is te lang (10000 tekens, hoogstens 300)"),
        ("   ", "Geef de factor een korte stelling."),
    ],
)
def test_a_bad_statement_gets_a_dutch_error_and_saves_nothing(project, own, statement, message):
    before = counts()
    with pytest.raises(ValidationError) as error:
        factor_services.factor_add(actor=project.member, analysis=own, statement=statement, kind=S)
    assert message in error.value.message_dict["statement"][0]
    assert counts() == before
    factor = factor_services.factor_add(actor=project.member, analysis=own, statement="A", kind=S)
    with pytest.raises(ValidationError, match="te lang"):
        factor_services.factor_update(actor=project.member, factor=factor, statement="y" * 301)
    factor.refresh_from_db()
    assert factor.statement == "A"


def test_a_statement_with_html_is_kept_as_text(project, own):
    factor = factor_services.factor_add(
        actor=project.member, analysis=own, statement="<b>Wachtlijsten</b>", kind=S
    )
    assert factor.statement == "<b>Wachtlijsten</b>"


def test_links_refuse_self_links_duplicates_and_other_analyses_and_projects(project, own):
    factors = model(own, project.member, {"a": ("A", S), "b": ("B", C)}, [("b", "a")])
    before = counts()
    with pytest.raises(ValidationError, match="niet naar zichzelf"):
        factor_services.link_add(
            actor=project.member, analysis=own, source=factors["a"], target=factors["a"]
        )
    with pytest.raises(ValidationError, match="bestaat al"):
        factor_services.link_add(
            actor=project.member, analysis=own, source=factors["b"], target=factors["a"]
        )
    team = analysis_services.team_analysis_ensure(actor=project.leader, project=project)
    elsewhere = factor_services.factor_add(
        actor=project.leader, analysis=team, statement="In de teamanalyse", kind=C
    )
    with pytest.raises(ValidationError, match="staat in een andere analyse"):
        factor_services.link_add(
            actor=project.member, analysis=own, source=elsewhere, target=factors["a"]
        )
    other_project = ProjectFactory(leader=project.leader)
    far = analysis_services.team_analysis_ensure(actor=project.leader, project=other_project)
    stranger = factor_services.factor_add(
        actor=project.leader, analysis=far, statement="Ander project", kind=C
    )
    with pytest.raises(ValidationError, match="staat in een andere analyse"):
        factor_services.link_add(
            actor=project.member, analysis=own, source=factors["b"], target=stranger
        )
    assert counts() == (before[0] + 2, before[1], before[2])


def test_evidence_cites_a_fragment_of_this_project_once(project, own, quotes):
    factor = model(own, project.member, {"a": ("A", R)})["a"]
    factor_services.evidence_add(actor=project.member, factor=factor, fragment=quotes.none)
    with pytest.raises(ValidationError, match="al als bewijs geciteerd"):
        factor_services.evidence_add(actor=project.member, factor=factor, fragment=quotes.none)
    other = ProjectFactory(leader=project.leader)
    Membership.objects.create(project=other, user=project.member, role=Role.MEMBER)
    other.leader, other.member = project.leader, project.member
    foreign = fragments(other).by_name
    with pytest.raises(ValidationError, match="hoort bij een ander project"):
        factor_services.evidence_add(actor=project.member, factor=factor, fragment=foreign)
    assert factor.evidence.count() == 1


def test_only_a_team_link_is_marked_as_a_loop(project, own):
    factors = model(own, project.member, {"a": ("A", C), "b": ("B", C)}, [("a", "b")])
    link = CausalLink.objects.get(source=factors["a"])
    with pytest.raises(ValidationError, match="Alleen in de teamanalyse"):
        factor_services.link_mark_loop(actor=project.leader, link=link, loop=True)


# -- merging -----------------------------------------------------------------------------------


@pytest.fixture
def two_analysts(project, quotes):
    """Tim's and Anne's submitted analyses; both propose "Te weinig woningen" (Anne in other
    words of case and spacing) and the link to the symptom."""
    anne = UserFactory(username="anne", first_name="Anne", last_name="Ander")
    Membership.objects.create(project=project, user=anne, role=Role.MEMBER)
    tim = analysis_services.own_analysis_ensure(actor=project.member, project=project)
    theirs = analysis_services.own_analysis_ensure(actor=anne, project=project)
    mine = model(tim, project.member, {"s": ("Lange wachtlijsten", S),
                                       "c": ("Te weinig woningen", C),
                                       "r": ("Trage procedures", R)},
                 [("c", "s"), ("r", "c")])  # fmt: skip
    factor_services.evidence_add(actor=project.member, factor=mine["r"], fragment=quotes.by_name)
    yours = model(theirs, anne, {"s": ("Wachtlijsten voor woningen", S),
                                 "c": ("te  weinig WONINGEN", C)}, [("c", "s")])  # fmt: skip
    factor_services.evidence_add(actor=anne, factor=yours["c"], fragment=quotes.anonymous)
    for analysis, who in ((tim, project.member), (theirs, anne)):
        analysis_services.analysis_submit(actor=who, analysis=analysis)
    return tim, theirs, mine, yours, anne


def test_merging_maps_several_proposals_onto_one_factor_and_keeps_who_proposed_what(
    project, two_analysts
):
    tim, theirs, mine, yours, anne = two_analysts
    merge_services.analysis_merge_all(actor=project.leader, analysis=tim)
    team = team_analysis(project)
    assert team.factors.count() == 3 and team.links.count() == 2
    # Anne's symptom, in other words, is mapped by hand onto Tim's.
    canonical = team.factors.get(statement="Lange wachtlijsten")
    merge_services.factor_merge(actor=project.leader, source=yours["s"], into=canonical)
    result = merge_services.analysis_merge_all(actor=project.leader, analysis=theirs)
    assert (result.created, result.mapped, result.links) == (0, 1, 0)  # the link was there
    assert team.factors.count() == 3
    assert team.links.count() == 2
    houses = team.factors.get(statement="Te weinig woningen")
    proposals = FactorMerge.objects.filter(team_factor=houses).select_related("source_factor")
    assert {m.source_factor_id for m in proposals} == {mine["c"].pk, yours["c"].pk}
    assert {m.source_factor.analysis.owner for m in proposals} == {project.member, anne}
    assert all(m.merged_by == project.leader for m in proposals)
    # Evidence came along from both proposals.
    assert houses.evidence.count() == 1
    assert team.factors.get(statement="Trage procedures").evidence.count() == 1


def test_a_link_follows_when_both_ends_are_merged_and_never_becomes_a_self_link(
    project, two_analysts
):
    tim, _theirs, mine, _yours, _anne = two_analysts
    team_symptom = merge_services.factor_merge(actor=project.leader, source=mine["s"])
    team = team_analysis(project)
    assert team.links.count() == 0  # the other end is not merged yet
    merge_services.factor_merge(actor=project.leader, source=mine["c"], into=team_symptom)
    assert team.links.count() == 0  # both ends on one factor: no self-link
    merge_services.factor_merge(actor=project.leader, source=mine["r"])
    link = team.links.get()
    assert (link.source.statement, link.target.statement) == (
        "Trage procedures", "Lange wachtlijsten"
    )  # fmt: skip


def test_merging_refuses_drafts_doubles_and_wrong_targets(project, two_analysts, own=None):
    tim, theirs, mine, yours, anne = two_analysts
    analysis_services.analysis_withdraw(actor=anne, analysis=theirs)
    with pytest.raises(ValidationError, match="nog niet ingediend"):
        merge_services.factor_merge(actor=project.leader, source=yours["s"])
    with pytest.raises(ValidationError, match="ingediende eigen analyse"):
        merge_services.analysis_merge_all(actor=project.leader, analysis=theirs)
    merge_services.factor_merge(actor=project.leader, source=mine["s"])
    with pytest.raises(ValidationError, match="al samengevoegd"):
        merge_services.factor_merge(actor=project.leader, source=mine["s"])
    with pytest.raises(ValidationError, match="Kies een factor uit de teamanalyse"):
        merge_services.factor_merge(actor=project.leader, source=mine["c"], into=mine["r"])
    assert FactorMerge.objects.count() == 1


# -- audit -------------------------------------------------------------------------------------


def test_every_audit_action_is_recorded_and_reads_as_a_dutch_sentence(project, two_analysts):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from processteps.causes.services import io

    tim, theirs, mine, _yours, _anne = two_analysts
    analysis_services.analysis_withdraw(actor=project.member, analysis=tim)
    analysis_services.analysis_update(actor=project.member, analysis=tim, problem_statement="P")
    factor_services.factor_update(actor=project.member, factor=mine["s"], description="x")
    link = CausalLink.objects.get(source=mine["c"])
    factor_services.link_update(actor=project.member, link=link, rationale="Omdat")
    evidence = mine["r"].evidence.get()
    factor_services.evidence_remove(actor=project.member, evidence=evidence)
    factor_services.link_delete(actor=project.member, link=link)
    factor_services.factor_delete(actor=project.member, factor=mine["s"])
    analysis_services.analysis_submit(actor=project.member, analysis=tim)
    merge_services.factor_merge(actor=project.leader, source=mine["c"])
    merge_services.analysis_merge_all(actor=project.leader, analysis=theirs)
    team = team_analysis(project)
    housing = analysis_services.complex_add(actor=project.leader, analysis=team, name="Wonen")
    analysis_services.complex_update(actor=project.leader, complex_=housing, name="Huisvesting")
    analysis_services.complex_delete(actor=project.leader, complex_=housing)
    a, b = team.factors.all()[:2]
    loop = team.links.filter(source=a, target=b).first() or factor_services.link_add(
        actor=project.leader, analysis=team, source=a, target=b
    )
    factor_services.link_mark_loop(actor=project.leader, link=loop, loop=True)
    factor_services.link_mark_loop(actor=project.leader, link=loop, loop=False)
    upload = SimpleUploadedFile("m.csv", b"regel;sleutel;stelling;soort\nfactor;F1;Nieuw;symptoom\n"
)  # fmt: skip
    io.analysis_import(actor=project.leader, analysis=team, upload=upload)
    ours = AuditEntry.objects.filter(project=project, action__in=list(AUDIT_ACTIONS))
    assert set(ours.values_list("action", flat=True)) == set(AUDIT_ACTIONS)
    for entry in ours:
        sentence = describe(entry)
        assert "%(" not in sentence and sentence.strip()
