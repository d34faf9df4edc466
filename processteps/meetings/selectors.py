"""Reads of steps 6-8: what later steps use (intervention points, adopted target images), the
checks that tick the checklist items, and the loads of the pages. Every read here costs a
fixed number of queries, however many meetings, participants or harvest items there are."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from processteps.models import PartyKind

from .models import (
    ACTIVE_ATTENDANCE,
    ADOPTED_STATES,
    EXPERT_MEETING_MAX,
    SEAT_TAKING,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Freedom,
    FundamentalQuestion,
    HarvestItem,
    InterventionPoint,
    JusticeTest,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MinutesStatus,
    QuestionAnswer,
    TargetImage,
    TargetImageStatus,
)

# -- what later steps read ---------------------------------------------------------------------


def intervention_points(project):
    return InterventionPoint.objects.filter(project=project).select_related("cause")


def adopted_target_images(project):
    """The target images the political meeting adopted (as they were or changed)."""
    return TargetImage.objects.filter(project=project, status__in=ADOPTED_STATES)


# -- causes and themes (steps 4-5) -------------------------------------------------------------


def offered_factors(project):
    """The factors of step 5's team analysis that agenda items and harvest items may name
    (none before the team analysis exists)."""
    from processteps.causes.selectors import team_factors

    return team_factors(project)


def offered_causes(project):
    """The causes an intervention point may be (causes and root causes of the team analysis)."""
    from processteps.causes.selectors import team_causes

    return team_causes(project)


def project_themes(project):
    from processteps.consultation.models import Theme

    return (
        Theme.objects.filter(project=project)
        .select_related("parent")
        .order_by("parent__position", "position", "name")
    )


# -- the checks of the derived checklist items --------------------------------------------------


def answered_question_ids(project) -> set[int]:
    """Questions with an answer in the approved minutes of a meeting that was not cancelled."""
    return set(
        QuestionAnswer.objects.filter(
            meeting__project=project, meeting__minutes__status=MinutesStatus.APPROVED
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .values_list("question_id", flat=True)
    )


def fundamental_questions_answered(project) -> bool:
    """Step 6: "Zijn alle fundamentele vragen beantwoord?" — there are questions, and every
    one has an answer in approved minutes."""
    ids = set(FundamentalQuestion.objects.filter(project=project).values_list("pk", flat=True))
    return bool(ids) and ids <= answered_question_ids(project)


@dataclass
class Participation:
    """Who took part in one dialogue: present participants by group, plus walk-ins."""

    meeting: Meeting
    by_group: Counter = field(default_factory=Counter)

    @property
    def group_rows(self) -> list[tuple[str, int]]:
        """(group label, count) in the framework's order; people without a group last."""
        rows = [(k.label, self.by_group[k.value]) for k in PartyKind if self.by_group[k.value]]
        if self.by_group[""]:
            rows.append((_no_group_label(), self.by_group[""]))
        return rows

    @property
    def registered(self) -> int:
        return sum(self.by_group.values())

    @property
    def total(self) -> int:
        return self.registered + self.meeting.walk_ins


def participation(project, *, held_only: bool = True) -> list[Participation]:
    """Participation figures of the project's citizen dialogues (two queries)."""
    meetings = Meeting.objects.filter(project=project, kind=MeetingKind.DIALOGUE).active()
    if held_only:
        meetings = meetings.held()
    figures = {m.pk: Participation(m) for m in meetings.order_by("starts_at", "id")}
    rows = (
        Attendance.objects.filter(meeting_id__in=list(figures), status=AttendanceStatus.PRESENT)
        .values("meeting_id", "participant__group")
        .annotate(n=Count("id"))
    )
    for row in rows:
        figures[row["meeting_id"]].by_group[row["participant__group"]] += row["n"]
    return list(figures.values())


def participation_totals(figures: list[Participation]) -> dict:
    """Totals over the dialogues: citizens, per group (in the framework's order), walk-ins."""
    by_group = Counter()
    walk_ins = 0
    for figure in figures:
        by_group.update(figure.by_group)
        walk_ins += figure.meeting.walk_ins
    groups = [(kind.label, by_group[kind.value]) for kind in PartyKind if by_group[kind.value]]
    if by_group[""]:
        groups.append((_no_group_label(), by_group[""]))
    return {
        "total": sum(by_group.values()) + walk_ins,
        "registered": sum(by_group.values()),
        "walk_ins": walk_ins,
        "groups": groups,
        "dialogues": len(figures),
    }


def _no_group_label():
    from django.utils.translation import gettext as _

    return _("Geen groep opgegeven")


def citizen_target(project):
    from .models import MeetingSettings

    return (
        MeetingSettings.objects.filter(project=project)
        .values_list("citizen_target", flat=True)
        .first()
    )


def enough_citizens(project) -> bool:
    """Step 7: "Voldoende burgers betrokken?" — the held dialogues reached the leader's
    target number of citizens."""
    target = citizen_target(project)
    if not target:
        return False
    return participation_totals(participation(project))["total"] >= target


def dialogues_in_freedom(project) -> bool:
    """Step 7: "Bijeenkomsten in alle vrijheid verlopen?" — at least one dialogue was held and
    the host of every held dialogue judged it went in complete freedom."""
    held = Meeting.objects.filter(project=project, kind=MeetingKind.DIALOGUE).held()
    return held.exists() and not held.exclude(freedom=Freedom.YES).exists()


def harvest_without_response(project):
    """Harvest items no target image takes up and without a reason why not."""
    return HarvestItem.objects.filter(project=project, citations__isnull=True, response="")


def political_weighing_done(project) -> bool:
    """Step 8: "Politiek-bestuurlijke afweging" — the political meeting decided on every
    target image (with a political argument) and every harvest item has a reasoned response."""
    images = TargetImage.objects.filter(project=project)
    return (
        images.exists()
        and not images.filter(status=TargetImageStatus.CONCEPT).exists()
        and not harvest_without_response(project).exists()
    )


def justice_tests_done(project) -> bool:
    """Step 8: "Rechtvaardigheidstoets" — every adopted target image has a completed test."""
    adopted = list(
        adopted_target_images(project)
        .select_related("justice_test")
        .prefetch_related("justice_test__rows")
    )
    if not adopted:
        return False
    for image in adopted:
        test = getattr(image, "justice_test", None)
        if test is None or not test.is_complete(list(test.rows.all())):
            return False
    return True


# -- meetings and participants -----------------------------------------------------------------


def meetings_for_project(project, *, kind: str | None = None):
    """The project's meetings with their counts (one query)."""
    meetings = Meeting.objects.filter(project=project)
    if kind:
        meetings = meetings.filter(kind=kind)
    return meetings.select_related("chair", "theme", "minutes", "split_from").annotate(
        invited_count=Count("attendances", filter=Q(attendances__status__in=ACTIVE_ATTENDANCE)),
        seats_taken=Count("attendances", filter=Q(attendances__status__in=SEAT_TAKING)),
        waitlist_count=Count(
            "attendances", filter=Q(attendances__status=AttendanceStatus.WAITLISTED)
        ),
        present_count=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
    )


def over_expert_max(meeting) -> bool:
    """Seed 001: an expert meeting of more than about ten people should be split by theme."""
    count = getattr(meeting, "invited_count", None)
    if count is None:
        count = meeting.attendances.filter(status__in=ACTIVE_ATTENDANCE).count()
    return meeting.kind == MeetingKind.EXPERT and count > EXPERT_MEETING_MAX


def meeting_detail(project, pk):
    """A meeting with everything its page shows, loaded in a fixed number of queries."""
    from django.shortcuts import get_object_or_404

    meeting = get_object_or_404(
        meetings_for_project(project).prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.prefetch_related("causes", "themes", "questions"),
            ),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("participant").order_by(
                    "participant__name", "id"
                ),
            ),
            "rounds",
            "tables",
            "supported_points",
        ),
        pk=pk,
    )
    meeting.project = project
    return meeting


def waiting_list(meeting) -> list[Attendance]:
    """The waiting list in the order places are offered: first come, first served."""
    return list(
        meeting.attendances.filter(status=AttendanceStatus.WAITLISTED)
        .select_related("participant")
        .order_by("waitlisted_at", "id")
    )


def questions_with_answers(project) -> list[FundamentalQuestion]:
    """The fundamental questions, each with ``answers_list`` (answers of meetings that were
    not cancelled, with the meeting) and ``is_answered`` (in approved minutes)."""
    answered = answered_question_ids(project)
    questions = list(
        FundamentalQuestion.objects.filter(project=project).prefetch_related(
            Prefetch(
                "answers",
                queryset=QuestionAnswer.objects.exclude(meeting__status=MeetingStatus.CANCELLED)
                .select_related("meeting", "meeting__minutes")
                .order_by("meeting__starts_at", "id"),
                to_attr="answers_list",
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("meeting"),
                to_attr="agenda_list",
            ),
        )
    )
    for question in questions:
        question.is_answered = question.pk in answered
    return questions


def harvest_for_meeting(meeting):
    return (
        HarvestItem.objects.filter(meeting=meeting)
        .select_related("round", "table")
        .prefetch_related("causes", "intervention_points", "domain_tags", "target_images")
    )


def harvest_for_project(project):
    return (
        HarvestItem.objects.filter(project=project)
        .select_related("meeting", "round", "table")
        .prefetch_related("causes", "intervention_points", "domain_tags", "target_images")
        .order_by("meeting__starts_at", "meeting_id", "round__number", "table__number", "id")
    )


def target_images_for_project(project):
    return (
        TargetImage.objects.filter(project=project)
        .select_related("justice_test")
        .prefetch_related(
            Prefetch("cited_items", queryset=HarvestItem.objects.select_related("meeting")),
            "decisions__meeting",
            "justice_test__rows",
        )
    )


def justice_test_of(target_image) -> JusticeTest | None:
    return JusticeTest.objects.filter(target_image=target_image).first()


# -- the step page panels ------------------------------------------------------------------------


def panel_context(request, project, step) -> dict:
    """What the panel of steps 6, 7 and 8 shows: the step's meetings and its own figures
    (only for the team: clients read published documents only)."""
    from .models import STEP_KIND

    if not request.user.has_perm("meetings.view", project):
        return {"meetings_visible": False}
    kind = STEP_KIND.get(step.key)
    meetings = list(meetings_for_project(project, kind=kind)) if kind else []
    context = {"meetings_visible": True, "panel_meetings": meetings, "panel_kind": kind}
    if kind == MeetingKind.EXPERT:
        questions = list(FundamentalQuestion.objects.filter(project=project))
        answered = answered_question_ids(project)
        context["questions_total"] = len(questions)
        context["questions_answered"] = sum(1 for q in questions if q.pk in answered)
        context["points_count"] = InterventionPoint.objects.filter(project=project).count()
    elif kind == MeetingKind.DIALOGUE:
        context["participation"] = participation_totals(participation(project))
        context["citizen_target"] = citizen_target(project)
        context["harvest_count"] = HarvestItem.objects.filter(project=project).count()
    elif kind == MeetingKind.POLITICAL:
        statuses = Counter(
            TargetImage.objects.filter(project=project).values_list("status", flat=True)
        )
        context["image_statuses"] = [
            (status.label, statuses[status.value]) for status in TargetImageStatus
        ]
        context["without_response"] = harvest_without_response(project).count()
    return context


def group_by_domain(images) -> list[dict]:
    """Target images per domain (in the framework's order) and horizon."""
    from processteps.models import Domain, Horizon

    grouped = defaultdict(lambda: defaultdict(list))
    for image in images:
        grouped[image.domain][image.horizon].append(image)
    return [
        {
            "domain": domain,
            "horizons": [
                {"horizon": horizon, "images": grouped[domain.value][horizon.value]}
                for horizon in Horizon
                if grouped[domain.value][horizon.value]
            ],
        }
        for domain in Domain
        if domain.value in grouped
    ]
