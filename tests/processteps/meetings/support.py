"""Building blocks of the meetings tests: a team analysis of step 5 (made through the causes
models, as the causes tool is built alongside), themes of step 4, meetings and people."""

import datetime
from itertools import count

from django.utils import timezone

from processteps.causes.models import AnalysisKind, CausalAnalysis, CausalFactor, FactorKind
from processteps.consultation.models import KeyFigure, Theme
from processteps.meetings.models import MeetingFormat, MeetingKind
from processteps.meetings.services import meetings as meeting_services
from processteps.meetings.services import participants as participant_services

_sequence = count(1)


def team_causes(project, statements=("Te weinig woningen", "Lange wachttijden"), *, kind=None):
    """The project's team analysis with a symptom and these causes; returns the causes."""
    analysis, _created = CausalAnalysis.objects.get_or_create(
        project=project, kind=AnalysisKind.TEAM
    )
    CausalFactor.objects.get_or_create(
        analysis=analysis, statement="Onrust in de wijk", defaults={"kind": FactorKind.SYMPTOM}
    )
    return [
        CausalFactor.objects.create(
            analysis=analysis, statement=text, kind=kind or FactorKind.CAUSE, position=i
        )
        for i, text in enumerate(statements, start=1)
    ]


def symptom_of(project):
    return CausalFactor.objects.get(analysis__project=project, kind=FactorKind.SYMPTOM)


def theme(project, name="Wonen"):
    return Theme.objects.create(project=project, name=name, position=next(_sequence))


def key_figure(project, name="Karin Kern", **fields):
    fields.setdefault("email", f"{name.split()[0].lower()}@example.org")
    return KeyFigure.objects.create(
        project=project, name=name, approved_at=timezone.now(), **fields
    )


def at(days: int, hour: int = 10) -> datetime.datetime:
    """A moment ``days`` from now (negative: in the past), at ``hour`` o'clock local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def plan(project, *, kind=MeetingKind.EXPERT, days=14, hour=10, hours=2, actor=None, **fields):
    """A meeting through the real service: in the future, or held already (``days`` < 0)."""
    formats = {
        MeetingKind.EXPERT: MeetingFormat.EXPERT_MEETING,
        MeetingKind.DIALOGUE: MeetingFormat.WORLD_CAFE,
        MeetingKind.POLITICAL: MeetingFormat.PUBLIC_MEETING,
    }
    starts_at = fields.pop("starts_at", None) or at(days, hour)
    defaults = {
        "format": formats[kind],
        "title": f"Bijeenkomst {next(_sequence)}",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=hours),
        "place": "Wijkcentrum De Brug",
        "chair": project.leader,
    }
    defaults.update(fields)
    return meeting_services.meeting_plan(
        actor=actor or project.leader,
        project=project,
        kind=kind,
        already_held=starts_at <= timezone.now(),
        **defaults,
    )


def person(project, name=None, **fields):
    name = name or f"Deelnemer {next(_sequence)}"
    fields.setdefault("email", f"{name.lower().replace(' ', '.')}@example.org")
    return participant_services.participant_add(
        actor=project.leader, project=project, name=name, **fields
    )


def invite(meeting, people):
    participant_services.attendances_add(
        actor=meeting.project.leader, meeting=meeting, participants=people
    )
    return {a.participant_id: a for a in meeting.attendances.select_related("participant")}
