"""One project with something of everything steps 6-8 hold, built through the services: the
world of the permission matrix, the page tests and the privacy scan."""

from types import SimpleNamespace

from processteps.meetings.models import MeetingFormat, MeetingKind
from processteps.meetings.services import calendar as calendar_services
from processteps.meetings.services import dialogues as dialogue_services
from processteps.meetings.services import meetings as meeting_services
from processteps.meetings.services import participants as participant_services
from processteps.meetings.services import results as result_services
from processteps.meetings.services import vision as vision_services
from processteps.models import Domain, Horizon, PartyKind

from .support import invite, key_figure, person, plan, team_causes, theme

SECRET_INTEREST = "Aandeelhouder van Bouwbedrijf Geheim BV"
SECRET_PHONE = "06-98765432"


def build_world(project, *, harvest: int = 3, citizens: int = 3):
    leader, member = project.leader, project.member
    causes = team_causes(project)
    housing, work = theme(project, "Wonen"), theme(project, "Werk")
    question = meeting_services.question_add(
        actor=leader, project=project, text="Waar kan de gemeente zelf ingrijpen?"
    )
    # A planned expert meeting (future), capped, with an agenda and invitees.
    planned = plan(project, title="Expertmeeting wonen", days=20, capacity=12, theme=housing)
    meeting_services.agenda_item_add(
        actor=leader, meeting=planned, title="Opening", duration_minutes=15
    )
    agenda = meeting_services.agenda_item_add(
        actor=leader,
        meeting=planned,
        title="Oorzaken van de woningnood",
        duration_minutes=45,
        causes=causes,
        themes=[housing],
        questions=[question],
    )
    expert = person(
        project,
        "Eva Expert",
        organisation="Woonbond",
        expertise="Huurrecht",
        phone=SECRET_PHONE,
        declared_interests=SECRET_INTEREST,
        group=PartyKind.CIVIL_SOCIETY,
    )
    others = [person(project) for _ in range(3)]
    attendances = invite(planned, [expert, *others])
    # A held expert meeting chaired by the team member, with minutes and an answer.
    held = plan(project, title="Expertmeeting werk", days=-10, chair=member, theme=work)
    meeting_services.agenda_item_add(
        actor=leader, meeting=held, title="De vraag", duration_minutes=30, questions=[question]
    )
    held_attendances = invite(held, [expert, others[0]])
    participant_services.attendance_presence(
        actor=member, attendance=held_attendances[expert.pk], present=True
    )
    result_services.minutes_save(
        actor=member,
        meeting=held,
        text="<p>Goed gesprek.</p>",
        revision=0,
        answers={question: "Bij de woningtoewijzing."},
    )
    point = result_services.intervention_point_add(
        actor=leader,
        project=project,
        cause=causes[0],
        title="Meer sociale huur",
        who_can_act="Gemeenteraad",
        argument="De experts zijn het eens.",
        supporting_meetings=[held],
    )
    # A held World Café hosted by the team member: rounds, tables, harvest, citizens.
    dialogue = plan(
        project,
        kind=MeetingKind.DIALOGUE,
        title="World Café",
        days=-5,
        chair=member,
        format=MeetingFormat.WORLD_CAFE,
    )
    cafe_round = dialogue_services.round_add(
        actor=member, meeting=dialogue, question="Wat gaat goed?", duration_minutes=20
    )
    table = dialogue_services.table_add(
        actor=member, meeting=dialogue, host_name="Henk", participant_count=6
    )
    citizen_people = [person(project, group=PartyKind.CITIZENS) for _ in range(citizens)]
    citizen_attendances = invite(dialogue, citizen_people)
    for attendance in citizen_attendances.values():
        participant_services.attendance_presence(actor=member, attendance=attendance, present=True)
    items = [
        dialogue_services.harvest_add(
            actor=member,
            meeting=dialogue,
            text=f"Meer ontmoetingsplekken {i}",
            round=cafe_round,
            table=table,
            causes=[causes[1]],
            intervention_points=[point],
            domains=[Domain.HOUSING],
        )
        for i in range(harvest)
    ]
    # A held political meeting, a target image built from the harvest, decided on.
    political = plan(
        project,
        kind=MeetingKind.POLITICAL,
        title="Raadsbijeenkomst",
        days=-2,
        external_chair="Wethouder Wit",
    )
    image = vision_services.target_image_create(
        actor=member,
        project=project,
        domain=Domain.HOUSING,
        horizon=Horizon.SHORT,
        title="Iedereen een thuis",
        text="Binnen twee jaar",
        items=items[:1],
    )
    concept = vision_services.target_image_create(
        actor=member,
        project=project,
        domain=Domain.WORK,
        horizon=Horizon.LONG,
        title="Werk voor iedereen",
        items=items[1:2],
    )
    vision_services.vision_save(actor=leader, project=project, concept_text="<p>Samen</p>")
    vision_services.target_image_decide(
        actor=leader,
        image=image,
        meeting=political,
        outcome="adopted",
        political_argument="Past bij het coalitieakkoord",
        review_date=at_review(political),
    )
    vision_services.justice_test_save(
        actor=leader,
        image=image,
        doability="partly",
        doability_explanation="Met hulp",
        justification="",
        rows=[
            {
                "party": PartyKind.NEWCOMERS,
                "domain": Domain.HOUSING,
                "burdens": "Minder keuze",
                "benefits": "Een thuis",
            }
        ],
    )
    calendar_services.feed_rotate(actor=leader, project=project)
    found = participant_services.settings_get(project)
    return SimpleNamespace(
        project=project,
        causes=causes,
        themes=(housing, work),
        question=question,
        planned=planned,
        agenda=agenda,
        expert=expert,
        attendances=attendances,
        held=held,
        point=point,
        dialogue=dialogue,
        cafe_round=cafe_round,
        table=table,
        items=items,
        political=political,
        image=image,
        concept=concept,
        token=found.feed_token,
        key_figure=key_figure(project, "Sanne Sleutel", phone="06-11112222"),
    )


def at_review(meeting):
    import datetime

    return meeting.starts_at.date() + datetime.timedelta(days=365)
