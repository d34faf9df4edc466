"""Meetings as iCalendar: one event per meeting, and a project feed behind a secret URL that
calendar programs fetch without a session; the leader rotates the secret."""

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from processteps.meetings.models import MeetingSettings
from processteps.meetings.services import calendar as services
from processteps.meetings.services import meetings as meeting_services

from .support import invite, person, plan

pytestmark = pytest.mark.django_db


def events(content: bytes):
    calendar = Calendar.from_ical(content)
    return calendar, list(calendar.walk("VEVENT"))


def test_a_meeting_downloads_as_a_valid_ics_event(project, client_as):
    meeting = plan(project, title="Expertmeeting wonen", place="Stadhuis", hours=3)
    meeting_services.agenda_item_add(
        actor=project.leader, meeting=meeting, title="Opening", duration_minutes=15
    )
    invite(meeting, [person(project, "Eva Expert", phone="06-12345678")])
    response = client_as("member").get(
        reverse("meetings:meeting_ics", args=[project.pk, meeting.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="expertmeeting-wonen.ics"' in response["Content-Disposition"]
    calendar, found = events(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (event,) = found
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert "Expertmeeting wonen" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == "Stadhuis"
    assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1:8000"
    description = str(event["DESCRIPTION"])
    assert "Opening (15 min.)" in description
    assert "Eva" not in response.content.decode() and "06-12345678" not in response.content.decode()


def test_the_feed_needs_no_session_and_stops_when_rotated(project, client_as):
    planned = plan(project, title="Gepland")
    cancelled = plan(project, title="Afgelast", days=30)
    meeting_services.meeting_cancel(actor=project.leader, meeting=cancelled)
    settings = services.feed_rotate(actor=project.leader, project=project)
    url = reverse("meetings:calendar_feed", kwargs={"token": settings.feed_token})
    response = Client().get(url)  # no login: a calendar program
    assert response.status_code == 200
    _calendar, found = events(response.content)
    by_title = {str(e["SUMMARY"]).split(" (")[0]: e for e in found}
    assert set(by_title) == {"Gepland", "Afgelast"}
    assert str(by_title["Afgelast"]["STATUS"]) == "CANCELLED"
    assert str(by_title["Gepland"]["UID"]) == f"meeting-{planned.pk}@127.0.0.1:8000"

    services.feed_rotate(actor=project.leader, project=project)
    assert Client().get(url).status_code == 404
    new = MeetingSettings.objects.get(project=project).feed_token
    assert new != settings.feed_token and len(new) >= 40
    assert Client().get(reverse("meetings:calendar_feed", kwargs={"token": new})).status_code == 200


def test_the_calendar_page_shows_the_link_to_the_team_only(project, client_as):
    url = reverse("meetings:calendar", args=[project.pk])
    page = client_as("leader").get(url).content.decode()
    assert "Er is nog geen agendalink." in page
    client_as("leader").post(reverse("meetings:feed_rotate", args=[project.pk]))
    token = MeetingSettings.objects.get(project=project).feed_token
    assert token in client_as("member").get(url).content.decode()
    assert client_as("client").get(url).status_code == 403
    assert (
        Client().get(reverse("meetings:calendar_feed", kwargs={"token": "nope"})).status_code == 404
    )
