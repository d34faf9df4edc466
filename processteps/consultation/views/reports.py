"""Interview reports: the structured form (refusing stale saves without losing text),
submission and review, attachments (downloaded through a permission check), transcripts and
their searchable passages."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import check, get_project
from processteps.consultation.forms.interviews import (
    AttachmentForm,
    ReportForm,
    ReturnForm,
    TranscriptForm,
)
from processteps.consultation.models import (
    InterviewReport,
    ReportAttachment,
    ReportStatus,
    Transcript,
    TranscriptPassage,
)
from processteps.consultation.selectors import field_label, format_time, fragments_of_report
from processteps.consultation.services import reports as report_services
from processteps.views.common import apply_errors

PASSAGE_LIMIT = 2000


def _get_report(project, pk) -> InterviewReport:
    report = get_object_or_404(
        InterviewReport.objects.filter(interview__project=project).select_related(
            "interview__key_figure", "author", "accepted_by"
        ),
        pk=pk,
    )
    report.interview.project = project
    return report


def _passages(transcript, query: str = "") -> list[TranscriptPassage]:
    if transcript is None:
        return []
    passages = TranscriptPassage.objects.filter(transcript=transcript).order_by("index")
    query = query.strip()
    if query:
        passages = passages.filter(Q(text__icontains=query) | Q(speaker__icontains=query))
    passages = list(passages[:PASSAGE_LIMIT])
    for passage in passages:
        passage.time_label = format_time(passage.start)
        passage.end_label = format_time(passage.end)
    return passages


def _report_transcript(report) -> Transcript | None:
    return Transcript.objects.filter(report=report).select_related("uploaded_by").first()


def report_context(request, project, report, *, form=None, conflict=None, **forms) -> dict:
    user = request.user
    may_edit = user.has_perm("consultation.edit_report", report)
    editable = report.status in report_services.EDITABLE
    may_review = user.has_perm("consultation.review_report", project)
    may_mark = (
        user.has_perm("consultation.mark_fragments", project)
        and report.status == ReportStatus.ACCEPTED
    )
    query = request.GET.get("q", "")
    transcript = _report_transcript(report)
    passages = _passages(transcript, query)
    if form is None and may_edit and editable:
        form = ReportForm(
            initial={
                "version": report.version,
                **{f: getattr(report, f) for f in InterviewReport.CONTENT_FIELDS},
            }
        )
    interview = report.interview
    context = {
        "project": project,
        "report": report,
        "interview": interview,
        "interviewers": list(interview.interviewers.all()),
        "fields": [
            {"name": f, "label": field_label(f), "value": getattr(report, f)}
            for f in InterviewReport.CONTENT_FIELDS
        ],
        "form": form if may_edit and editable else None,
        "conflict": conflict,
        "may_edit": may_edit,
        "editable": editable,
        "may_review": may_review,
        "may_mark": may_mark,
        "transcript": transcript,
        "passages": passages,
        "passage_query": query,
        "attachments": list(report.attachments.select_related("uploaded_by")),
        "fragments": fragments_of_report(report),
    }
    if may_edit:
        context["attachment_form"] = forms.get("attachment_form") or AttachmentForm()
        if editable:
            context["transcript_form"] = forms.get("transcript_form") or TranscriptForm()
    if may_review and report.status == ReportStatus.SUBMITTED:
        context["return_form"] = forms.get("return_form") or ReturnForm()
    return context


def _render(request, project, report, status=200, **kwargs):
    return render(
        request,
        "consultation/interviews/report.html",
        report_context(request, project, report, **kwargs),
        status=status,
    )


@login_required
def report(request, project, report):
    """The report page; POST saves the text (and with ``action=submit`` submits it)."""
    project = get_project(request, project, "consultation.view_interviews")
    report = _get_report(project, report)
    if request.method != "POST":
        return _render(request, project, report)
    check(request, "consultation.edit_report", report)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _render(request, project, report, status=400, form=form)
    try:
        report = report_services.report_save(
            actor=request.user,
            report=report,
            version=form.cleaned_data["version"],
            **form.content(),
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "stale":
            # Keep what this person typed; show what the other person saved next to it.
            form.add_error(None, exc)
            report = _get_report(project, report.pk)
            return _render(request, project, report, status=409, form=form, conflict=report)
        apply_errors(request, exc)
        return redirect("consultation:report", project=project.pk, report=report.pk)
    if request.POST.get("action") == "submit":
        try:
            report_services.report_submit(actor=request.user, report=report)
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("Het verslag is ingediend bij de projectleider."))
            return redirect("consultation:report", project=project.pk, report=report.pk)
    messages.success(request, _("Het verslag is opgeslagen."))
    return redirect("consultation:report", project=project.pk, report=report.pk)


@login_required
def report_passages(request, project, report):
    """The passages of a report's transcript, filtered by ``?q=`` (htmx swaps the list)."""
    project = get_project(request, project, "consultation.view_interviews")
    report = _get_report(project, report)
    if not request.htmx:
        url = redirect("consultation:report", project=project.pk, report=report.pk).url
        query = request.GET.get("q", "")
        return redirect(f"{url}?{request.GET.urlencode()}#passages" if query else url)
    transcript = _report_transcript(report)
    passages = _passages(transcript, request.GET.get("q", ""))
    may_mark = (
        request.user.has_perm("consultation.mark_fragments", project)
        and report.status == ReportStatus.ACCEPTED
    )
    return render(
        request,
        "consultation/interviews/_passages.html",
        {
            "project": project,
            "report": report,
            "transcript": transcript,
            "passages": passages,
            "passage_query": request.GET.get("q", ""),
            "may_mark": may_mark,
        },
    )


@login_required
@require_POST
def report_accept(request, project, report):
    project = get_project(request, project, "consultation.review_report")
    report = _get_report(project, report)
    try:
        report_services.report_accept(actor=request.user, report=report)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Het verslag is geaccepteerd."))
    return redirect("consultation:report", project=project.pk, report=report.pk)


@login_required
@require_POST
def report_return(request, project, report):
    project = get_project(request, project, "consultation.review_report")
    report = _get_report(project, report)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            report_services.report_return(
                actor=request.user, report=report, comments=form.cleaned_data["comments"]
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het verslag is teruggestuurd naar de interviewer."))
            return redirect("consultation:report", project=project.pk, report=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        return redirect("consultation:report", project=project.pk, report=report.pk)
    return _render(request, project, report, status=400, return_form=form)


@login_required
@require_POST
def report_processed(request, project, report):
    project = get_project(request, project, "consultation.review_report")
    report = _get_report(project, report)
    processed = request.POST.get("processed") in ("1", "true", "on")
    try:
        report_services.report_mark_processed(
            actor=request.user, report=report, processed=processed
        )
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request,
            _("Het verslag is gemarkeerd als verwerkt.")
            if processed
            else _("Het verslag is gemarkeerd als niet verwerkt."),
        )
    return redirect("consultation:report", project=project.pk, report=report.pk)


@login_required
@require_POST
def report_attachment_add(request, project, report):
    project = get_project(request, project, "consultation.view_interviews")
    report = _get_report(project, report)
    check(request, "consultation.edit_report", report)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            report_services.attachment_add(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De bijlage is toegevoegd."))
            return redirect("consultation:report", project=project.pk, report=report.pk)
    return _render(request, project, report, status=400, attachment_form=form)


@login_required
def report_attachment_download(request, project, report, attachment):
    project = get_project(request, project, "consultation.view_interviews")
    report = _get_report(project, report)
    attachment = get_object_or_404(ReportAttachment.objects.filter(report=report), pk=attachment)
    if not attachment.file:
        raise Http404
    filename = attachment.file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def report_transcript(request, project, report):
    project = get_project(request, project, "consultation.view_interviews")
    report = _get_report(project, report)
    check(request, "consultation.edit_report", report)
    form = TranscriptForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            transcript = report_services.transcript_upload(
                actor=request.user, report=report, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            # A bad file changes nothing; the reason is shown at the upload field.
            form.add_error("file", exc.messages)
        else:
            count = transcript.passages.count()
            messages.success(
                request,
                _("Het transcript is ingelezen: %(count)s passages.") % {"count": count},
            )
            return redirect("consultation:report", project=project.pk, report=report.pk)
    return _render(request, project, report, status=400, transcript_form=form)
