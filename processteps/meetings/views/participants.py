"""Participants: the register (team-only: contact data and declared interests), adding and
importing, attendance at a meeting (invite, register, waiting list, present/absent), and the
invitation mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from processteps.access import check, get_project
from processteps.models import PartyKind
from processteps.views.common import apply_errors

from ..forms import (
    AttendanceAddForm,
    InvitationSendForm,
    InvitationTemplateForm,
    ParticipantForm,
    ParticipantImportForm,
)
from ..models import Attendance, AttendanceStatus, MeetingMail, Participant
from ..selectors import over_expert_max
from ..services import participants as services
from .common import MANAGE, RECORD, VIEW, form_errors, get_in_project, get_meeting, to_meeting


@login_required
def participants(request, project):
    project = get_project(request, project, VIEW)
    rows = (
        Participant.objects.filter(project=project)
        .select_related("key_figure")
        .annotate(
            meeting_count=Count(
                "attendances", filter=~Q(attendances__status=AttendanceStatus.DECLINED)
            ),
            present_count=Count(
                "attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)
            ),
        )
        .order_by("name", "id")
    )
    return render(
        request,
        "meetings/participants.html",
        {
            "project": project,
            "participants": rows,
            "may_manage": request.user.has_perm(MANAGE, project),
        },
    )


@login_required
def participant_add(request, project):
    project = get_project(request, project, MANAGE)
    form = ParticipantForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.participant_add(actor=request.user, project=project, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De deelnemer is toegevoegd."))
                return redirect("meetings:participants", project=project.pk)
        status = 400
    return render(
        request,
        "meetings/participant_form.html",
        {"project": project, "form": form},
        status=status,
    )


@login_required
def participant_edit(request, project, participant):
    project = get_project(request, project, MANAGE)
    participant = get_in_project(Participant, project, participant)
    form = ParticipantForm(request.POST or None, instance=participant)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.participant_update(
                    actor=request.user, participant=participant, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De deelnemer is opgeslagen."))
                return redirect("meetings:participants", project=project.pk)
        status = 400
    return render(
        request,
        "meetings/participant_form.html",
        {"project": project, "form": form, "participant": participant},
        status=status,
    )


@login_required
def participant_import(request, project):
    project = get_project(request, project, MANAGE)
    form = ParticipantImportForm(request.POST or None, request.FILES or None, project=project)
    problems = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.participants_import(
                    actor=request.user,
                    project=project,
                    upload=form.cleaned_data["file"],
                    meeting=form.cleaned_data["meeting"],
                )
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s deelnemer geïmporteerd.",
                        "%(count)s deelnemers geïmporteerd.",
                        result.count,
                    )
                    % {"count": result.count},
                )
                return redirect("meetings:participants", project=project.pk)
        status = 400
    return render(
        request,
        "meetings/participant_import.html",
        {
            "project": project,
            "form": form,
            "problems": problems,
            "headers": services.HEADERS,
            "groups": [kind.label for kind in PartyKind],
        },
        status=status,
    )


@login_required
def participant_template(request, project):
    project = get_project(request, project, MANAGE)
    response = HttpResponse(services.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="deelnemers.csv"'
    return response


# -- attendance at a meeting --------------------------------------------------------------------


@login_required
@require_POST
def attendance_add(request, project, meeting):
    project = get_project(request, project, MANAGE)
    meeting = get_meeting(project, meeting)
    form = AttendanceAddForm(request.POST, project=project, meeting=meeting)
    if not form.is_valid():
        form_errors(request, form)
        return to_meeting(meeting, "participants")
    try:
        with transaction.atomic():
            people = list(form.cleaned_data["participants"])
            people += services.participants_from_key_figures(
                actor=request.user, project=project, key_figures=form.cleaned_data["key_figures"]
            )
            result = services.attendances_add(
                actor=request.user, meeting=meeting, participants=people
            )
    except ValidationError as exc:
        apply_errors(request, exc)
        return to_meeting(meeting, "participants")
    messages.success(
        request,
        ngettext(
            "%(count)s deelnemer staat op de uitnodigingslijst.",
            "%(count)s deelnemers staan op de uitnodigingslijst.",
            len(result.added),
        )
        % {"count": len(result.added)},
    )
    if over_expert_max(meeting):
        messages.warning(
            request,
            _("Deze expertmeeting heeft nu meer dan tien deelnemers. Een expertmeeting gaat de "
              "diepte in; overweeg haar naar thema te splitsen."),
        )  # fmt: skip
    return to_meeting(meeting, "participants")


def _attendance(request, project, meeting, attendance, perm):
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    check(request, perm, meeting)
    attendance = get_object_or_404(
        Attendance.objects.filter(meeting=meeting).select_related("participant"), pk=attendance
    )
    attendance.meeting = meeting
    return meeting, attendance


@login_required
@require_POST
def attendance_register(request, project, meeting, attendance):
    meeting, attendance = _attendance(request, project, meeting, attendance, MANAGE)
    try:
        attendance = services.attendance_register(actor=request.user, attendance=attendance)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        if attendance.status == AttendanceStatus.WAITLISTED:
            messages.warning(
                request,
                _("De bijeenkomst is vol: %(name)s staat op de wachtlijst.")
                % {"name": attendance.participant.name},
            )
        else:
            messages.success(
                request, _("%(name)s is aangemeld.") % {"name": attendance.participant.name}
            )
    return to_meeting(meeting, "participants")


@login_required
@require_POST
def attendance_decline(request, project, meeting, attendance):
    meeting, attendance = _attendance(request, project, meeting, attendance, MANAGE)
    try:
        services.attendance_decline(actor=request.user, attendance=attendance)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request, _("%(name)s is afgemeld.") % {"name": attendance.participant.name}
        )
    return to_meeting(meeting, "participants")


@login_required
@require_POST
def attendance_presence(request, project, meeting, attendance):
    meeting, attendance = _attendance(request, project, meeting, attendance, RECORD)
    present = request.POST.get("present") == "1"
    try:
        services.attendance_presence(actor=request.user, attendance=attendance, present=present)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request,
            (_("%(name)s was aanwezig.") if present else _("%(name)s was afwezig."))
            % {"name": attendance.participant.name},
        )
    return to_meeting(meeting, "participants")


# -- invitations --------------------------------------------------------------------------------


@login_required
@require_POST
def invitations_send(request, project, meeting):
    project = get_project(request, project, MANAGE)
    meeting = get_meeting(project, meeting)
    form = InvitationSendForm(request.POST, meeting=meeting)
    if not form.is_valid():
        form_errors(request, form)
        return to_meeting(meeting, "participants")
    try:
        mails = services.invitations_send(
            actor=request.user, meeting=meeting, attendances=form.cleaned_data["attendances"]
        )
    except ValidationError as exc:
        apply_errors(request, exc)
        return to_meeting(meeting, "participants")
    messages.success(
        request,
        ngettext(
            "%(count)d uitnodiging staat klaar om te versturen; de status staat in het logboek.",
            "%(count)d uitnodigingen staan klaar om te versturen; de status staat in het logboek.",
            len(mails),
        )
        % {"count": len(mails)},
    )
    return redirect("meetings:mails", project=project.pk)


@login_required
def invitation(request, project):
    """Edit the invitation template (POST), preview it for an attendance (GET ?attendance=)."""
    project = get_project(request, project, MANAGE)
    template = services.settings_get(project)
    status = 200
    if request.method == "POST":
        form = InvitationTemplateForm(request.POST)
        if form.is_valid():
            try:
                services.invitation_template_save(
                    actor=request.user, project=project, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De uitnodiging is opgeslagen."))
                return redirect("meetings:invitation", project=project.pk)
        status = 400
    else:
        form = InvitationTemplateForm(
            initial={"subject": template.invitation_subject, "body": template.invitation_body}
        )
    attendances = list(
        Attendance.objects.filter(meeting__project=project)
        .select_related("participant", "meeting")
        .order_by("meeting__starts_at", "participant__name")[:200]
    )
    preview = None
    chosen = request.GET.get("attendance", "")
    for attendance in attendances:
        if str(attendance.pk) == chosen:
            attendance.meeting.project = project
            subject, body = services.invitation_preview(attendance)
            preview = {"attendance": attendance, "subject": subject, "body": body}
    return render(
        request,
        "meetings/invitation.html",
        {
            "project": project,
            "form": form,
            "merge_fields": list(services.MERGE_FIELDS),
            "attendances": attendances,
            "chosen": chosen,
            "preview": preview,
        },
        status=status,
    )


@login_required
def mails(request, project):
    project = get_project(request, project, MANAGE)
    rows = MeetingMail.objects.filter(project=project).select_related("meeting", "sent_by")[:500]
    return render(request, "meetings/mails.html", {"project": project, "mails": rows})
