"""THE permission matrix of the goal tree (step 9): every view of the "goals" namespace against
every role.

Reading guide: ``LOGIN`` is a redirect to the login page; 404: the project is not shown to that
person; 403: their role may not do this; 200/302: success (never with an error message). A
client sees none of the team's work here, only the documents published to them.

The world: a project ("Leefbare wijk") with a causal complex, the team's tree derived from it
(a goal with a means, a cause, an indicator with a measurement and two options) and the team
member's own tree, submitted; a second project in which the same people work, with the member's
own tree still a draft (to submit and to derive into).
"""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from processteps.causes.models import CausalFactor, FactorKind
from processteps.goals.models import Goal, GoalCause, TreeStatus
from processteps.goals.services import derive as derive_services
from processteps.goals.services import indicators as indicator_services
from processteps.goals.services import trees as tree_services
from processteps.goals.services import weighing as weighing_services
from processteps.models import Membership, Role
from tests.factories import ProjectFactory
from tests.matrix import LOGIN, PermissionMatrix, Request

from .helpers import causal_complex, day

pytestmark = pytest.mark.django_db

#                                          anonymous outsider client member leader admin
EXPECTED = {
    ("overview", "GET"):                   (LOGIN, 404, 403, 200, 200, 200),
    ("team_start", "POST"):                (LOGIN, 404, 403, 403, 302, 302),
    # A member who has an own tree is taken to it (nothing to make); see unchanged_successes.
    ("tree_mine", "POST"):                 (LOGIN, 404, 403, 302, 302, 302),
    ("tree_detail", "GET"):                (LOGIN, 404, 403, 200, 200, 200),
    # The member's own draft tree (second project): its owner derives into it and submits it,
    # not the leader (the site admin, a superuser, may do anything).
    ("tree_derive", "POST"):               (LOGIN, 404, 403, 302, 403, 302),
    ("tree_submit", "POST"):               (LOGIN, 404, 403, 302, 403, 302),
    # The member's submitted tree: its owner withdraws it.
    ("tree_reopen", "POST"):               (LOGIN, 404, 403, 302, 403, 302),
    ("tree_adopt", "POST"):                (LOGIN, 404, 403, 403, 302, 302),
    # The team's tree: the leader edits it, the members draft their own.
    ("goal_add", "GET"):                   (LOGIN, 404, 403, 403, 200, 200),
    ("goal_add", "POST"):                  (LOGIN, 404, 403, 403, 302, 302),
    ("goal_detail", "GET"):                (LOGIN, 404, 403, 200, 200, 200),
    ("goal_edit", "GET"):                  (LOGIN, 404, 403, 403, 200, 200),
    ("goal_edit", "POST"):                 (LOGIN, 404, 403, 403, 302, 302),
    ("goal_delete", "POST"):               (LOGIN, 404, 403, 403, 302, 302),
    ("goal_cause_add", "POST"):            (LOGIN, 404, 403, 403, 302, 302),
    ("goal_cause_remove", "POST"):         (LOGIN, 404, 403, 403, 302, 302),
    ("means_add", "POST"):                 (LOGIN, 404, 403, 403, 302, 302),
    ("means_edit", "GET"):                 (LOGIN, 404, 403, 403, 200, 200),
    ("means_edit", "POST"):                (LOGIN, 404, 403, 403, 302, 302),
    ("means_delete", "POST"):              (LOGIN, 404, 403, 403, 302, 302),
    ("merge", "GET"):                      (LOGIN, 404, 403, 403, 200, 200),
    ("tree_merge", "POST"):                (LOGIN, 404, 403, 403, 302, 302),
    ("goal_merge", "POST"):                (LOGIN, 404, 403, 403, 302, 302),
    # Indicators: the leader defines them, the whole team collects the data.
    ("indicator_list", "GET"):             (LOGIN, 404, 403, 200, 200, 200),
    ("indicator_add", "GET"):              (LOGIN, 404, 403, 403, 200, 200),
    ("indicator_add", "POST"):             (LOGIN, 404, 403, 403, 302, 302),
    ("indicator_detail", "GET"):           (LOGIN, 404, 403, 200, 200, 200),
    ("indicator_edit", "GET"):             (LOGIN, 404, 403, 403, 200, 200),
    ("indicator_edit", "POST"):            (LOGIN, 404, 403, 403, 302, 302),
    ("indicator_delete", "POST"):          (LOGIN, 404, 403, 403, 302, 302),
    ("measurement_add", "POST"):           (LOGIN, 404, 403, 302, 302, 302),
    ("measurement_delete", "POST"):        (LOGIN, 404, 403, 302, 302, 302),
    ("measurement_import", "GET"):         (LOGIN, 404, 403, 200, 200, 200),
    ("measurement_import", "POST"):        (LOGIN, 404, 403, 302, 302, 302),
    ("measurement_template", "GET"):       (LOGIN, 404, 403, 200, 200, 200),
    ("measurement_export", "GET"):         (LOGIN, 404, 403, 200, 200, 200),
    ("indicator_export", "GET"):           (LOGIN, 404, 403, 200, 200, 200),
    # The political weighing: the leader.
    ("option_add", "POST"):                (LOGIN, 404, 403, 403, 302, 302),
    ("option_edit", "GET"):                (LOGIN, 404, 403, 403, 200, 200),
    ("option_edit", "POST"):               (LOGIN, 404, 403, 403, 302, 302),
    ("option_delete", "POST"):             (LOGIN, 404, 403, 403, 302, 302),
    ("option_prefer", "POST"):             (LOGIN, 404, 403, 403, 302, 302),
    ("decision_edit", "GET"):              (LOGIN, 404, 403, 403, 200, 200),
    ("decision_edit", "POST"):             (LOGIN, 404, 403, 403, 302, 302),
}  # fmt: skip


def build_world(people) -> SimpleNamespace:
    project, leader, member = people.project, people.leader, people.member
    cc = causal_complex(project)
    team = tree_services.team_tree_ensure(actor=leader, project=project)
    derive_services.tree_derive(actor=leader, tree=team)
    # A root cause the team tree does not remove yet: deriving again has work to do.
    CausalFactor.objects.create(
        analysis=cc.analysis, statement="Hoge bouwkosten", kind=FactorKind.ROOT_CAUSE
    )
    goal = Goal.objects.get(tree=team, cause_links__cause=cc.cause)
    means = tree_services.means_add(actor=leader, goal=goal, description="Flexwoningen")
    indicator = indicator_services.indicator_add(
        actor=leader, project=project, goal=goal, name="Gehuisveste statushouders",
        unit="personen", baseline_value="40", baseline_date=day("2023-10-01"),
        target_value="320", target_date=day("2025-12-31"),
    )  # fmt: skip
    measurement = indicator_services.measurement_add(
        actor=leader, indicator=indicator, measured_on=day("2024-01-01"), value="58"
    )
    preferred = weighing_services.option_add(
        actor=leader, goal=goal, title="Flexwoningen", is_preferred=True
    )
    other = weighing_services.option_add(actor=leader, goal=goal, title="Alleen nieuwbouw")
    # The member's own tree, derived and submitted.
    own = tree_services.own_tree_ensure(actor=member, project=project)
    derive_services.tree_derive(actor=member, tree=own)
    tree_services.tree_submit(actor=member, tree=own)
    # A second project with the same people; the member's own tree there is a draft.
    second = ProjectFactory(leader=leader, name="Tweede wijk")
    Membership.objects.create(project=second, user=member, role=Role.MEMBER)
    Membership.objects.create(project=second, user=people.client, role=Role.CLIENT)
    causal_complex(second)
    draft = tree_services.own_tree_ensure(actor=member, project=second)
    tree_services.goal_add(actor=member, tree=draft, statement="Mijn eerste doel")
    return SimpleNamespace(
        project=project, team=team, goal=goal, means=means, link=goal.cause_links.get(),
        trust=cc.trust, indicator=indicator, measurement=measurement, preferred=preferred,
        other=other, own=own, own_goal=own.goals.order_by("level", "id").first(),
        second=second, draft=draft,
    )  # fmt: skip


def project_kw(w):
    return {"project": w.project.pk}


def kw(**names):
    """URL arguments: the project and named objects of the world (``goal="goal"``)."""
    return lambda w: {"project": w.project.pk, **{k: getattr(w, v).pk for k, v in names.items()}}


def draft_kw(w):
    return {"project": w.second.pk, "tree": w.draft.pk}


def goal_payload(w):
    return {"statement": "Genoeg betaalbare woningen", "description": "", "level": "1",
            "parent": w.goal.parent_id, "domain": "wonen", "horizon": ""}  # fmt: skip


def indicator_payload(w):
    return {"name": "Wachttijd", "unit": "maanden", "baseline_value": "30",
            "baseline_date": "2024-01-01", "target_value": "12", "target_date": "2026-01-01",
            "definition": "", "source": "", "method": "", "frequency": "yearly",
            "measured_by": ""}  # fmt: skip


def upload(w):
    content = b"indicator;datum;waarde\nGehuisveste statushouders;2024-04-01;81\n"
    return {"file": SimpleUploadedFile("metingen.csv", content, content_type="text/csv")}


REQUESTS = {
    "overview": Request(project_kw),
    "team_start": Request(project_kw),
    "tree_mine": Request(project_kw),
    "tree_detail": Request(kw(tree="own")),
    "tree_derive": Request(draft_kw),
    "tree_submit": Request(draft_kw),
    "tree_reopen": Request(kw(tree="own")),
    "tree_adopt": Request(kw(tree="team")),
    "goal_add": Request(kw(tree="team"), goal_payload),
    "goal_detail": Request(kw(goal="goal")),
    "goal_edit": Request(
        kw(goal="goal"),
        lambda w: {**goal_payload(w), "statement": "Er zijn genoeg betaalbare woningen"},
    ),
    "goal_delete": Request(kw(goal="goal")),
    "goal_cause_add": Request(kw(goal="goal"), lambda w: {"cause": w.trust.pk}),
    "goal_cause_remove": Request(kw(goal="goal", link="link")),
    "means_add": Request(
        kw(goal="goal"), lambda w: {"means-description": "Subsidie", "means-details": ""}
    ),
    "means_edit": Request(
        kw(means="means"), lambda w: {"description": "Flexwoningen op vrije kavels"}
    ),
    "means_delete": Request(kw(means="means")),
    "merge": Request(project_kw),
    "tree_merge": Request(kw(tree="own")),
    "goal_merge": Request(kw(goal="own_goal"), lambda w: {"into": ""}),
    "indicator_list": Request(project_kw),
    "indicator_add": Request(kw(goal="goal"), indicator_payload),
    "indicator_detail": Request(kw(indicator="indicator")),
    "indicator_edit": Request(
        kw(indicator="indicator"),
        lambda w: {**indicator_payload(w), "name": "Gehuisveste statushouders", "unit": "personen"},
    ),  # fmt: skip
    "indicator_delete": Request(kw(indicator="indicator")),
    "measurement_add": Request(
        kw(indicator="indicator"),
        lambda w: {"measured_on": "2024-04-01", "value": "81 personen", "note": ""},
    ),
    "measurement_delete": Request(kw(measurement="measurement")),
    "measurement_import": Request(project_kw, upload),
    "measurement_template": Request(project_kw),
    "measurement_export": Request(project_kw),
    "indicator_export": Request(project_kw),
    "option_add": Request(
        kw(goal="goal"),
        lambda w: {"option-title": "Woningdelen", "option-consequences": "Weinig plaatsen"},
    ),
    "option_edit": Request(
        kw(option="other"), lambda w: {"title": "Alleen nieuwbouw", "consequences": "Traag"}
    ),
    "option_delete": Request(kw(option="other")),
    "option_prefer": Request(kw(option="other")),
    "decision_edit": Request(
        kw(goal="goal"),
        lambda w: {
            "body": "council",
            "body_name": "Gemeenteraad",
            "reference": "RB 2024-031",
            "decided_on": "2024-05-23",
            "outcome": "adopted",
            "chosen_option": w.preferred.pk,
            "notes": "",
        },
    ),  # fmt: skip
}


class TestGoalsMatrix(PermissionMatrix):
    namespace = "goals"
    expected = EXPECTED
    requests = REQUESTS
    # The member who already has an own tree is taken to it: a success that makes nothing.
    unchanged_successes = frozenset({("tree_mine", "POST")})

    @classmethod
    def build(cls, people):
        return build_world(people)


@pytest.fixture
def world(project):
    return build_world(SimpleNamespace(project=project, leader=project.leader,
                                       member=project.member, client=project.client))  # fmt: skip


def test_a_refused_change_leaves_the_tree_as_it_was(world, client_as):
    """A member posting to the team's tree gets 403 and the tree does not change."""
    before = list(Goal.objects.values_list("pk", "statement", "parent_id", "level"))
    url = reverse("goals:goal_edit", kwargs={"project": world.project.pk, "goal": world.goal.pk})
    response = client_as("member").post(url, {"statement": "Gekaapt", "level": "1"})
    assert response.status_code == 403
    assert list(Goal.objects.values_list("pk", "statement", "parent_id", "level")) == before


def test_an_id_from_another_project_is_not_found(world, client_as):
    """The second project's tree, reached through the first project's URL: 404."""
    url = reverse("goals:tree_detail", kwargs={"project": world.project.pk, "tree": world.draft.pk})
    assert client_as("leader").get(url).status_code == 404
    url = reverse(
        "goals:goal_cause_remove",
        kwargs={"project": world.second.pk, "goal": world.goal.pk, "link": world.link.pk},
    )
    assert client_as("leader").post(url).status_code == 404
    assert GoalCause.objects.filter(pk=world.link.pk).exists()


def test_a_new_member_starts_an_own_tree(world, client_as):
    from processteps.goals.models import GoalTree

    url = reverse("goals:tree_mine", kwargs={"project": world.project.pk})
    response = client_as("leader").post(url)
    tree = GoalTree.objects.get(project=world.project, owner=world.project.leader)
    assert response["Location"] == reverse(
        "goals:tree_detail", kwargs={"project": world.project.pk, "tree": tree.pk}
    )
    assert tree.status == TreeStatus.DRAFT
