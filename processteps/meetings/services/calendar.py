"""Meetings as iCalendar (RFC 5545): one event per meeting, and a feed of a project's meetings
that calendar programs subscribe to without a session.

The feed's URL carries a per-project secret (``MeetingSettings.feed_token``, 32 random bytes);
the leader creates it and can rotate it, after which the old URL answers 404. An event never
carries anything about participants: title, kind and format, time, place or link, chair, and
the agenda's titles and durations.
"""

import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from processteps.models import Project
from processteps.services.audit import audit_record

from ..models import Meeting, MeetingStatus

PRODID = "-//Samenleving//Bijeenkomsten//NL"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


def feed_rotate(*, actor, project: Project):
    """Create the project's calendar feed, or give it a new secret (the old URL stops)."""
    from .participants import settings_for_update

    with transaction.atomic():
        found = settings_for_update(project)
        found.feed_token = new_feed_token()
        found.feed_rotated_at = timezone.now()
        found.updated_by = actor
        found.save()
        audit_record(actor=actor, project=project, action="calendar.feed_rotated", target=project)
    return found


def _uid(meeting: Meeting) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "samenleving"
    return f"meeting-{meeting.pk}@{host}"


def _chair(meeting: Meeting) -> str:
    if meeting.external_chair:
        return meeting.external_chair
    if meeting.chair is None:
        return ""
    return meeting.chair.get_full_name() or meeting.chair.get_username()


def _description(meeting: Meeting, agenda) -> str:
    lines = []
    chair = _chair(meeting)
    if chair:
        lines += [_("Voorzitter: %(chair)s") % {"chair": chair}, ""]
    if meeting.description:
        lines += [meeting.description.strip(), ""]
    if agenda:
        lines.append(_("Agenda:"))
        lines += [
            _("%(title)s (%(minutes)s min.)")
            % {"title": item.title, "minutes": item.duration_minutes}
            for item in agenda
        ]
    if meeting.online_link:
        lines += ["", _("Online: %(link)s") % {"link": meeting.online_link}]
    return "\n".join(lines).strip()


def _event(meeting: Meeting, *, agenda=()):
    from icalendar import Event, vText

    event = Event()
    event.add("uid", _uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("last-modified", meeting.updated_at)
    event.add(
        "summary", f"{meeting.title} ({meeting.get_kind_display()}, {meeting.get_format_display()})"
    )
    location = meeting.place or meeting.online_link
    if location:
        event.add("location", vText(location))
    if meeting.online_link:
        event.add("url", meeting.online_link)
    description = _description(meeting, agenda)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def _calendar(name: str):
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def meeting_ics(meeting: Meeting) -> bytes:
    """One meeting as an .ics file."""
    with translation.override(settings.LANGUAGE_CODE):
        calendar = _calendar(meeting.title)
        calendar.add_component(_event(meeting, agenda=list(meeting.agenda_items.all())))
    return calendar.to_ical()


def project_feed(project: Project) -> bytes:
    """All meetings of a project (also cancelled ones, marked so) as one calendar."""
    meetings = (
        Meeting.objects.filter(project=project)
        .select_related("chair")
        .prefetch_related("agenda_items")
        .order_by("starts_at", "id")
    )
    with translation.override(settings.LANGUAGE_CODE):
        calendar = _calendar(_("Bijeenkomsten: %(project)s") % {"project": project.name})
        for meeting in meetings:
            calendar.add_component(_event(meeting, agenda=list(meeting.agenda_items.all())))
    return calendar.to_ical()


def feed_url(token: str) -> str:
    return settings.SITE_URL + reverse("meetings:calendar_feed", kwargs={"token": token})
