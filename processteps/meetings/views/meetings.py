"""Meetings: the list, planning and changing, the meeting's page, splitting an expert meeting,
the agenda, the chair's briefing and the calendar (one .ics per meeting, a project feed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from processteps.access import check, get_project
from processteps.views.common import apply_errors

from .. import selectors
from ..forms import (
    AgendaItemForm,
    AttendanceAddForm,
    InvitationSendForm,
    MeetingForm,
    ParticipationForm,
    SplitForm,
)
from ..models import (
    AgendaItem,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingSettings,
    MeetingStatus,
)
from ..services import calendar as calendar_services
from ..services import meetings as services
from ..services.results import minutes_for
from .common import MANAGE, RECORD, VIEW, get_in_meeting, get_meeting, submit, to_meeting

MEETING_FIELDS = [f for f in services.MEETING_FIELDS if f != "kind"]


def _kind(kind: str) -> str:
    if kind not in MeetingKind.values:
        raise Http404
    return kind


@login_required
def meetings(request, project):
    project = get_project(request, project, VIEW)
    rows = list(selectors.meetings_for_project(project))
    groups = [
        {
            "kind": kind,
            "meetings": [m for m in rows if m.kind == kind],
        }
        for kind in MeetingKind
    ]
    for meeting in rows:
        meeting.over_max = selectors.over_expert_max(meeting)
    return render(
        request,
        "meetings/list.html",
        {
            "project": project,
            "groups": groups,
            "may_manage": request.user.has_perm(MANAGE, project),
        },
    )


def _initial(meeting: Meeting) -> dict:
    initial = {f: getattr(meeting, f) for f in MEETING_FIELDS}
    initial["starts_at"] = timezone.localtime(meeting.starts_at)
    initial["ends_at"] = timezone.localtime(meeting.ends_at)
    return initial


@login_required
def meeting_create(request, project, kind):
    project = get_project(request, project, MANAGE)
    kind = _kind(kind)
    form = MeetingForm(
        request.POST or None, project=project, kind=kind, initial={"chair": request.user.pk}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            already_held = data.pop("already_held", False)
            try:
                meeting = services.meeting_plan(
                    actor=request.user,
                    project=project,
                    kind=kind,
                    already_held=already_held,
                    **data,
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De bijeenkomst is gepland."))
                return to_meeting(meeting)
        status = 400
    return render(
        request,
        "meetings/meeting_form.html",
        {"project": project, "form": form, "kind_label": MeetingKind(kind).label},
        status=status,
    )


@login_required
def meeting_detail(request, project, meeting):
    project = get_project(request, project, VIEW)
    meeting = selectors.meeting_detail(project, meeting)
    user = request.user
    attendances = list(meeting.attendances.all())
    for attendance in attendances:
        attendance.meeting = meeting
    may_manage = user.has_perm(MANAGE, project)
    may_record = user.has_perm(RECORD, meeting)
    context = {
        "project": project,
        "meeting": meeting,
        "attendances": attendances,
        "waiting": sorted(
            (a for a in attendances if a.status == AttendanceStatus.WAITLISTED),
            key=lambda a: (a.waitlisted_at, a.pk),
        ),
        "counts": {
            status.value: sum(1 for a in attendances if a.status == status)
            for status in AttendanceStatus
        },
        "over_max": selectors.over_expert_max(meeting),
        "minutes": minutes_for(meeting),
        "may_manage": may_manage,
        "may_record": may_record,
        "started": meeting.starts_at <= timezone.now(),
    }
    if may_manage and meeting.status != MeetingStatus.CANCELLED:
        context["add_form"] = AttendanceAddForm(project=project, meeting=meeting)
        context["send_form"] = InvitationSendForm(meeting=meeting)
        context["agenda_form"] = AgendaItemForm(project=project)
    if may_record and meeting.kind == MeetingKind.DIALOGUE:
        context["participation_form"] = ParticipationForm(
            initial={
                "walk_ins": meeting.walk_ins,
                "freedom": meeting.freedom,
                "freedom_note": meeting.freedom_note,
            }
        )
    return render(request, "meetings/detail.html", context)


@login_required
def meeting_edit(request, project, meeting):
    project = get_project(request, project, MANAGE)
    meeting = get_meeting(project, meeting)
    form = MeetingForm(
        request.POST or None,
        project=project,
        kind=meeting.kind,
        meeting=meeting,
        initial=_initial(meeting),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De bijeenkomst is opgeslagen."))
                return to_meeting(meeting)
        status = 400
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "project": project,
            "form": form,
            "meeting": meeting,
            "kind_label": meeting.get_kind_display(),
        },
        status=status,
    )


@login_required
@require_POST
def meeting_cancel(request, project, meeting):
    project = get_project(request, project, MANAGE)
    meeting = get_meeting(project, meeting)
    try:
        services.meeting_cancel(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("De bijeenkomst is afgelast."))
    return to_meeting(meeting)


@login_required
@require_POST
def meeting_held(request, project, meeting):
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    check(request, RECORD, meeting)
    try:
        services.meeting_mark_held(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("De bijeenkomst is gehouden."))
    return to_meeting(meeting)


@login_required
def meeting_split(request, project, meeting):
    project = get_project(request, project, MANAGE)
    meeting = get_meeting(project, meeting)
    initial = {
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
    }
    form = SplitForm(request.POST or None, project=project, meeting=meeting, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                new = services.meeting_split(
                    actor=request.user, meeting=meeting, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(
                    request,
                    _("De expertmeeting is gesplitst: '%(title)s' is gepland.")
                    % {"title": new.title},
                )
                return to_meeting(new)
        status = 400
    count = meeting.attendances.exclude(status=AttendanceStatus.DECLINED).count()
    return render(
        request,
        "meetings/split.html",
        {"project": project, "meeting": meeting, "form": form, "count": count},
        status=status,
    )


def _ics_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "agenda"}.ics"'
    return response


@login_required
@require_GET
def meeting_ics(request, project, meeting):
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    return _ics_response(calendar_services.meeting_ics(meeting), meeting.title)


# -- the agenda ---------------------------------------------------------------------------------


@login_required
@require_POST
def agenda_add(request, project, meeting):
    project = get_project(request, project, MANAGE)
    meeting = get_meeting(project, meeting)
    submit(
        request,
        AgendaItemForm(request.POST, project=project),
        lambda **data: services.agenda_item_add(actor=request.user, meeting=meeting, **data),
        _("Het agendapunt is toegevoegd."),
    )
    return to_meeting(meeting, "agenda")


@login_required
def agenda_edit(request, project, meeting, item):
    project = get_project(request, project, MANAGE)
    meeting = get_meeting(project, meeting)
    item = get_in_meeting(AgendaItem, meeting, item)
    initial = {
        "title": item.title,
        "duration_minutes": item.duration_minutes,
        "notes": item.notes,
        "causes": list(item.causes.values_list("pk", flat=True)),
        "themes": list(item.themes.values_list("pk", flat=True)),
        "questions": list(item.questions.values_list("pk", flat=True)),
    }
    form = AgendaItemForm(request.POST or None, project=project, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.agenda_item_update(actor=request.user, item=item, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("Het agendapunt is opgeslagen."))
                return to_meeting(meeting, "agenda")
        status = 400
    return render(
        request,
        "meetings/agenda_form.html",
        {"project": project, "meeting": meeting, "item": item, "form": form},
        status=status,
    )


@login_required
@require_POST
def agenda_delete(request, project, meeting, item):
    project = get_project(request, project, MANAGE)
    meeting = get_meeting(project, meeting)
    item = get_in_meeting(AgendaItem, meeting, item)
    services.agenda_item_delete(actor=request.user, item=item)
    messages.success(request, _("Het agendapunt is verwijderd."))
    return to_meeting(meeting, "agenda")


@login_required
def briefing(request, project, meeting):
    """The chair's briefing for the opening (seed 001): who is there for which expertise, and
    the interests they declared, which the chair mentions."""
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    attendances = list(
        meeting.attendances.exclude(status=AttendanceStatus.DECLINED)
        .select_related("participant")
        .order_by("participant__name")
    )
    agenda = list(meeting.agenda_items.prefetch_related("questions"))
    return render(
        request,
        "meetings/briefing.html",
        {
            "project": project,
            "meeting": meeting,
            "attendances": attendances,
            "with_interests": [a for a in attendances if a.participant.declared_interests],
            "agenda": agenda,
        },
    )


# -- calendar ------------------------------------------------------------------------------------


@login_required
def calendar(request, project):
    project = get_project(request, project, VIEW)
    found = MeetingSettings.objects.filter(project=project).first()
    feed = calendar_services.feed_url(found.feed_token) if found else ""
    return render(
        request,
        "meetings/calendar.html",
        {
            "project": project,
            "feed_url": feed,
            "rotated_at": found.feed_rotated_at if found else None,
            "meetings": Meeting.objects.filter(project=project).order_by("starts_at"),
            "may_manage": request.user.has_perm(MANAGE, project),
        },
    )


@login_required
@require_POST
def feed_rotate(request, project):
    project = get_project(request, project, MANAGE)
    had = MeetingSettings.objects.filter(project=project).exists()
    calendar_services.feed_rotate(actor=request.user, project=project)
    messages.success(
        request,
        _("De agendalink is vernieuwd; de oude link werkt niet meer.")
        if had
        else _("De agendalink is aangemaakt."),
    )
    return redirect("meetings:calendar", project=project.pk)


@require_GET
def calendar_feed(request, token):
    """The project's meetings for calendar programs: no session, the secret is the URL."""
    found = get_object_or_404(MeetingSettings.objects.select_related("project"), feed_token=token)
    response = _ics_response(calendar_services.project_feed(found.project), found.project.name)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=300"
    return response
