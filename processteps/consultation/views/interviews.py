"""Interviews (step 3): the overview with load and overdue reports, planning, claiming,
invitations (template, preview, sending, the log) and the interviewer briefing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from processteps.access import check, get_project
from processteps.consultation.forms.interviews import (
    BriefingForm,
    InterviewPlanForm,
    InvitationPreviewForm,
    InvitationSendForm,
    InvitationTemplateForm,
)
from processteps.consultation.models import (
    Briefing,
    BriefingAcknowledgement,
    Interview,
    InterviewReport,
    KeyFigure,
    SentMail,
)
from processteps.consultation.selectors import (
    OPEN_STATES,
    claimable_page,
    interviewer_load,
    interviews_page,
    overdue_in_order,
)
from processteps.consultation.services import interviews as interview_services
from processteps.consultation.services import reports as report_services
from processteps.models import Role
from processteps.pagecache import cached_page
from processteps.rules import role_in
from processteps.views.common import apply_errors

INTERVIEWS_PER_PAGE = 25
CLAIMABLE_PER_PAGE = 10


def interviews_url(project) -> str:
    return reverse("consultation:interviews", kwargs={"project": project.pk})


def _get_interview(project, pk) -> Interview:
    interview = get_object_or_404(
        Interview.objects.filter(project=project).select_related("key_figure"), pk=pk
    )
    interview.project = project
    return interview


@login_required
@cached_page
def interviews(request, project):
    project = get_project(request, project, "consultation.view_interviews")
    user = request.user
    page = interviews_page(project, request.GET.get("page"), per_page=INTERVIEWS_PER_PAGE)
    runs = user.has_perm("consultation.manage_interviews", project)
    is_member = role_in(user, project) == Role.MEMBER
    for interview in page.object_list:
        people = interview.interviewers.all()
        interview.is_mine = any(person.pk == user.pk for person in people)
        # The edit_report rule, decided from what is loaded (no query per row).
        interview.may_edit_report = runs or (is_member and interview.is_mine)
        interview.report_editable = interview.may_edit_report and (
            interview.report_obj is not None and interview.report_obj.status in OPEN_STATES
        )
    may_claim = user.has_perm("consultation.claim_interview", project) and role_in(
        user, project
    ) in (Role.LEADER, Role.MEMBER)
    claimable = (
        claimable_page(project, user, request.GET.get("claimen"), per_page=CLAIMABLE_PER_PAGE)
        if may_claim
        else Paginator([], CLAIMABLE_PER_PAGE).get_page(1)
    )
    context = {
        "project": project,
        "interviews": page.object_list,
        "page": page,
        "load": interviewer_load(project),
        "overdue": overdue_in_order(project),
        "may_manage": runs,
        "may_claim": may_claim,
        "claimable": claimable.object_list,
        "claimable_page": claimable,
        "may_search": user.has_perm("consultation.search", project),
    }
    return render(request, "consultation/interviews/list.html", context)


@login_required
def interview_create(request, project):
    project = get_project(request, project, "consultation.manage_interviews")
    initial = {"key_figure": request.GET.get("key_figure")}
    form = InterviewPlanForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            interview_services.interview_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het interview is gepland."))
            return redirect(interviews_url(project))
    return render(
        request, "consultation/interviews/interview_form.html", {"project": project, "form": form}
    )


@login_required
def interview_edit(request, project, interview):
    project = get_project(request, project, "consultation.manage_interviews")
    interview = _get_interview(project, interview)
    initial = {
        "interviewers": list(interview.interviewers.values_list("pk", flat=True)),
        "scheduled_at": interview.scheduled_at,
        "form": interview.form,
        "consent_recording": interview.consent_recording,
        "quote_consent": interview.quote_consent,
        "report_due": interview.report_due,
    }
    form = InterviewPlanForm(
        request.POST or None, project=project, interview=interview, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            interview_services.interview_update(
                actor=request.user, interview=interview, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het interview is opgeslagen."))
            return redirect(interviews_url(project))
    return render(
        request,
        "consultation/interviews/interview_form.html",
        {"project": project, "form": form, "interview": interview},
    )


@login_required
@require_POST
def interview_claim(request, project, key_figure):
    project = get_project(request, project, "consultation.claim_interview")
    key_figure = get_object_or_404(KeyFigure.objects.filter(project=project), pk=key_figure)
    if not key_figure.is_approved or key_figure.erased_at:
        messages.error(request, _("Alleen een goedgekeurde sleutelfiguur kan worden geclaimd."))
        return redirect(interviews_url(project))
    try:
        interview_services.interview_claim(actor=request.user, key_figure=key_figure)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request,
            _("Je interviewt nu %(name)s.") % {"name": key_figure.display_name},
        )
    return redirect(interviews_url(project))


@login_required
@require_http_methods(["GET", "POST"])
def interview_report(request, project, interview):
    """The interview's report. Its interviewer starts it with a POST (created empty the first
    time); a GET only leads to a report that exists, else back to the interview's row."""
    project = get_project(request, project, "consultation.view_interviews")
    interview = _get_interview(project, interview)
    report = InterviewReport.objects.filter(interview=interview).first()
    if report is None:
        check(request, "consultation.edit_report", InterviewReport(interview=interview))
        if request.method != "POST":
            return redirect(f"{interviews_url(project)}#interview-{interview.pk}")
        report = report_services.report_open(actor=request.user, interview=interview)
    return redirect("consultation:report", project=project.pk, report=report.pk)


# -- invitations --------------------------------------------------------------------------------


@login_required
def invitation(request, project):
    """Edit the invitation template (POST), preview it for a key figure (GET ?key_figure=)."""
    project = get_project(request, project, "consultation.manage_interviews")
    template = interview_services.invitation_template_get(project)
    status = 200
    if request.method == "POST":
        form = InvitationTemplateForm(request.POST)
        if form.is_valid():
            try:
                interview_services.invitation_template_save(
                    actor=request.user, project=project, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De uitnodigingsmail is opgeslagen."))
                return redirect("consultation:invitation", project=project.pk)
        status = 400
    else:
        form = InvitationTemplateForm(initial={"subject": template.subject, "body": template.body})
    preview_form = InvitationPreviewForm(
        request.GET if "key_figure" in request.GET else None, project=project
    )
    preview = None
    if preview_form.is_bound and preview_form.is_valid():
        key_figure = preview_form.cleaned_data["key_figure"]
        subject, body = interview_services.invitation_preview(project, key_figure)
        preview = {"key_figure": key_figure, "subject": subject, "body": body}
    context = {
        "project": project,
        "form": form,
        "template": template,
        "merge_fields": list(interview_services.MERGE_FIELDS),
        "preview_form": preview_form,
        "preview": preview,
        "send_form": InvitationSendForm(project=project),
    }
    return render(request, "consultation/interviews/invitation.html", context, status=status)


@login_required
@require_POST
def invitation_send(request, project):
    project = get_project(request, project, "consultation.manage_interviews")
    form = InvitationSendForm(request.POST, project=project)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("consultation:invitation", project=project.pk)
    try:
        mails = interview_services.invitations_send(
            actor=request.user, project=project, key_figures=list(form.cleaned_data["key_figures"])
        )
    except ValidationError as exc:
        apply_errors(request, exc)
        return redirect("consultation:invitation", project=project.pk)
    messages.success(
        request,
        ngettext(
            "%(count)d uitnodiging staat klaar om te versturen; de status staat in het logboek.",
            "%(count)d uitnodigingen staan klaar om te versturen; de status staat in het logboek.",
            len(mails),
        )
        % {"count": len(mails)},
    )
    return redirect("consultation:sent_mails", project=project.pk)


@login_required
def sent_mails(request, project):
    project = get_project(request, project, "consultation.manage_interviews")
    mails = SentMail.objects.filter(project=project).select_related("key_figure", "sent_by")
    return render(
        request, "consultation/interviews/sent_mails.html", {"project": project, "mails": mails}
    )


# -- briefing -----------------------------------------------------------------------------------


def _as_html(text: str) -> str:
    """Plain text becomes paragraphs; text with markup is kept (the service sanitises it)."""
    return text if "<" in text else linebreaks(text, autoescape=True)


@login_required
def briefing(request, project):
    project = get_project(request, project, "consultation.view_interviews")
    current = Briefing.objects.filter(project=project).select_related("published_by").first()
    may_manage = request.user.has_perm("consultation.manage_interviews", project)
    status = 200
    form = None
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        form = BriefingForm(request.POST)
        if form.is_valid():
            try:
                interview_services.briefing_publish(
                    actor=request.user, project=project, text=_as_html(form.cleaned_data["text"])
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(
                    request, _("De briefing is gepubliceerd; de interviewers bevestigen hem.")
                )
                return redirect("consultation:briefing", project=project.pk)
        status = 400
    elif may_manage:
        form = BriefingForm(initial={"text": current.text if current else ""})

    acknowledged = None
    team = []
    if current and current.published_at:
        acks = {
            ack.user_id: ack
            for ack in BriefingAcknowledgement.objects.filter(
                briefing=current, revision=current.revision
            )
        }
        acknowledged = acks.get(request.user.pk)
        if may_manage:
            memberships = project.memberships.filter(
                role__in=[Role.LEADER, Role.MEMBER]
            ).select_related("user")
            team = [{"user": m.user, "role": m, "ack": acks.get(m.user_id)} for m in memberships]
    context = {
        "project": project,
        "briefing": current,
        "form": form,
        "may_manage": may_manage,
        "may_acknowledge": request.user.has_perm("consultation.acknowledge_briefing", project),
        "acknowledged": acknowledged,
        "team": team,
    }
    return render(request, "consultation/interviews/briefing.html", context, status=status)


@login_required
@require_POST
def briefing_acknowledge(request, project):
    project = get_project(request, project, "consultation.acknowledge_briefing")
    current = get_object_or_404(Briefing, project=project)
    current.project = project
    try:
        interview_services.briefing_acknowledge(actor=request.user, briefing=current)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Bevestigd: gelezen en begrepen."))
    return redirect("consultation:briefing", project=project.pk)
