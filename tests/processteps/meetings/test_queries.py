"""Pages and document compiles of steps 6-8 cost the same number of queries however many
meetings, participants and harvest items a project has (measured at two sizes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.builders import builder_for
from documents.services.documents import document_ensure
from processteps.meetings.models import MeetingKind
from processteps.meetings.services import dialogues as dialogue_services
from processteps.meetings.services import participants as participant_services
from processteps.meetings.services import vision as vision_services
from processteps.models import Domain, Horizon, PartyKind
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

from .support import invite, person, plan
from .world import build_world

# every request renders its page: these count what rendering costs (not the page cache)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


def grow(world, *, factor: int):
    """More of everything: meetings, participants (present), harvest, target images."""
    project = world.project
    leader, member = project.leader, project.member
    for i in range(factor):
        meeting = plan(project, kind=MeetingKind.DIALOGUE, days=-30 - i, chair=member)
        people = [person(project, group=PartyKind.NEWCOMERS) for _ in range(3)]
        for attendance in invite(meeting, people).values():
            participant_services.attendance_presence(
                actor=member, attendance=attendance, present=True
            )
        round_ = dialogue_services.round_add(
            actor=member, meeting=meeting, question="?", duration_minutes=10
        )
        table = dialogue_services.table_add(actor=member, meeting=meeting, participant_count=3)
        items = [
            dialogue_services.harvest_add(
                actor=member,
                meeting=meeting,
                text=f"Opbrengst {i}.{j}",
                round=round_,
                table=table,
                causes=world.causes[:1],
                intervention_points=[world.point],
                domains=[Domain.WORK, Domain.HOUSING],
            )
            for j in range(3)
        ]
        image = vision_services.target_image_create(
            actor=leader,
            project=project,
            domain=Domain.WORK,
            horizon=Horizon.SHORT,
            title=f"Beeld {i}",
            items=items,
        )
        vision_services.target_image_decide(
            actor=leader,
            image=image,
            meeting=world.political,
            outcome="adopted",
            political_argument="Ja",
            review_date=world.political.starts_at.date().replace(
                year=world.political.starts_at.year + 1
            ),
        )
        vision_services.justice_test_save(
            actor=leader,
            image=image,
            doability="yes",
            doability_explanation="Kan",
            justification="Nodig",
            rows=[{"party": "burgers", "domain": "werken", "burdens": "Tijd", "benefits": "Werk"}],
        )
        plan(project, days=-60 - i, chair=leader, title=f"Expert {i}")


def urls(world) -> list[str]:
    p = world.project.pk
    return [
        reverse("processteps:step", args=[p, 6]),
        reverse("processteps:step", args=[p, 7]),
        reverse("processteps:step", args=[p, 8]),
        reverse("meetings:meetings", args=[p]),
        reverse("meetings:meeting_detail", args=[p, world.dialogue.pk]),
        reverse("meetings:meeting_harvest", args=[p, world.dialogue.pk]),
        reverse("meetings:harvest", args=[p]),
        reverse("meetings:responses", args=[p]),
        reverse("meetings:participants", args=[p]),
        reverse("meetings:participation", args=[p]),
        reverse("meetings:target_images", args=[p]),
        reverse("meetings:questions", args=[p]),
        reverse("meetings:intervention_points", args=[p]),
    ]


def page_queries(browser, world) -> dict:
    counts = {}
    for url in urls(world):
        browser.get(url)  # warm caches (sessions, content types)
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(url)
        assert response.status_code == 200, url
        counts[url.split("/", 3)[3]] = len(queries)
    return counts


def compile_queries(project) -> dict:
    counts = {}
    for key in ("expert_meetings", "citizen_dialogues", "political_meeting"):
        document = document_ensure(project.steps.get(key=key))
        builder_for(document).sections()
        with CaptureQueriesContext(connection) as queries:
            sections = builder_for(document).sections()
        assert any(s.compiled for s in sections)
        counts[key] = len(queries)
    return counts


def second_project():
    leader = UserFactory(username="leider2")
    project = ProjectFactory(leader=leader, name="Groot project")
    project.leader = leader
    project.member = MembershipFactory(
        project=project, role="member", user=UserFactory(username="teamlid2")
    ).user
    return project


def test_pages_and_compiles_do_not_grow_with_the_data(project, client_as):
    from django.test import Client

    small = build_world(project, harvest=2, citizens=2)
    large_project = second_project()
    large = build_world(large_project, harvest=6, citizens=6)
    grow(large, factor=4)

    browser = client_as("leader")
    other = Client()
    other.force_login(large_project.leader)
    small_pages, large_pages = page_queries(browser, small), page_queries(other, large)
    assert list(small_pages.values()) == list(large_pages.values()), (small_pages, large_pages)
    assert max(small_pages.values()) < 40, small_pages

    assert compile_queries(project) == compile_queries(large_project)
