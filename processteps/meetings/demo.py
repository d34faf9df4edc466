"""The demo's steps 6-8, loaded through the real services (data in :mod:`.demo_data`).

Steps 6 and 7 were "te zijner tijd beoordelen" in the worked example: the demo decides to do
them, and in which form. Two expert meetings, the first with fourteen invitees split by theme
(so three were held), with agendas, presence, minutes answering the fundamental questions
(approved by the chair, rendered to PDF) and intervention points on the causes of step 5; a
World Café with three rounds at six tables, its participation, the host's judgement and the
harvest; the vision and target images built from it; a political meeting that adopted,
changed and rejected them, with justice tests and a reasoned response to every harvest item;
and the three process documents, rendered and published. Idempotent: nothing happens when the
project has meetings already.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from documents.demo import demo_document_publish
from processteps.models import Decision, Role
from processteps.services import steps as step_services

from . import demo_data as data
from .models import Freedom, MeetingFormat, MeetingKind, Minutes
from .selectors import offered_causes, offered_factors
from .services import calendar as calendar_services
from .services import dialogues as dialogue_services
from .services import meetings as meeting_services
from .services import participants as participant_services
from .services import results as result_services
from .services import vision as vision_services

FIRST_NAMES = [
    "Anne",
    "Bram",
    "Chantal",
    "Dirk",
    "Esra",
    "Frank",
    "Gül",
    "Hanna",
    "Iris",
    "Joost",
    "Karim",
    "Linda",
    "Mehmet",
    "Nina",
    "Olaf",
    "Priya",
    "Quinten",
    "Rosa",
    "Samir",
    "Tessa",
    "Umut",
    "Vera",
    "Wouter",
    "Xandra",
    "Youssef",
    "Zoë",
    "Arjen",
    "Bibi",
    "Cas",
    "Dana",
]
LAST_NAMES = [
    "de Boer",
    "Yıldız",
    "Visser",
    "Kaya",
    "Meijer",
    "Bakker",
    "Hassan",
    "Smit",
    "Ouali",
    "de Jong",
]


def _when(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.strptime(value, "%Y-%m-%d %H:%M"))


def _decide_steps(project, leader) -> None:
    for key, form in data.DECISIONS.items():
        step = project.steps.get(key=key)
        if step.decision in (Decision.PENDING, Decision.NOT_REQUIRED) and not step.is_closed:
            step_services.step_decide(actor=leader, step=step, decision=Decision.GO, form=form)


def _theme(project, name):
    return project.themes.filter(name=name).first() or project.themes.order_by("id").first()


def _plan(project, actor, spec, *, kind, format, chair, **extra):
    return meeting_services.meeting_plan(
        actor=actor,
        project=project,
        kind=kind,
        already_held=True,
        format=format,
        title=spec["title"],
        starts_at=_when(spec["start"]),
        ends_at=_when(spec["end"]),
        place=spec["place"],
        chair=chair,
        logistics_room=spec.get("room", ""),
        logistics_catering=spec.get("catering", ""),
        logistics_gifts=spec.get("gifts", ""),
        logistics_notes=spec.get("notes", ""),
        **extra,
    )


def _experts(project, leader) -> list:
    figures = list(participant_services.invitable_key_figures(project)[:6])
    people = participant_services.participants_from_key_figures(
        actor=leader, project=project, key_figures=figures
    )
    for name, organisation, expertise, group, interests in data.EXPERTS:
        people.append(
            participant_services.participant_add(
                actor=leader,
                project=project,
                name=name,
                organisation=organisation,
                expertise=expertise,
                group=group,
                email=f"{name.split()[0].lower()}.{name.split()[-1].lower()}@example.org",
                declared_interests=interests,
            )
        )
    return people


def _present_all_but(meeting, chair, absent: int = 1) -> None:
    attendances = list(meeting.attendances.select_related("participant").order_by("id"))
    for index, attendance in enumerate(attendances):
        attendance.meeting = meeting
        participant_services.attendance_presence(
            actor=chair, attendance=attendance, present=index >= absent
        )


def _agenda(meeting, leader, *, theme, causes, questions) -> None:
    for title, minutes, with_theme, links in data.AGENDA:
        meeting_services.agenda_item_add(
            actor=leader,
            meeting=meeting,
            title=title,
            duration_minutes=minutes,
            themes=[theme] if with_theme and theme else [],
            causes=causes if "causes" in links else [],
            questions=questions if "questions" in links else [],
        )


def _minutes(meeting, chair, answers: dict) -> Minutes:
    result_services.minutes_save(
        actor=chair, meeting=meeting, text=data.MINUTES, revision=0, answers=answers
    )
    return result_services.minutes_approve(actor=chair, meeting=meeting)


def _expert_meetings(project, leader, member, questions, causes):
    people = _experts(project, leader)
    pools = [people[:14], people[10:18]]
    chairs = {"leader": leader, "member": member}
    held = []
    for spec, pool in zip(data.EXPERT_MEETINGS, pools, strict=True):
        chair = chairs[spec["chair"]]
        theme = _theme(project, spec["theme"])
        meeting = _plan(
            project,
            leader,
            spec,
            kind=MeetingKind.EXPERT,
            format=MeetingFormat.EXPERT_MEETING,
            chair=chair,
            theme=theme,
        )
        answered = [questions[i] for i in spec["answers"]]
        _agenda(meeting, leader, theme=theme, causes=causes[:3], questions=answered)
        participant_services.attendances_add(actor=leader, meeting=meeting, participants=pool)
        parts = [(meeting, spec["answers"])]
        split = spec.get("split")
        if split and theme is not None:
            # Fourteen invitees: more than about ten, so the meeting is split by theme.
            moving = list(meeting.attendances.order_by("-id")[: split["count"]])
            other_theme = _theme(project, split["theme"])
            new = meeting_services.meeting_split(
                actor=leader,
                meeting=meeting,
                theme=other_theme,
                attendances=moving,
                starts_at=_when(split["start"]),
                ends_at=_when(split["end"]),
                title=split["title"],
            )
            meeting_services.agenda_item_add(
                actor=leader,
                meeting=new,
                title=f"Oorzaken rond {other_theme.name.lower()}",
                duration_minutes=60,
                themes=[other_theme],
                causes=causes[1:3],
                position=2,
            )
            parts.append((new, spec["answers"]))
        for part, answers in parts:
            _present_all_but(part, chair)
            _minutes(part, chair, {questions[i]: text for i, text in answers.items()})
            held.append(part)
    return held


def _points(project, leader, causes, meetings) -> list:
    return [
        result_services.intervention_point_add(
            actor=leader,
            project=project,
            cause=cause,
            title=title,
            arena=arena,
            who_can_act=who,
            argument=argument,
            supporting_meetings=meetings,
        )
        for cause, (title, arena, who, argument) in zip(causes, data.POINTS, strict=False)
    ]


def _citizens(project, leader) -> list:
    people, index = [], 0
    for group, count in data.WORLD_CAFE["citizens"]:
        for _ in range(count):
            name = f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[index % len(LAST_NAMES)]}"
            people.append(
                participant_services.participant_add(
                    actor=leader,
                    project=project,
                    name=name,
                    group=group,
                    email=f"deelnemer{index + 1}@example.org",
                )
            )
            index += 1
    return people


def _world_cafe(project, leader, member, factors, points):
    spec = data.WORLD_CAFE
    cafe = _plan(
        project,
        leader,
        spec,
        kind=MeetingKind.DIALOGUE,
        format=MeetingFormat.WORLD_CAFE,
        chair=member,
        capacity=45,
    )
    rounds = [
        dialogue_services.round_add(actor=member, meeting=cafe, question=q, duration_minutes=m)
        for q, m in spec["rounds"]
    ]
    tables = [
        dialogue_services.table_add(actor=member, meeting=cafe, host_name=h, participant_count=n)
        for h, n in spec["tables"]
    ]
    participant_services.attendances_add(
        actor=leader, meeting=cafe, participants=_citizens(project, leader)
    )
    _present_all_but(cafe, member, absent=spec["absent"])
    dialogue_services.participation_record(
        actor=member,
        meeting=cafe,
        walk_ins=spec["walk_ins"],
        freedom=Freedom.YES,
        freedom_note=spec["freedom_note"],
    )
    dialogue_services.citizen_target_set(actor=leader, project=project, target=spec["target"])
    items = []
    for table, cafe_round, text, domains, cause, point in data.HARVEST:
        items.append(
            dialogue_services.harvest_add(
                actor=member,
                meeting=cafe,
                text=text,
                round=rounds[cafe_round - 1],
                table=tables[table - 1],
                domains=domains,
                causes=[factors[cause]] if cause is not None and cause < len(factors) else [],
                intervention_points=(
                    [points[point]] if point is not None and point < len(points) else []
                ),
            )
        )
    _minutes(cafe, member, {})
    return cafe, items


def _political(project, leader, items):
    spec = data.POLITICAL
    meeting = _plan(
        project,
        leader,
        spec,
        kind=MeetingKind.POLITICAL,
        format=MeetingFormat.PUBLIC_MEETING,
        chair=leader,
        external_chair=spec["external_chair"],
    )
    politicians = [
        participant_services.participant_add(
            actor=leader,
            project=project,
            name=name,
            organisation=organisation,
            group="overheden",
        )
        for name, organisation in spec["politicians"]
    ]
    participant_services.attendances_add(actor=leader, meeting=meeting, participants=politicians)
    _present_all_but(meeting, leader, absent=0)
    vision_services.vision_save(actor=leader, project=project, concept_text=data.VISION)
    images = {}
    for key, domain, horizon, title, text, cited in data.IMAGES:
        images[key] = vision_services.target_image_create(
            actor=leader,
            project=project,
            domain=domain,
            horizon=horizon,
            title=title,
            text=text,
            items=[items[i] for i in cited],
        )
    review = datetime.date.fromisoformat(spec["review"])
    for key, (outcome, argument, title, text) in data.OUTCOMES.items():
        vision_services.target_image_decide(
            actor=leader,
            image=images[key],
            meeting=meeting,
            outcome=outcome,
            political_argument=argument,
            review_date=review if outcome != "rejected" else None,
            title=title,
            text=text,
        )
    vision_services.vision_adopt(
        actor=leader,
        project=project,
        meeting=meeting,
        adopted_text=data.VISION_ADOPTED,
        argument="De Kamerleden onderschrijven de visie van de burgers, met de taakverdeling "
        "tussen Rijk en gemeenten erbij.",
    )
    for index, response in data.NOT_TAKEN_UP.items():
        dialogue_services.harvest_respond(actor=leader, item=items[index], response=response)
    for key, rows in data.JUSTICE_ROWS.items():
        vision_services.justice_test_save(
            actor=leader,
            image=images[key],
            rows=[{"party": p, "domain": d, "burdens": b, "benefits": g} for p, d, b, g in rows],
            **data.JUSTICE,
        )
    _minutes(meeting, leader, {})
    return meeting


def demo_meetings_load(*, project, leader) -> bool:
    """Load the meetings of steps 6-8 once; False when the project has meetings already."""
    if project.meetings.exists():
        return False
    member = project.memberships.filter(role=Role.MEMBER).select_related("user").first()
    member = member.user if member else leader
    with transaction.atomic():
        _decide_steps(project, leader)
        questions = [
            meeting_services.question_add(actor=leader, project=project, text=t, explanation=e)
            for t, e in data.QUESTIONS
        ]
        causes = list(offered_causes(project))
        factors = list(offered_factors(project).filter(pk__in=[c.pk for c in causes])) or list(
            offered_factors(project)
        )
        experts = _expert_meetings(project, leader, member, questions, causes)
        points = _points(project, leader, causes, experts)
        _cafe, items = _world_cafe(project, leader, member, factors, points)
        _political(project, leader, items)
        calendar_services.feed_rotate(actor=leader, project=project)
    # The minutes' PDFs (a task when there is a broker; here in-process, as the documents).
    for minutes in Minutes.objects.filter(meeting__project=project, pdf=""):
        result_services.minutes_render(minutes_id=minutes.pk)
    return True


def demo_load(*, project, leader) -> None:
    """The meetings, then the three process documents written, rendered and published."""
    demo_meetings_load(project=project, leader=leader)
    for step_key, sections in data.DOCUMENTS.items():
        demo_document_publish(
            project=project,
            leader=leader,
            step_key=step_key,
            sections=sections,
            change_note="Samengesteld uit de bijeenkomsten",
        )
