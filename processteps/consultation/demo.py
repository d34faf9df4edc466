"""The demo project's consultation round (steps 2-4), loaded through the real services.

Angles, about thirty key figures through the pipeline, twenty interviews with reports (three
with a WebVTT transcript), most reports accepted, fragments under six themes with a mix of
quote consents and dimensions, and every accepted report marked processed (which ticks step 4's
derived checklist item). The data is in :mod:`processteps.consultation.demo_data`.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from documents.demo import demo_document_publish
from processteps.consultation.demo_data import (
    ANGLES,
    BLOEMLEZING_INTRODUCTION,
    BLOEMLEZING_THEMES_TEXT,
    BRIEFING,
    INTERVIEWS,
    KEY_FIGURES,
    OMGEVINGSANALYSE_SECTIONS,
    OOGST_SECTIONS,
    THEMES,
)
from processteps.consultation.models import KeyFigureStatus, ReportStatus
from processteps.models import Project, Role

from .services import interviews as interview_services
from .services import keyfigures as kf_services
from .services import reports as report_services

# How a key figure gets to its status (after approval); "interviewed" comes with the report.
PIPELINE = {
    KeyFigureStatus.PROPOSED: (),
    KeyFigureStatus.APPROACHED: (KeyFigureStatus.APPROACHED,),
    KeyFigureStatus.AGREED: (KeyFigureStatus.APPROACHED, KeyFigureStatus.AGREED),
    KeyFigureStatus.DECLINED: (KeyFigureStatus.APPROACHED, KeyFigureStatus.DECLINED),
    KeyFigureStatus.INTERVIEWED: (KeyFigureStatus.APPROACHED, KeyFigureStatus.AGREED),
}
REPORT_DUE_DAYS = 7


def demo_consultation_load(*, project: Project, leader, members=None) -> bool:
    """Load the consultation round into ``project`` once; False when it is already there.

    ``members`` are the team members who interview alongside the leader (the first one is
    "member" in the data); without any, the leader does every interview.
    """
    if project.key_figures.exists() or project.themes.exists():
        return False
    members = list(members or [])
    if not members:
        members = [
            m.user for m in project.memberships.filter(role=Role.MEMBER).select_related("user")
        ]
    people = {"leader": leader, "member": members[0] if members else leader}
    with transaction.atomic():
        angles = _angles(project, leader)
        figures = _key_figures(project, people, angles)
        _briefing(project, people)
        themes = _themes(project, leader)
        specs = sorted(INTERVIEWS, key=lambda spec: spec["scheduled_at"])
        for spec in specs:
            _interview(project, people, figures[spec["key_figure"]], spec, themes)
    return True


def _angles(project, leader) -> dict:
    angles = {}
    for name, subs in ANGLES:
        angle = kf_services.angle_add(actor=leader, project=project, name=name)
        angles[name] = angle
        for sub in subs:
            angles[(name, sub)] = kf_services.angle_add(
                actor=leader, project=project, name=sub, parent=angle
            )
    return angles


CONTACT_FIELDS = ("organisation", "organisation_type", "function", "email", "phone")
ADDRESS_FIELDS = ("address", "postcode", "city")


def _key_figures(project, people, angles) -> dict:
    leader = people["leader"]
    figures = {}
    for spec in KEY_FIGURES:
        fields = {f: spec.get(f, "") for f in (*CONTACT_FIELDS, *ADDRESS_FIELDS)}
        key_figure = kf_services.key_figure_propose(
            actor=people[spec["proposed_by"]],
            project=project,
            name=spec["name"],
            angle=angles[spec["angle"]],
            subangle=angles[(spec["angle"], spec["subangle"])] if spec["subangle"] else None,
            is_usual_suspect=spec["is_usual_suspect"],
            proposal_reason=spec.get("proposal_reason", ""),
            **fields,
        )
        if spec["approved"]:
            key_figure = kf_services.key_figure_approve(actor=leader, key_figure=key_figure)
            for status in PIPELINE[KeyFigureStatus(spec["status"])]:
                key_figure = kf_services.key_figure_set_status(
                    actor=leader, key_figure=key_figure, status=status
                )
        figures[spec["name"]] = key_figure
    return figures


def _briefing(project, people) -> None:
    briefing = interview_services.briefing_publish(
        actor=people["leader"], project=project, text=BRIEFING
    )
    for user in {people["leader"], people["member"]}:
        interview_services.briefing_acknowledge(actor=user, briefing=briefing)


def _themes(project, leader) -> dict:
    themes = {}
    for name, description, subs in THEMES:
        theme = report_services.theme_add(
            actor=leader, project=project, name=name, description=description
        )
        themes[name] = theme
        for sub in subs:
            themes[sub] = report_services.theme_add(
                actor=leader, project=project, name=sub, parent=theme
            )
    return themes


def _interview(project, people, key_figure, spec, themes) -> None:
    leader = people["leader"]
    interviewers = list(dict.fromkeys(people[who] for who in spec["interviewers"]))
    author = interviewers[0]
    when = timezone.make_aware(datetime.datetime.fromisoformat(spec["scheduled_at"]))
    interview = interview_services.interview_create(
        actor=leader,
        key_figure=key_figure,
        interviewers=interviewers,
        scheduled_at=when,
        form=spec["form"],
        consent_recording=spec["consent_recording"],
        quote_consent=spec["quote_consent"],
        report_due=when.date() + datetime.timedelta(days=REPORT_DUE_DAYS),
    )
    report = report_services.report_for(interview)
    data = spec["report"]
    if spec.get("transcript"):
        text = spec["transcript"].format(
            leader=_full_name(leader), member=_full_name(people["member"])
        )
        upload = SimpleUploadedFile(
            f"interview-{slugify(key_figure.name)}.vtt",
            text.encode("utf-8"),
            content_type="text/vtt",
        )
        report_services.transcript_upload(actor=author, report=report, upload=upload)
        report.refresh_from_db()
    fields = {f: data[f] for f in ("problem", "causes", "solutions", "values", "free_text")}
    report = report_services.report_save(
        actor=author, report=report, version=report.version, **fields
    )
    status = data["status"]
    if status != ReportStatus.DRAFT:
        report = report_services.report_submit(actor=author, report=report)
    if status == ReportStatus.RETURNED:
        report_services.report_return(
            actor=leader, report=report, comments=data.get("return_comments", "")
        )
    if status == ReportStatus.ACCEPTED:
        report = report_services.report_accept(actor=leader, report=report)
        _fragments(report, leader, spec["fragments"], themes)
        report_services.report_mark_processed(actor=leader, report=report)
    else:
        # The conversation took place; the report is still to come.
        kf_services.key_figure_set_status(
            actor=leader, key_figure=key_figure, status=KeyFigureStatus.INTERVIEWED
        )


def _fragments(report, actor, specs, themes) -> None:
    passages = []
    if any(spec["field"] == "transcript" for spec in specs):
        passages = list(report.transcript.passages.select_related("transcript"))
    for spec in specs:
        passage = None
        if spec["field"] == "transcript":
            passage = next(p for p in passages if spec["text"] in p.text)
        report_services.fragment_create(
            actor=actor,
            report=report,
            text=spec["text"],
            themes=[themes[name] for name in spec["themes"]],
            dimension=spec["dimension"],
            passage=passage,
            source_field="" if passage else spec["field"],
        )


def _full_name(user) -> str:
    return user.get_full_name() or user.get_username()


# -- the Bloemlezing ---------------------------------------------------------------------------

SECTIONS = {"inleiding": BLOEMLEZING_INTRODUCTION, "themas": BLOEMLEZING_THEMES_TEXT}
STEP = "harvest"


def demo_load(*, project, leader) -> None:
    """The consultation round's part of the demo: load the round (once), then write, version,
    render and publish the Bloemlezing (once)."""
    members = [m.user for m in project.memberships.filter(role=Role.MEMBER).select_related("user")]
    demo_consultation_load(project=project, leader=leader, members=members)
    demo_document_publish(
        project=project,
        leader=leader,
        step_key="key_figures",
        sections=OMGEVINGSANALYSE_SECTIONS,
        change_note="Invalshoeken en sleutelfiguren vastgesteld",
    )
    demo_document_publish(
        project=project,
        leader=leader,
        step_key="interviews",
        sections=OOGST_SECTIONS,
        change_note="Verantwoording van de interviews",
    )
    demo_document_publish(
        project=project,
        leader=leader,
        step_key=STEP,
        sections=SECTIONS,
        change_note="Bloemlezing van de consultatieronde",
    )
