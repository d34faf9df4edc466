"""Builders for the consultation tests (interviews, reports, fragments, search).

No tests here: the other test_interviews*/test_reports*/test_fragments*/test_search* modules
import these. They go through the real services, so what they build is what the app builds.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from processteps.consultation.models import (
    Interview,
    InterviewReport,
    KeyFigure,
    ReportStatus,
    Theme,
)
from processteps.consultation.services import interviews as interview_services
from processteps.consultation.services import keyfigures as keyfigure_services
from processteps.consultation.services import reports as report_services
from processteps.models import Project, Role

VTT = """WEBVTT

00:00:01.000 --> 00:00:06.500
<v Tim Teamlid>Wat is volgens u het grootste probleem in de wijk?</v>

00:00:07.000 --> 00:00:15.000
<v Anna de Vries>Er zijn te weinig betaalbare woningen voor jonge gezinnen.</v>

00:01:23.000 --> 00:01:30.000
<v Anna de Vries>De buurtkamer is de plek waar mensen elkaar nog ontmoeten.</v>
"""


def leader_of(project: Project):
    """The project's leader (the ``project`` fixture carries it; a fresh instance does not)."""
    leader = getattr(project, "leader", None)
    return leader or project.memberships.get(role=Role.LEADER).user


def vtt_upload(name="gesprek.vtt", text=VTT) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/vtt")


def key_figure(
    project: Project,
    *,
    name="Anna de Vries",
    organisation="Woonbond Noord",
    organisation_type="Huurdersorganisatie",
    email="anna@example.org",
    phone="06-12345678",
    approved=True,
    **fields,
) -> KeyFigure:
    figure = keyfigure_services.key_figure_propose(
        actor=leader_of(project),
        project=project,
        name=name,
        organisation=organisation,
        organisation_type=organisation_type,
        email=email,
        phone=phone,
        **fields,
    )
    if approved:
        figure = keyfigure_services.key_figure_approve(actor=leader_of(project), key_figure=figure)
    return figure


def interview(
    project: Project, figure: KeyFigure | None = None, *, interviewers=None, **fields
) -> Interview:
    figure = figure or key_figure(project)
    fields.setdefault("scheduled_at", datetime.datetime(2024, 3, 1, 10, 0, tzinfo=datetime.UTC))
    return interview_services.interview_create(
        actor=leader_of(project),
        key_figure=figure,
        interviewers=interviewers or [project.member],
        **fields,
    )


def report(
    interview: Interview, *, status=ReportStatus.DRAFT, author=None, **text
) -> InterviewReport:
    """A report with text, brought to ``status`` through the services."""
    project = interview.project
    author = author or interview.interviewers.first()
    result = report_services.report_for(interview)
    text = text or {
        "problem": "Er zijn te weinig betaalbare woningen in de wijk.",
        "solutions": "Bouw kleine woningen voor starters.",
    }
    result = report_services.report_save(
        actor=author, report=result, version=result.version, **text
    )
    if status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED):
        result = report_services.report_submit(actor=author, report=result)
    if status == ReportStatus.ACCEPTED:
        result = report_services.report_accept(actor=leader_of(project), report=result)
    if status == ReportStatus.RETURNED:
        result = report_services.report_return(
            actor=leader_of(project), report=result, comments="Graag de oorzaken aanvullen."
        )
    return InterviewReport.objects.select_related("interview__key_figure").get(pk=result.pk)


def accepted_report_with_transcript(project, figure=None, **interview_fields):
    """An accepted report whose transcript has three passages (the VTT above)."""
    the_interview = interview(project, figure, **interview_fields)
    result = report(the_interview)
    report_services.transcript_upload(
        actor=the_interview.interviewers.first(), report=result, upload=vtt_upload()
    )
    result = report_services.report_submit(actor=the_interview.interviewers.first(), report=result)
    result = report_services.report_accept(actor=leader_of(project), report=result)
    return InterviewReport.objects.select_related("interview__key_figure").get(pk=result.pk)


def theme(project: Project, name: str, parent: Theme | None = None) -> Theme:
    return report_services.theme_add(
        actor=leader_of(project), project=project, name=name, parent=parent
    )


def fragment(report_obj: InterviewReport, text: str, *themes, passage=None, dimension=""):
    project = report_obj.interview.project
    return report_services.fragment_create(
        actor=leader_of(project),
        report=report_obj,
        text=text,
        themes=list(themes),
        passage=passage,
        dimension=dimension,
    )
