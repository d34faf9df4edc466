"""Services: the rules of the process, the audit trail they leave and the mail they send."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from processteps.models import (
    AuditEntry,
    Decision,
    Membership,
    Role,
    StepStatus,
    Task,
    TaskStatus,
)
from processteps.services import members as member_services
from processteps.services import projects as project_services
from processteps.services import sources as source_services
from processteps.services import steps as step_services
from processteps.services import tasks as task_services
from processteps.services.audit import ACTIONS, audit_record
from processteps.tasks import send_invitation, send_task_assignment
from tests.factories import (
    DataSourceFactory,
    MembershipFactory,
    ProjectFactory,
    TaskFactory,
    TeamAgreementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def step(project, number=1):
    return project.steps.get(number=number)


def messages(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


def tick_all(step_, actor):
    for item in step_.checklist_items.all():
        step_services.checklist_set(actor=actor, item=item, done=True)


def make_ready(step_, actor):
    """Every checklist item ticked and the uncertainty judged reduced."""
    tick_all(step_, actor)
    step_services.uncertainty_judge(
        actor=actor, step=step_, status="reduced", justification="Besproken in het team."
    )


def last_entry(project) -> AuditEntry:
    return project.audit_entries.order_by("-id").first()


# --- completing a step ----------------------------------------------------------------------


def test_a_step_with_open_checklist_items_cannot_be_completed(project, leader):
    first = step(project)
    step_services.uncertainty_judge(
        actor=leader, step=first, status="reduced", justification="Helder."
    )

    with pytest.raises(ValidationError) as exc:
        step_services.step_complete(actor=leader, step=first)

    assert "4 checklistpunt(en) nog niet afgevinkt." in messages(exc)
    assert "Vul een reden in om de stap toch af te ronden." in messages(exc)
    first.refresh_from_db()
    assert first.status == StepStatus.NOT_STARTED
    assert first.completed_at is None


def test_a_step_whose_uncertainty_is_not_reduced_cannot_be_completed(project, leader):
    first = step(project)
    tick_all(first, leader)
    step_services.uncertainty_judge(
        actor=leader, step=first, status="partly", justification="Deels."
    )

    with pytest.raises(ValidationError) as exc:
        step_services.step_complete(actor=leader, step=first)

    assert "De onzekerheid is nog niet als gereduceerd beoordeeld." in messages(exc)
    assert "checklistpunt" not in messages(exc)
    first.refresh_from_db()
    assert first.status == StepStatus.NOT_STARTED


def test_a_step_with_full_checklist_and_reduced_uncertainty_completes(project, leader):
    first = step(project)
    make_ready(first, leader)

    done = step_services.step_complete(actor=leader, step=first)

    done.refresh_from_db()
    assert done.status == StepStatus.COMPLETED
    assert done.completed_by == leader
    assert done.completed_at is not None
    assert done.actual_end == timezone.localdate()
    assert done.completion_override_reason == ""
    assert last_entry(project).action == "step.completed"


def test_an_override_reason_completes_a_step_and_is_shown(project, leader, client_as):
    first = step(project)

    step_services.step_complete(
        actor=leader, step=first, override_reason="  Training volgt in stap 3.  "
    )

    first.refresh_from_db()
    assert first.status == StepStatus.COMPLETED
    assert first.completion_override_reason == "Training volgt in stap 3."
    entry = last_entry(project)
    assert entry.action == "step.completed_override"
    assert entry.data == {"reason": "Training volgt in stap 3."}
    page = client_as("client").get(first.get_absolute_url())
    assert "Afgerond zonder volledige checklist of reductie" in page.content.decode()
    assert "Training volgt in stap 3." in page.content.decode()


def test_an_override_reason_is_not_kept_when_nothing_blocked(project, leader):
    first = step(project)
    make_ready(first, leader)
    step_services.step_complete(actor=leader, step=first, override_reason="Voor de zekerheid")
    first.refresh_from_db()
    assert first.completion_override_reason == ""
    assert last_entry(project).action == "step.completed"


def test_a_closed_step_cannot_be_completed_again(project, leader):
    first = step(project)
    step_services.step_complete(actor=leader, step=first, override_reason="Klaar")
    with pytest.raises(ValidationError, match="al afgesloten"):
        step_services.step_complete(actor=leader, step=first, override_reason="Nog eens")


# --- status transitions -----------------------------------------------------------------------


def test_starting_a_step(project, leader):
    second = step(project, 2)
    step_services.step_start(actor=leader, step=second)
    second.refresh_from_db()
    assert second.status == StepStatus.IN_PROGRESS
    assert second.actual_start == timezone.localdate()
    entry = last_entry(project)
    assert (entry.action, entry.data) == ("step.status", {"status": "in_progress"})

    with pytest.raises(ValidationError, match="Alleen een stap die nog niet gestart is"):
        step_services.step_start(actor=leader, step=second)


def test_skipping_needs_a_reason(project, leader):
    second = step(project, 2)
    with pytest.raises(ValidationError) as exc:
        step_services.step_skip(actor=leader, step=second, reason="   ")
    assert "Geef een reden om de stap niet te doen." in messages(exc)
    second.refresh_from_db()
    assert second.status == StepStatus.NOT_STARTED
    assert not project.audit_entries.filter(action="step.skipped").exists()


def test_skipping_keeps_and_shows_the_reason(project, leader, client_as):
    second = step(project, 2)
    step_services.step_skip(actor=leader, step=second, reason="Sleutelfiguren zijn al bekend.")
    second.refresh_from_db()
    assert second.status == StepStatus.SKIPPED
    assert second.skip_reason == "Sleutelfiguren zijn al bekend."
    page = client_as("member").get(second.get_absolute_url()).content.decode()
    assert "Besloten deze stap niet te doen." in page
    assert "Sleutelfiguren zijn al bekend." in page


def test_a_completed_step_cannot_be_skipped(project, leader):
    first = step(project)
    step_services.step_complete(actor=leader, step=first, override_reason="Klaar")
    with pytest.raises(ValidationError, match="kan niet meer worden overgeslagen"):
        step_services.step_skip(actor=leader, step=first, reason="Toch niet")


def test_reopening_clears_the_completion(project, leader):
    first = step(project)
    step_services.step_complete(actor=leader, step=first, override_reason="Haast")

    step_services.step_reopen(actor=leader, step=first)

    first.refresh_from_db()
    assert first.status == StepStatus.IN_PROGRESS
    assert first.completed_by is None
    assert first.completed_at is None
    assert first.actual_end is None
    assert first.completion_override_reason == ""
    assert last_entry(project).action == "step.reopened"


def test_reopening_a_skipped_step_clears_the_reason(project, leader):
    second = step(project, 2)
    step_services.step_skip(actor=leader, step=second, reason="Niet nodig")
    step_services.step_reopen(actor=leader, step=second)
    second.refresh_from_db()
    assert (second.status, second.skip_reason) == (StepStatus.IN_PROGRESS, "")


def test_only_a_closed_step_can_be_reopened(project, leader):
    with pytest.raises(ValidationError, match="Alleen een afgesloten stap"):
        step_services.step_reopen(actor=leader, step=step(project))


def test_a_pending_decision_blocks_starting_and_completing(project, leader):
    sixth = step(project, 6)
    step_services.step_decide(actor=leader, step=sixth, decision=Decision.PENDING)

    with pytest.raises(ValidationError, match="Besluit eerst of deze stap wordt uitgevoerd"):
        step_services.step_start(actor=leader, step=sixth)
    with pytest.raises(ValidationError, match="Besluit eerst of deze stap wordt uitgevoerd"):
        step_services.step_complete(actor=leader, step=sixth, override_reason="Toch")
    sixth.refresh_from_db()
    assert sixth.status == StepStatus.NOT_STARTED


def test_deciding_go_needs_the_form_and_reopens_waiting_tasks(project, leader):
    sixth = step(project, 6)
    step_services.step_decide(actor=leader, step=sixth, decision=Decision.PENDING)
    waiting = TaskFactory(project=project, step=sixth, status=TaskStatus.DECISION_PENDING)
    other = TaskFactory(project=project, step=step(project, 7), status="decision_pending")

    with pytest.raises(ValidationError) as exc:
        step_services.step_decide(actor=leader, step=sixth, decision=Decision.GO, form=" ")
    assert "Beschrijf in welke vorm de stap wordt uitgevoerd." in messages(exc)
    waiting.refresh_from_db()
    assert waiting.status == TaskStatus.DECISION_PENDING

    step_services.step_decide(
        actor=leader, step=sixth, decision=Decision.GO, form="Twee online expertmeetings"
    )

    sixth.refresh_from_db()
    assert sixth.decision == Decision.GO
    assert sixth.decision_form == "Twee online expertmeetings"
    assert sixth.decision_by == leader
    assert sixth.decision_at is not None
    waiting.refresh_from_db()
    other.refresh_from_db()
    assert waiting.status == TaskStatus.OPEN
    assert other.status == TaskStatus.DECISION_PENDING  # another step's task waits on
    step_services.step_start(actor=leader, step=sixth)  # the decision no longer blocks


def test_deciding_no_go_needs_a_reason_skips_the_step_and_cancels_waiting_tasks(project, leader):
    sixth = step(project, 6)
    step_services.step_decide(actor=leader, step=sixth, decision=Decision.PENDING)
    waiting = TaskFactory(project=project, step=sixth, status=TaskStatus.DECISION_PENDING)
    open_task = TaskFactory(project=project, step=sixth, status=TaskStatus.OPEN)

    with pytest.raises(ValidationError) as exc:
        step_services.step_decide(actor=leader, step=sixth, decision=Decision.NO_GO)
    assert "Geef een reden om de stap niet uit te voeren." in messages(exc)

    step_services.step_decide(
        actor=leader, step=sixth, decision=Decision.NO_GO, reason="Experts zijn al gehoord."
    )

    sixth.refresh_from_db()
    assert (sixth.decision, sixth.status) == (Decision.NO_GO, StepStatus.SKIPPED)
    assert sixth.skip_reason == "Experts zijn al gehoord."
    waiting.refresh_from_db()
    open_task.refresh_from_db()
    assert waiting.status == TaskStatus.CANCELLED
    assert open_task.status == TaskStatus.OPEN


def test_deciding_go_after_no_go_brings_the_step_back(project, leader):
    sixth = step(project, 6)
    step_services.step_decide(actor=leader, step=sixth, decision=Decision.NO_GO, reason="Nee")
    step_services.step_decide(actor=leader, step=sixth, decision=Decision.GO, form="Toch wel")
    sixth.refresh_from_db()
    assert (sixth.status, sixth.skip_reason) == (StepStatus.NOT_STARTED, "")


def test_nothing_is_decided_about_a_completed_step(project, leader):
    first = step(project)
    step_services.step_complete(actor=leader, step=first, override_reason="Klaar")
    with pytest.raises(ValidationError, match="afgeronde stap valt niets meer te besluiten"):
        step_services.step_decide(actor=leader, step=first, decision=Decision.PENDING)


def test_skipping_a_step_awaiting_a_decision_cancels_its_waiting_tasks(project, leader):
    # Regression (BUG found by this suite, since fixed): step_skip turned a pending decision
    # into NO_GO but left the step's "decision_pending" tasks waiting in everyone's lists.
    sixth = step(project, 6)
    step_services.step_decide(actor=leader, step=sixth, decision=Decision.PENDING)
    waiting = TaskFactory(project=project, step=sixth, status=TaskStatus.DECISION_PENDING)

    step_services.step_skip(actor=leader, step=sixth, reason="Geen tijd voor expertmeetings")

    sixth.refresh_from_db()
    assert sixth.decision == Decision.NO_GO
    waiting.refresh_from_db()
    assert waiting.status == TaskStatus.CANCELLED


# --- uncertainty and checklist ------------------------------------------------------------------


@pytest.mark.parametrize("status", ["partly", "reduced"])
def test_judging_uncertainty_needs_a_justification(project, leader, status):
    first = step(project)
    with pytest.raises(ValidationError) as exc:
        step_services.uncertainty_judge(actor=leader, step=first, status=status, justification="")
    assert "Onderbouw het oordeel kort." in messages(exc)
    first.refresh_from_db()
    assert first.uncertainty_status == "open"
    assert first.uncertainty_judged_by is None


def test_judging_uncertainty_records_who_and_when(project, leader, member):
    first = step(project)
    before = timezone.now()
    step_services.uncertainty_judge(
        actor=leader, step=first, status="reduced", justification="Team en middelen rond."
    )
    first.refresh_from_db()
    assert first.uncertainty_status == "reduced"
    assert first.uncertainty_justification == "Team en middelen rond."
    assert first.uncertainty_judged_by == leader
    assert first.uncertainty_judged_at >= before

    # "Open" needs no justification.
    step_services.uncertainty_judge(actor=member, step=first, status="open", justification="")
    first.refresh_from_db()
    assert (first.uncertainty_status, first.uncertainty_judged_by) == ("open", member)


def test_an_invalid_uncertainty_status_is_refused(project, leader):
    with pytest.raises(ValidationError, match="Kies een geldige status"):
        step_services.uncertainty_judge(
            actor=leader, step=step(project), status="gone", justification="x"
        )


def test_ticking_records_who_and_when_and_unticking_clears(project, member):
    item = step(project, 2).checklist_items.get(text="NAW-gegevens")

    step_services.checklist_set(actor=member, item=item, done=True)
    item.refresh_from_db()
    assert item.is_done
    assert item.done_by == member
    assert item.done_at is not None

    step_services.checklist_set(actor=member, item=item, done=False)
    item.refresh_from_db()
    assert (item.is_done, item.done_by, item.done_at) == (False, None, None)
    actions = list(project.audit_entries.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["checklist.ticked", "checklist.unticked"]


def test_ticking_a_ticked_item_again_changes_nothing(project, leader, member):
    item = step(project).checklist_items.first()
    step_services.checklist_set(actor=leader, item=item, done=True)
    entries = AuditEntry.objects.count()
    step_services.checklist_set(actor=member, item=item, done=True)
    item.refresh_from_db()
    assert item.done_by == leader
    assert AuditEntry.objects.count() == entries


def test_a_checklist_item_needs_text(project, leader):
    with pytest.raises(ValidationError, match="Een checklistpunt heeft tekst nodig"):
        step_services.checklist_add(actor=leader, step=step(project), text="  ")


# --- the audit trail --------------------------------------------------------------------------


def _ready_step(p, number=1):
    make_ready(step(p, number), p.leader)
    return step(p, number)


AUDITED = {
    "project.changed": (
        lambda p: project_services.project_update(
            actor=p.leader, project=p, description="Nieuwe beschrijving"
        ),
        "wijzigde de projectgegevens",
    ),
    "member.added": (
        lambda p: member_services.member_add(
            actor=p.leader, project=p, email=UserFactory(username="bas").email, role="member"
        ),
        "voegde bas toe als Teamlid",
    ),
    "member.invited": (
        lambda p: member_services.member_add(
            actor=p.leader, project=p, email="nieuw@example.org", role="client"
        ),
        "nodigde nieuw uit als Opdrachtgever",
    ),
    "member.role_changed": (
        lambda p: member_services.member_set_role(
            actor=p.leader, membership=p.memberships.get(user=p.member), role="client"
        ),
        "wijzigde de rol van teamlid in Opdrachtgever",
    ),
    "member.removed": (
        lambda p: member_services.member_remove(
            actor=p.leader, membership=p.memberships.get(user=p.member)
        ),
        "verwijderde teamlid uit het project",
    ),
    "member.commitment": (
        lambda p: member_services.commitment_set(
            actor=p.member, membership=p.memberships.get(user=p.member), commitment="4 uur"
        ),
        "legde de eigen inzet vast: 4 uur",
    ),
    "agreement.added": (
        lambda p: project_services.agreement_add(
            actor=p.leader, project=p, text="Afspraak = afspraak"
        ),
        "voegde de afspraak 'Afspraak = afspraak' toe",
    ),
    "agreement.removed": (
        lambda p: project_services.agreement_remove(
            actor=p.leader, agreement=TeamAgreementFactory(project=p, text="Op tijd")
        ),
        "verwijderde de afspraak 'Op tijd'",
    ),
    "step.changed": (
        lambda p: step_services.step_update(
            actor=p.leader, step=step(p), planned_start=datetime.date(2024, 1, 1)
        ),
        "wijzigde stap 1. Starten van het proces",
    ),
    "step.status": (
        lambda p: step_services.step_start(actor=p.leader, step=step(p)),
        "zette stap 1. Starten van het proces op 'Bezig'",
    ),
    "step.completed": (
        lambda p: step_services.step_complete(actor=p.leader, step=_ready_step(p)),
        "rondde stap 1. Starten van het proces af",
    ),
    "step.completed_override": (
        lambda p: step_services.step_complete(
            actor=p.leader, step=step(p), override_reason="Geen budget nodig"
        ),
        "rondde stap 1. Starten van het proces af met de reden: Geen budget nodig",
    ),
    "step.skipped": (
        lambda p: step_services.step_skip(actor=p.leader, step=step(p, 7), reason="Geen tijd"),
        "besloot stap 7. Organiseren van burgerdialogen niet te doen: Geen tijd",
    ),
    "step.reopened": (
        lambda p: step_services.step_reopen(
            actor=p.leader,
            step=step_services.step_skip(actor=p.leader, step=step(p, 7), reason="Nee"),
        ),
        "heropende stap 7. Organiseren van burgerdialogen",
    ),
    "step.decision": (
        lambda p: step_services.step_decide(
            actor=p.leader, step=step(p, 6), decision="go", form="Online"
        ),
        "besloot over stap 6. Organiseren van expertmeetings: Wordt uitgevoerd",
    ),
    "step.uncertainty": (
        lambda p: step_services.uncertainty_judge(
            actor=p.leader, step=step(p), status="partly", justification="Half"
        ),
        "beoordeelde de onzekerheid van stap 1. Starten van het proces als 'Deels gereduceerd'",
    ),
    "checklist.ticked": (
        lambda p: step_services.checklist_set(
            actor=p.leader, item=step(p).checklist_items.get(text="Dekking"), done=True
        ),
        "vinkte 'Dekking' af",
    ),
    "checklist.unticked": (
        lambda p: step_services.checklist_set(
            actor=p.leader,
            item=step_services.checklist_set(
                actor=p.leader, item=step(p).checklist_items.get(text="Dekking"), done=True
            ),
            done=False,
        ),
        "zette het vinkje bij 'Dekking' uit",
    ),
    "checklist.added": (
        lambda p: step_services.checklist_add(
            actor=p.leader, step=step(p), text="Zaal gereserveerd"
        ),
        "voegde checklistpunt 'Zaal gereserveerd' toe",
    ),
    "checklist.removed": (
        lambda p: step_services.checklist_remove(
            actor=p.leader, item=step(p).checklist_items.get(text="Training")
        ),
        "verwijderde checklistpunt 'Training'",
    ),
    "task.created": (
        lambda p: task_services.task_create(actor=p.leader, project=p, title="Website bouwen"),
        "maakte de taak 'Website bouwen' aan",
    ),
    "task.changed": (
        lambda p: task_services.task_update(
            actor=p.leader, task=TaskFactory(project=p, title="Bellen"), notes="Na 17 uur"
        ),
        "wijzigde de taak 'Bellen'",
    ),
    "task.status": (
        lambda p: task_services.task_update(
            actor=p.member, task=TaskFactory(project=p, title="Bellen"), status="done"
        ),
        "zette de taak 'Bellen' op 'Klaar'",
    ),
    "task.deleted": (
        lambda p: task_services.task_delete(
            actor=p.leader, task=TaskFactory(project=p, title="Bellen")
        ),
        "verwijderde de taak 'Bellen'",
    ),
    "source.added": (
        lambda p: source_services.source_add(
            actor=p.member, step=step(p), title="CBS-cijfers", kind="link", url="https://cbs.nl"
        ),
        "voegde de bron 'CBS-cijfers' toe",
    ),
    "source.deleted": (
        lambda p: source_services.source_delete(
            actor=p.leader, source=DataSourceFactory(step=step(p), title="Oude bron")
        ),
        "verwijderde de bron 'Oude bron'",
    ),
}

DONE_BY_THE_MEMBER = {"member.commitment", "task.status", "source.added"}


def test_every_processteps_action_is_covered_here():
    # The step tools' actions (registered with their tools) are covered by their own tests.
    from processteps.registry import tools

    tool_actions = {action for tool in tools() for action in tool.audit_actions}
    processteps_actions = {
        a for a in ACTIONS if not a.startswith("document.") and a not in tool_actions
    }
    assert processteps_actions - {"project.created"} == set(AUDITED)


@pytest.mark.parametrize("action", sorted(AUDITED))
def test_each_change_leaves_an_audit_entry_that_reads_as_a_dutch_sentence(project, action):
    act, sentence = AUDITED[action]
    actor = project.member if action in DONE_BY_THE_MEMBER else project.leader

    act(project)

    entry = last_entry(project)
    assert entry.action == action
    assert entry.actor == actor
    assert entry.message == sentence


def test_project_creation_is_audited(project):
    entry = project.audit_entries.order_by("id").first()
    assert (entry.action, entry.actor) == ("project.created", project.leader)
    assert entry.message == "maakte het project Leefbare wijk aan"


def test_the_activity_page_shows_who_did_what(project, leader, client_as):
    step_services.step_start(actor=leader, step=step(project))
    page = client_as("client").get(reverse("processteps:activity", args=[project.pk]))
    assert "Lotte Leider" in page.content.decode()
    assert "zette stap 1. Starten van het proces op &#x27;Bezig&#x27;" in page.content.decode()


def test_an_unknown_audit_action_is_refused(project, leader):
    with pytest.raises(ValueError):
        audit_record(actor=leader, project=project, action="step.exploded", target=project)


# --- projects -----------------------------------------------------------------------------------


def test_projects_with_the_same_name_get_their_own_short_name(leader):
    first = project_services.project_create(
        actor=leader, name="Wonen in Zwolle", issue="Woningnood", client_organisation="Gemeente",
        start_date=datetime.date(2024, 1, 1),
    )  # fmt: skip
    second = project_services.project_create(
        actor=leader, name="Wonen in Zwolle", issue="Woningnood", client_organisation="Gemeente",
        start_date=datetime.date(2024, 1, 1),
    )  # fmt: skip
    assert (first.slug, second.slug) == ("wonen-in-zwolle", "wonen-in-zwolle-2")


def test_changing_nothing_leaves_no_trace(project, leader):
    entries = AuditEntry.objects.count()
    project_services.project_update(actor=leader, project=project, name=project.name)
    assert AuditEntry.objects.count() == entries


# --- members ------------------------------------------------------------------------------------


def test_adding_an_existing_account(project, leader, django_capture_on_commit_callbacks):
    person = UserFactory(username="sanne", email="Sanne@Example.org")
    users_before = get_user_model().objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        membership = member_services.member_add(
            actor=leader, project=project, email=" sanne@example.org ", role="member"
        )

    assert membership.user == person
    assert project.role_of(person) == Role.MEMBER
    assert get_user_model().objects.count() == users_before
    assert mail.outbox == []
    person.refresh_from_db()
    assert person.has_usable_password()
    assert last_entry(project).action == "member.added"


def test_adding_a_new_email_invites_a_new_account(
    project, leader, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = member_services.member_add(
            actor=leader, project=project, email="Nieuw.Lid@Example.org", role="member",
            name="Nina van Dijk",
        )  # fmt: skip

    user = membership.user
    assert (user.email, user.username) == ("nieuw.lid@example.org", "nieuw.lid")
    assert (user.first_name, user.last_name) == ("Nina", "van Dijk")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw.lid@example.org"]
    assert "Leefbare wijk" in message.body
    match = re.search(r"/accounts/reset/(?P<uid>[^/]+)/(?P<token>[^/\s]+)/", message.body)
    assert match, message.body
    assert default_token_generator.check_token(user, match["token"])
    membership.refresh_from_db()
    assert membership.invitation_sent_at is not None
    # The link leads to the form where the new member sets a password.
    response = client.get(match.group(0), follow=True)
    assert response.status_code == 200
    assert "new_password1" in response.content.decode()

    # A redelivered task mails nobody twice.
    assert send_invitation(membership.pk) is False
    assert len(mail.outbox) == 1


def test_someone_already_in_the_project_is_not_added_twice(project, leader, member):
    with pytest.raises(ValidationError) as exc:
        member_services.member_add(
            actor=leader, project=project, email=member.email.upper(), role="client"
        )
    assert "is al lid van dit project" in messages(exc)
    assert project.memberships.get(user=member).role == Role.MEMBER


def test_the_last_leader_can_be_neither_demoted_nor_removed(project, leader):
    own = project.memberships.get(user=leader)
    with pytest.raises(ValidationError, match="minstens één projectleider"):
        member_services.member_set_role(actor=leader, membership=own, role="member")
    with pytest.raises(ValidationError, match="minstens één projectleider"):
        member_services.member_remove(actor=leader, membership=own)
    assert project.memberships.get(user=leader).role == Role.LEADER


def test_a_leader_can_step_down_when_another_leader_remains(project, leader, member):
    member_services.member_set_role(
        actor=leader, membership=project.memberships.get(user=member), role="leader"
    )
    member_services.member_set_role(
        actor=leader, membership=project.memberships.get(user=leader), role="member"
    )
    assert project.memberships.get(user=leader).role == Role.MEMBER


def test_a_removed_members_tasks_fall_back_to_the_team(project, leader, member):
    theirs = TaskFactory(project=project, step=step(project, 3), assignee=member)
    others = TaskFactory(project=project, assignee=leader)

    member_services.member_remove(actor=leader, membership=project.memberships.get(user=member))

    theirs.refresh_from_db()
    others.refresh_from_db()
    assert theirs.assignee is None
    assert others.assignee == leader
    assert not Membership.objects.filter(project=project, user=member).exists()
    assert theirs in Task.objects.for_user(leader)
    assert theirs not in Task.objects.for_user(member)


def test_a_member_who_becomes_a_client_hands_their_tasks_back_to_the_team(project, leader, member):
    # Regression (BUG found by this suite, since fixed): a client may not be an assignee, so
    # the tasks of a member who becomes a client go back to the team, as on removal.
    theirs = TaskFactory(project=project, assignee=member, title="Interviews uitwerken")

    member_services.member_set_role(
        actor=leader, membership=project.memberships.get(user=member), role="client"
    )

    theirs.refresh_from_db()
    assert theirs.assignee is None


def test_only_the_person_sets_their_own_commitment(project, leader, member, client_as):
    membership = project.memberships.get(user=member)
    with pytest.raises(ValidationError, match="Alleen de persoon zelf"):
        member_services.commitment_set(actor=leader, membership=membership, commitment="40 uur")
    membership.refresh_from_db()
    assert membership.commitment == ""

    member_services.commitment_set(
        actor=member, membership=membership, commitment=" 4 uur per week "
    )
    membership.refresh_from_db()
    assert membership.commitment == "4 uur per week"
    page = client_as("leader").get(reverse("processteps:members", args=[project.pk]))
    assert "4 uur per week" in page.content.decode()


def test_the_commitment_view_changes_only_ones_own_commitment(project, leader, client_as):
    response = client_as("leader").post(
        reverse("processteps:commitment", args=[project.pk]), {"commitment": "Elke dinsdag"}
    )
    assert response.status_code == 302
    commitments = dict(project.memberships.values_list("user__username", "commitment"))
    assert commitments == {"leider": "Elke dinsdag", "teamlid": "", "opdrachtgever": ""}


# --- tasks ------------------------------------------------------------------------------------


def test_an_assignment_is_mailed_once(project, leader, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task = task_services.task_create(
            actor=leader,
            project=project,
            step=step(project, 3),
            title="Interview met de wethouder",
            assignee=member,
            due_date=datetime.date(2024, 3, 1),
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Interview met de wethouder" in message.subject
    assert f"/projects/{project.pk}/steps/3/" in message.body
    task.refresh_from_db()
    assert task.notified_assignee_id == member.pk

    # The Celery task delivered twice (a retry, a redelivery) sends nothing more.
    assert send_task_assignment(task.pk) is False
    assert len(mail.outbox) == 1


def test_an_assignment_to_oneself_or_the_team_is_not_mailed(
    project, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        task_services.task_create(actor=leader, project=project, title="Zelf doen", assignee=leader)
        task_services.task_create(actor=leader, project=project, title="Voor het team")
    assert mail.outbox == []


def test_reassigning_mails_the_new_assignee(
    project, leader, member, django_capture_on_commit_callbacks
):
    other = MembershipFactory(project=project, role=Role.MEMBER).user
    task = TaskFactory(project=project, assignee=member, notified_assignee_id=member.pk)
    with django_capture_on_commit_callbacks(execute=True):
        task_services.task_update(actor=leader, task=task, assignee=other)
    assert [m.to for m in mail.outbox] == [[other.email]]


def test_a_client_cannot_be_assigned_a_task(project, leader, client_user):
    with pytest.raises(ValidationError, match="projectleider of teamlid"):
        task_services.task_create(
            actor=leader, project=project, title="Lezen", assignee=client_user
        )
    assert not project.tasks.exists()


def test_a_task_cannot_belong_to_another_projects_step(project, leader):
    elsewhere = ProjectFactory(leader=leader)
    with pytest.raises(ValidationError, match="hoort niet bij het project"):
        task_services.task_create(
            actor=leader, project=project, step=step(elsewhere), title="Verdwaald"
        )
    assert not Task.objects.exists()
