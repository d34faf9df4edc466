"""Participants of meetings: people in the data (typed, taken over from the key figures, or
imported), their attendance (invited → registered or waiting list → present/absent) and the
invitation mail."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processteps import tabular
from processteps.consultation.models import KeyFigure
from processteps.models import PartyKind, Project
from processteps.services.audit import audit_record
from processteps.tabular import TableFormat, name_key

from ..models import (
    SEAT_TAKING,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingMail,
    MeetingSettings,
    MeetingStatus,
    Participant,
)
from .checklist import meetings_checklist_sync

PARTICIPANT_FIELDS = (
    "name",
    "organisation",
    "expertise",
    "group",
    "email",
    "phone",
    "declared_interests",
)


def participant_add(*, actor, project: Project, **fields) -> Participant:
    unknown = set(fields) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown participant fields: {sorted(unknown)}")
    participant = Participant(project=project, created_by=actor, **fields)
    participant.full_clean()
    with transaction.atomic():
        participant.save()
        audit_record(actor=actor, project=project, action="participant.added", target=participant)
    return participant


def participant_update(*, actor, participant: Participant, **fields) -> Participant:
    unknown = set(fields) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown participant fields: {sorted(unknown)}")
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        changed = {k: v for k, v in fields.items() if getattr(participant, k) != v}
        if not changed:
            return participant
        for key, value in changed.items():
            setattr(participant, key, value)
        participant.full_clean()
        participant.save()
        audit_record(
            actor=actor, project=participant.project, action="participant.changed",
            target=participant, data={"fields": ", ".join(sorted(changed))},
        )  # fmt: skip
    return participant


def participants_from_key_figures(*, actor, project: Project, key_figures) -> list[Participant]:
    """Key figures of step 2 as participants, without retyping them: a key figure that is a
    participant already is reused; erased key figures are left out."""
    figures = [k for k in key_figures if not k.erased_at]
    if any(k.project_id != project.pk for k in figures):
        raise ValidationError(_("Kies sleutelfiguren van dit project."))
    existing = {
        p.key_figure_id: p
        for p in Participant.objects.filter(
            project=project, key_figure_id__in=[k.pk for k in figures]
        )
    }
    result = []
    with transaction.atomic():
        for figure in figures:
            participant = existing.get(figure.pk)
            if participant is None:
                participant = Participant.objects.create(
                    project=project,
                    key_figure=figure,
                    name=figure.name,
                    organisation=figure.organisation,
                    expertise=figure.function,
                    email=figure.email,
                    phone=figure.phone,
                    created_by=actor,
                )
                audit_record(
                    actor=actor, project=project, action="participant.from_key_figure",
                    target=participant,
                )  # fmt: skip
            result.append(participant)
    return result


# -- attendance ---------------------------------------------------------------------------------


@dataclass
class AddResult:
    added: list
    already: int


def attendances_add(*, actor, meeting: Meeting, participants) -> AddResult:
    """Put participants on a meeting's invitation list (status "uitgenodigd"); whoever is on it
    already stays as they are."""
    project = meeting.project
    participants = list(participants)
    if not participants:
        raise ValidationError(_("Kies minstens één deelnemer."))
    if any(p.project_id != project.pk for p in participants):
        raise ValidationError(_("Kies deelnemers van dit project."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Voor een afgelaste bijeenkomst wordt niemand uitgenodigd."))
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        present = set(meeting.attendances.values_list("participant_id", flat=True))
        new = [p for p in participants if p.pk not in present]
        added = Attendance.objects.bulk_create(
            Attendance(meeting=meeting, participant=p) for p in new
        )
        if added:
            audit_record(
                actor=actor, project=project, action="attendance.added", target=meeting,
                data={"count": len(added)},
            )  # fmt: skip
    return AddResult(added=added, already=len(participants) - len(new))


def _locked(attendance: Attendance) -> tuple[Attendance, Meeting]:
    meeting = (
        Meeting.objects.select_for_update().select_related("project").get(pk=attendance.meeting_id)
    )
    attendance = (
        Attendance.objects.select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=attendance.pk)
    )
    attendance.meeting = meeting
    return attendance, meeting


def _set_status(actor, attendance, status, **extra) -> None:
    attendance.status = status
    for key, value in extra.items():
        setattr(attendance, key, value)
    attendance.save()
    audit_record(
        actor=actor, project=attendance.meeting.project, action="attendance.status",
        target=attendance, data={"status": status},
    )  # fmt: skip


def _free_seats(meeting: Meeting) -> int | None:
    if meeting.capacity is None:
        return None
    return meeting.capacity - meeting.attendances.filter(status__in=SEAT_TAKING).count()


def attendance_register(*, actor, attendance: Attendance) -> Attendance:
    """The participant says they come. A capped meeting that is full puts them on the waiting
    list instead (first come, first served)."""
    with transaction.atomic():
        attendance, meeting = _locked(attendance)
        if meeting.status != MeetingStatus.PLANNED:
            raise ValidationError(_("Aanmelden kan alleen voor een geplande bijeenkomst."))
        if attendance.status in SEAT_TAKING:
            raise ValidationError(
                _("%(name)s is al aangemeld.") % {"name": attendance.participant.name}
            )
        if attendance.status == AttendanceStatus.WAITLISTED:
            raise ValidationError(
                _("%(name)s staat al op de wachtlijst; een vrijgekomen plaats gaat vanzelf naar "
                  "de eerste op de lijst.") % {"name": attendance.participant.name}
            )  # fmt: skip
        free = _free_seats(meeting)
        now = timezone.now()
        if free is not None and free <= 0:
            _set_status(actor, attendance, AttendanceStatus.WAITLISTED, waitlisted_at=now)
        else:
            _set_status(actor, attendance, AttendanceStatus.REGISTERED, registered_at=now)
    return attendance


def attendance_decline(*, actor, attendance: Attendance) -> Attendance:
    """The participant cancels; a place that frees up goes to the first on the waiting list."""
    with transaction.atomic():
        attendance, meeting = _locked(attendance)
        if meeting.status != MeetingStatus.PLANNED:
            raise ValidationError(_("Afmelden kan alleen voor een geplande bijeenkomst."))
        if attendance.status == AttendanceStatus.DECLINED:
            raise ValidationError(
                _("%(name)s is al afgemeld.") % {"name": attendance.participant.name}
            )
        _set_status(actor, attendance, AttendanceStatus.DECLINED, waitlisted_at=None)
        waitlist_promote(actor=actor, meeting=meeting)
    return attendance


def waitlist_promote(*, actor, meeting: Meeting) -> list[Attendance]:
    """Give free places to the waiting list, in order. Call inside a transaction that holds the
    meeting's lock."""
    promoted = []
    if meeting.status != MeetingStatus.PLANNED:
        return promoted
    free = _free_seats(meeting)
    waiting = meeting.attendances.filter(status=AttendanceStatus.WAITLISTED).select_related(
        "participant"
    )
    waiting = waiting.order_by("waitlisted_at", "id")
    if free is not None:
        waiting = waiting[: max(free, 0)]
    now = timezone.now()
    for attendance in waiting:
        attendance.meeting = meeting
        _set_status(
            actor, attendance, AttendanceStatus.REGISTERED, registered_at=now, waitlisted_at=None
        )
        promoted.append(attendance)
    return promoted


def attendance_presence(*, actor, attendance: Attendance, present: bool) -> Attendance:
    """Record at (or after) the meeting whether the participant came."""
    with transaction.atomic():
        attendance, meeting = _locked(attendance)
        if meeting.status == MeetingStatus.CANCELLED:
            raise ValidationError(_("Deze bijeenkomst is afgelast."))
        if meeting.starts_at > timezone.now():
            raise ValidationError(
                _("Aanwezigheid wordt bijgehouden vanaf het begin van de bijeenkomst.")
            )
        if attendance.status == AttendanceStatus.DECLINED and present:
            raise ValidationError(
                _("%(name)s had zich afgemeld; meld de deelnemer eerst opnieuw aan.")
                % {"name": attendance.participant.name}
            )
        status = AttendanceStatus.PRESENT if present else AttendanceStatus.ABSENT
        if attendance.status != status:
            _set_status(actor, attendance, status, waitlisted_at=None)
        meetings_checklist_sync(meeting.project, "enough_citizens")
    return attendance


# -- invitations --------------------------------------------------------------------------------

MERGE_FIELDS = {
    "naam": lambda a: a.participant.name,
    "organisatie": lambda a: a.participant.organisation,
    "project": lambda a: a.meeting.project.name,
    "vraagstuk": lambda a: a.meeting.project.issue,
    "opdrachtgever": lambda a: a.meeting.project.client_organisation,
    "bijeenkomst": lambda a: a.meeting.title,
    "datum": lambda a: date_format(timezone.localtime(a.meeting.starts_at), "l j F Y"),
    "tijd": lambda a: "{}–{}".format(
        date_format(timezone.localtime(a.meeting.starts_at), "H:i"),
        date_format(timezone.localtime(a.meeting.ends_at), "H:i"),
    ),
    "plaats": lambda a: a.meeting.place,
    "link": lambda a: a.meeting.online_link,
    "voorzitter": lambda a: (
        a.meeting.external_chair or (a.meeting.chair.get_full_name() if a.meeting.chair else "")
    ),
}
_FIELD = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")

DEFAULT_SUBJECT = "Uitnodiging: {{ bijeenkomst }} op {{ datum }}"
DEFAULT_BODY = (
    "Beste {{ naam }},\n\n"
    "Voor het project '{{ project }}' organiseren wij de bijeenkomst '{{ bijeenkomst }}'. "
    "U bent daarbij van harte welkom.\n\n"
    "Datum: {{ datum }}\nTijd: {{ tijd }}\nPlaats: {{ plaats }}\n\n"
    "Wilt u ons laten weten of u komt? Het aantal plaatsen is beperkt; wie zich aanmeldt als "
    "de bijeenkomst vol is, komt op de wachtlijst.\n\n"
    "Met vriendelijke groet,\n\n{{ voorzitter }}\nnamens het projectteam"
)


def template_check(text: str) -> None:
    unknown = sorted({m.group(1) for m in _FIELD.finditer(text)} - set(MERGE_FIELDS))
    if unknown:
        raise ValidationError(
            _("Onbekend invulveld: %(fields)s. Beschikbaar: %(known)s.")
            % {
                "fields": ", ".join(f"{{{{ {f} }}}}" for f in unknown),
                "known": ", ".join(f"{{{{ {f} }}}}" for f in MERGE_FIELDS),
            }
        )


def merge(text: str, attendance: Attendance) -> str:
    """Fill the merge fields; plain text only, nothing in the template is executed."""
    with translation.override(settings.LANGUAGE_CODE):
        return _FIELD.sub(
            lambda m: (
                MERGE_FIELDS[m.group(1)](attendance) if m.group(1) in MERGE_FIELDS else m.group(0)
            ),
            text,
        )


def settings_get(project: Project) -> MeetingSettings:
    """The project's meeting settings, or the defaults (unsaved) before anything was set."""
    found = MeetingSettings.objects.filter(project=project).first()
    return found or MeetingSettings(
        project=project, invitation_subject=DEFAULT_SUBJECT, invitation_body=DEFAULT_BODY
    )


def settings_for_update(project: Project) -> MeetingSettings:
    """The settings row, locked, created with the defaults the first time (inside a
    transaction)."""
    from .calendar import new_feed_token

    found = MeetingSettings.objects.select_for_update().filter(project=project).first()
    if found is not None:
        return found
    MeetingSettings.objects.get_or_create(
        project=project,
        defaults={
            "invitation_subject": DEFAULT_SUBJECT,
            "invitation_body": DEFAULT_BODY,
            "feed_token": new_feed_token(),
        },
    )
    return MeetingSettings.objects.select_for_update().get(project=project)


def invitation_template_save(*, actor, project: Project, subject: str, body: str):
    template_check(subject)
    template_check(body)
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Een uitnodiging heeft een onderwerp en een tekst."))
    with transaction.atomic():
        found = settings_for_update(project)
        found.invitation_subject, found.invitation_body = subject.strip(), body.strip()
        found.updated_by = actor
        found.save()
        audit_record(actor=actor, project=project, action="meeting_invitation.template",
                     target=project)  # fmt: skip
    return found


def invitation_preview(attendance: Attendance) -> tuple[str, str]:
    template = settings_get(attendance.meeting.project)
    return merge(template.invitation_subject, attendance), merge(
        template.invitation_body, attendance
    )


def invitations_send(*, actor, meeting: Meeting, attendances) -> list[MeetingMail]:
    """Queue one invitation per chosen participant; a Celery task sends each and the log
    shows how it went."""
    from ..tasks import send_meeting_invitation

    attendances = list(attendances)
    if not attendances:
        raise ValidationError(_("Kies minstens één deelnemer."))
    if any(a.meeting_id != meeting.pk for a in attendances):
        raise ValidationError(_("Kies deelnemers van deze bijeenkomst."))
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Uitnodigen kan alleen voor een geplande bijeenkomst."))
    missing = [a.participant.name for a in attendances if not a.participant.email]
    if missing:
        raise ValidationError(
            _("Geen e-mailadres bekend van: %(names)s.") % {"names": ", ".join(missing)}
        )
    project = meeting.project
    template = settings_get(project)
    mails = []
    with transaction.atomic():
        for attendance in attendances:
            attendance.meeting = meeting
            mail = MeetingMail.objects.create(
                project=project,
                meeting=meeting,
                attendance=attendance,
                to=attendance.participant.email,
                subject=merge(template.invitation_subject, attendance)[:300],
                body=merge(template.invitation_body, attendance),
                sent_by=actor,
            )
            mails.append(mail)
            transaction.on_commit(lambda pk=mail.pk: send_meeting_invitation.delay(pk))
        audit_record(
            actor=actor, project=project, action="meeting_invitation.sent", target=meeting,
            data={"count": len(mails)},
        )  # fmt: skip
    return mails


# -- import -------------------------------------------------------------------------------------

COLUMNS = (
    ("name", "naam"),
    ("organisation", "organisatie"),
    ("expertise", "expertise"),
    ("group", "groep"),
    ("email", "e-mail"),
    ("phone", "telefoon"),
    ("declared_interests", "belangen"),
)
HEADERS = tuple(header for _field, header in COLUMNS)

PARTICIPANTS = TableFormat(
    headers=HEADERS,
    required=("naam",),
    aliases={
        "email": "e-mail",
        "e-mailadres": "e-mail",
        "telefoonnummer": "telefoon",
        "organisation": "organisatie",
        "belang": "belangen",
        "gemelde belangen": "belangen",
        "stakeholdergroep": "groep",
    },
    noun=gettext_lazy("deelnemers"),
)

FIELD_LABELS = {
    "name": gettext_lazy("naam"),
    "organisation": gettext_lazy("organisatie"),
    "expertise": gettext_lazy("expertise"),
    "group": gettext_lazy("groep"),
    "email": gettext_lazy("e-mailadres"),
    "phone": gettext_lazy("telefoon"),
    "declared_interests": gettext_lazy("belangen"),
}


def _group_of(text: str) -> str | None:
    """A group by its code or its Dutch label (case and spacing do not matter); "" for none."""
    wanted = name_key(text)
    if not wanted:
        return ""
    for kind in PartyKind:
        if wanted in (kind.value, name_key(str(kind.label))):
            return kind.value
    return None


def _identity(fields: dict) -> tuple:
    name = name_key(fields["name"])
    if fields["email"]:
        return (name, "email", fields["email"].strip().casefold())
    return (name, "organisation", name_key(fields["organisation"]))


def check_rows(project: Project, rows) -> tuple[list, list[str]]:
    """Every row checked (no query per row): the good rows' fields and the bad rows'
    problems, in Dutch, row by row."""
    existing = {
        _identity({"name": p.name, "email": p.email, "organisation": p.organisation})
        for p in Participant.objects.filter(project=project).only("name", "email", "organisation")
    }
    with translation.override(settings.LANGUAGE_CODE):
        known_groups = ", ".join(str(kind.label) for kind in PartyKind)
    good, problems, seen = [], [], {}
    for number, cells in rows:
        fields = {f: cells.get(header, "").strip() for f, header in COLUMNS}
        row_problems = []
        group = _group_of(fields["group"])
        if group is None:
            row_problems.append(
                _("Rij %(row)s: groep '%(value)s' bestaat niet (kies uit: %(known)s)")
                % {"row": number, "value": fields["group"], "known": known_groups}
            )
        else:
            fields["group"] = group
        if not row_problems:
            candidate = Participant(project=project, **fields)
            try:
                candidate.full_clean(exclude=["project", "key_figure", "created_by"])
            except ValidationError as exc:
                for name, errors in exc.error_dict.items():
                    for error in errors:
                        if error.code == "invalid" and name == "email":
                            row_problems.append(
                                _("Rij %(row)s: e-mailadres '%(value)s' is ongeldig")
                                % {"row": number, "value": fields["email"]}
                            )
                        else:
                            row_problems.append(
                                tabular.row_problem(
                                    number,
                                    str(FIELD_LABELS.get(name, name)),
                                    error,
                                    fields.get(name),
                                )  # fmt: skip
                            )
        if row_problems:
            problems.extend(row_problems)
            continue
        identity = _identity(fields)
        if identity in seen:
            problems.append(
                _("Rij %(row)s: dezelfde persoon als in rij %(other)s (%(name)s)")
                % {"row": number, "other": seen[identity], "name": fields["name"]}
            )
            continue
        seen[identity] = number
        if identity in existing:
            problems.append(
                _("Rij %(row)s: %(name)s staat al bij de deelnemers")
                % {"row": number, "name": fields["name"]}
            )
            continue
        good.append((number, fields))
    return good, problems


@dataclass
class ImportResult:
    count: int
    invited: int


def participants_import(
    *, actor, project: Project, upload, meeting: Meeting | None = None
) -> ImportResult:
    """Import every row of ``upload`` as a participant (and invite them to ``meeting``), or
    nothing at all: a file with any bad row raises a ValidationError listing every problem."""
    if meeting is not None and meeting.project_id != project.pk:
        raise ValidationError(_("Kies een bijeenkomst van dit project."))
    if meeting is not None and meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Voor een afgelaste bijeenkomst wordt niemand uitgenodigd."))
    _headers, rows = tabular.read_table(upload, PARTICIPANTS)
    good, problems = check_rows(project, rows)
    tabular.raise_problems(problems)
    with transaction.atomic():
        created = Participant.objects.bulk_create(
            Participant(project=project, created_by=actor, **fields) for _n, fields in good
        )
        invited = 0
        if meeting is not None:
            invited = len(
                Attendance.objects.bulk_create(
                    Attendance(meeting=meeting, participant=p) for p in created
                )
            )
        audit_record(
            actor=actor, project=project, action="participant.imported", target=project,
            data={"count": len(created)},
        )  # fmt: skip
    return ImportResult(count=len(created), invited=invited)


def template_csv() -> bytes:
    return tabular.write_csv(HEADERS, [])


# For the key figures that can be invited without retyping them.
def invitable_key_figures(project: Project):
    taken = Participant.objects.filter(project=project, key_figure__isnull=False).values(
        "key_figure_id"
    )
    return (
        KeyFigure.objects.active()
        .filter(project=project, approved_at__isnull=False)
        .exclude(pk__in=taken)
        .order_by("name", "id")
    )
