"""The demo's steps 6-8 (``make run``): two expert meetings, one over ten invitees and split;
a World Café with three rounds and six tables; a political meeting with decisions; the
checklist items ticked from the data; the three documents rendered and published."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from documents.models import Audience, Publication, RenderStatus
from processteps.consultation.demo import demo_consultation_load
from processteps.demo import demo_load as project_demo_load
from processteps.meetings.demo import demo_load, demo_meetings_load
from processteps.meetings.models import (
    Attendance,
    HarvestItem,
    InterventionPoint,
    Meeting,
    MeetingKind,
    Minutes,
    Participant,
    TargetImage,
)
from processteps.meetings.selectors import harvest_without_response
from processteps.models import Decision, Role

from .support import team_causes

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    """The demo project with its consultation round and (until the causes tool's demo lands)
    a minimal team analysis of step 5 made through the causes models."""
    from processteps.catalogue_loader import load_catalogue
    from processteps.causes.selectors import team_causes as existing_causes
    from processteps.models import MethodChecklistItem, MethodStep

    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    settings.DEMO_DATA_ALLOWED = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    project, _password = project_demo_load(password="demo-wachtwoord-123")
    project.leader = project.memberships.get(role=Role.LEADER).user
    project.member = project.memberships.get(role=Role.MEMBER).user
    demo_consultation_load(project=project, leader=project.leader, members=[project.member])
    if not existing_causes(project).exists():
        team_causes(
            project,
            [
                "Statushouders wachten lang op een woning",
                "Nieuwkomers mogen niet meteen werken",
                "Bewoners worden laat betrokken bij opvang",
            ],
        )
    return project


def test_the_demo_holds_the_meetings_of_steps_6_to_8(demo):
    assert demo_meetings_load(project=demo, leader=demo.leader) is True
    experts = Meeting.objects.filter(project=demo, kind=MeetingKind.EXPERT)
    assert experts.count() == 3
    split = experts.get(split_from__isnull=False)
    original = split.split_from
    assert original.attendances.count() + split.attendances.count() == 14
    assert original.attendances.count() <= 10 and split.attendances.count() <= 10
    assert split.theme != original.theme
    # Key figures invited without retyping them.
    assert Participant.objects.filter(project=demo, key_figure__isnull=False).count() == 6

    cafe = Meeting.objects.get(project=demo, kind=MeetingKind.DIALOGUE)
    assert (cafe.format, cafe.rounds.count(), cafe.tables.count()) == ("world_cafe", 3, 6)
    assert HarvestItem.objects.filter(meeting=cafe).count() == 20
    assert not harvest_without_response(demo).exists()

    political = Meeting.objects.get(project=demo, kind=MeetingKind.POLITICAL)
    statuses = sorted(TargetImage.objects.filter(project=demo).values_list("status", flat=True))
    assert statuses.count("adopted") == 6 and statuses.count("changed") == 1
    assert statuses.count("rejected") == 1
    assert political.decisions.count() == 8
    assert InterventionPoint.objects.filter(project=demo).count() == 3
    assert Attendance.objects.filter(meeting__project=demo, status="present").count() > 40

    # Steps 6 and 7 were "te zijner tijd beoordelen": the demo decided to do them.
    for key in ("expert_meetings", "citizen_dialogues"):
        assert demo.steps.get(key=key).decision == Decision.GO
    # Every derived checklist item of steps 6-8 is ticked from the data.
    derived = demo.steps.filter(number__in=[6, 7, 8]).values_list(
        "checklist_items__derived_from", "checklist_items__is_done"
    )
    assert sorted(derived) == sorted(
        [
            ("fundamental_questions", True),
            ("enough_citizens", True),
            ("dialogues_in_freedom", True),
            ("political_weighing", True),
            ("justice_tests", True),
        ]
    )
    # Every meeting's minutes are approved and rendered.
    minutes = Minutes.objects.filter(meeting__project=demo)
    assert minutes.count() == 5
    assert all(m.is_approved and m.render_status == RenderStatus.READY for m in minutes)

    # Idempotent.
    assert demo_meetings_load(project=demo, leader=demo.leader) is False
    assert Meeting.objects.filter(project=demo).count() == 5


def test_the_demo_publishes_the_documents_of_steps_6_to_8(demo):
    demo_load(project=demo, leader=demo.leader)
    texts = {}
    for number in (6, 7, 8):
        publications = Publication.objects.filter(
            document__step__number=number, document__project=demo
        )
        assert {p.audience for p in publications} == {Audience.CLIENT, Audience.PUBLIC}
        version = publications.first().version
        assert version.render_status == RenderStatus.READY
        with version.pdf.open("rb") as pdf:
            texts[number] = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.read())).pages)
    assert "Versnel de huisvesting van statushouders" in texts[6]
    assert "Welke oorzaken van het migratievraagstuk" in texts[6]
    assert "World Café" in texts[7] and "Binnen drie maanden een woning" in texts[7]
    assert "Binnen zes maanden een woning" in texts[8]
    assert "Schoolkeuze is vrij" in texts[8]
    # Participants are counted, never named with their contact data or interests.
    for text in texts.values():
        assert "@example.org" not in text
        assert "bemiddelt arbeidsmigranten" not in text
    demo_load(project=demo, leader=demo.leader)  # idempotent
    assert (
        Publication.objects.filter(
            document__project=demo, document__step__number__in=[6, 7, 8]
        ).count()
        == 6
    )
