"""Citizen dialogues (step 7): World Café rounds and tables, the harvest, participation and
the host's "in alle vrijheid" judgement; and the reasoned response to every harvest item."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from processteps.models import Domain, Project
from processteps.services.audit import audit_record

from ..models import (
    CafeRound,
    CafeTable,
    Freedom,
    HarvestDomain,
    HarvestItem,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from .checklist import (
    DIALOGUES_IN_FREEDOM,
    ENOUGH_CITIZENS,
    POLITICAL_WEIGHING,
    meetings_checklist_sync,
)
from .meetings import _causes_loaded, _check_links


def _require_dialogue(meeting: Meeting, *, tables: bool = False) -> None:
    if meeting.kind != MeetingKind.DIALOGUE:
        raise ValidationError(_("Alleen een burgerdialoog heeft een oogst."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Deze bijeenkomst is afgelast."))
    if tables and not meeting.harvests_at_tables:
        raise ValidationError(
            _("Rondes en tafels horen bij een World Café, Future Search of online sessie.")
        )


def _next_number(queryset) -> int:
    return (queryset.aggregate(n=Max("number"))["n"] or 0) + 1


def round_add(*, actor, meeting: Meeting, question: str, duration_minutes: int) -> CafeRound:
    _require_dialogue(meeting, tables=True)
    question = question.strip()
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        cafe_round = CafeRound(
            meeting=meeting,
            number=_next_number(meeting.rounds),
            question=question,
            duration_minutes=duration_minutes,
        )
        cafe_round.full_clean()
        cafe_round.save()
        audit_record(actor=actor, project=meeting.project, action="round.added", target=cafe_round)
    return cafe_round


def round_delete(*, actor, cafe_round: CafeRound) -> None:
    meeting = cafe_round.meeting
    with transaction.atomic():
        audit_record(
            actor=actor, project=meeting.project, action="round.removed", target=cafe_round
        )
        cafe_round.delete()


def table_add(*, actor, meeting: Meeting, host_name: str = "", participant_count: int = 0):
    _require_dialogue(meeting, tables=True)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        table = CafeTable(
            meeting=meeting,
            number=_next_number(meeting.tables),
            host_name=host_name.strip(),
            participant_count=participant_count,
        )
        table.full_clean()
        table.save()
        audit_record(actor=actor, project=meeting.project, action="table.added", target=table)
    return table


def table_update(*, actor, table: CafeTable, host_name: str, participant_count: int):
    with transaction.atomic():
        table.host_name, table.participant_count = host_name.strip(), participant_count
        table.full_clean()
        table.save()
        audit_record(
            actor=actor, project=table.meeting.project, action="table.changed", target=table
        )
    return table


def table_delete(*, actor, table: CafeTable) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor, project=table.meeting.project, action="table.removed", target=table
        )
        table.delete()


# -- the harvest --------------------------------------------------------------------------------


def _check_domains(domains) -> list[str]:
    domains = list(dict.fromkeys(domains))
    wrong = [d for d in domains if d not in Domain.values]
    if wrong:
        raise ValidationError({"domains": _("Onbekend domein: %(domain)s.") % {"domain": wrong[0]}})
    return domains


def _check_points(project: Project, points) -> list:
    points = list(points)
    if any(p.project_id != project.pk for p in points):
        raise ValidationError({"intervention_points": _("Kies interventiepunten van dit project.")})
    return points


def harvest_add(
    *,
    actor,
    meeting: Meeting,
    text: str,
    round=None,  # noqa: A002 - the World Café's word
    table=None,
    causes=(),
    intervention_points=(),
    domains=(),
) -> HarvestItem:
    _require_dialogue(meeting)
    project = meeting.project
    causes = _causes_loaded(causes)
    _check_links(project, causes=causes)
    points = _check_points(project, intervention_points)
    domains = _check_domains(domains)
    item = HarvestItem(
        project=project,
        meeting=meeting,
        round=round,
        table=table,
        text=text.strip(),
        created_by=actor,
    )
    item.full_clean()
    with transaction.atomic():
        item.save()
        item.causes.set(causes)
        item.intervention_points.set(points)
        HarvestDomain.objects.bulk_create(HarvestDomain(item=item, domain=d) for d in domains)
        audit_record(actor=actor, project=project, action="harvest.added", target=item)
        meetings_checklist_sync(project, POLITICAL_WEIGHING)
    return item


def harvest_update(
    *,
    actor,
    item: HarvestItem,
    text: str,
    round=None,  # noqa: A002
    table=None,
    causes=(),
    intervention_points=(),
    domains=(),
) -> HarvestItem:
    project = item.project
    causes = _causes_loaded(causes)
    _check_links(project, causes=causes)
    points = _check_points(project, intervention_points)
    domains = _check_domains(domains)
    with transaction.atomic():
        item.text, item.round, item.table = text.strip(), round, table
        item.full_clean()
        item.save()
        item.causes.set(causes)
        item.intervention_points.set(points)
        item.domain_tags.exclude(domain__in=domains).delete()
        have = set(item.domain_tags.values_list("domain", flat=True))
        HarvestDomain.objects.bulk_create(
            HarvestDomain(item=item, domain=d) for d in domains if d not in have
        )
        audit_record(actor=actor, project=project, action="harvest.changed", target=item)
    return item


def harvest_delete(*, actor, item: HarvestItem) -> None:
    project = item.project
    if item.citations.exists():
        raise ValidationError(
            _("Een streefbeeld berust op deze opbrengst; haal haar daar eerst weg.")
        )
    with transaction.atomic():
        audit_record(actor=actor, project=project, action="harvest.removed", target=item)
        item.delete()
        meetings_checklist_sync(project, POLITICAL_WEIGHING)


def harvest_respond(*, actor, item: HarvestItem, response: str) -> HarvestItem:
    """The reasoned response to a harvest item no target image takes up: why not. (An item
    a target image cites is answered by that target image.)"""
    response = response.strip()
    cited = item.citations.exists()
    if not response and not cited:
        raise ValidationError(
            {"response": _("Geef aan waarom deze opbrengst niet in een streefbeeld is "
                           "overgenomen.")}
        )  # fmt: skip
    with transaction.atomic():
        item.response = response
        item.responded_by, item.responded_at = (actor, timezone.now()) if response else (None, None)
        item.save(update_fields=["response", "responded_by", "responded_at"])
        audit_record(actor=actor, project=item.project, action="harvest.responded", target=item)
        meetings_checklist_sync(item.project, POLITICAL_WEIGHING)
    return item


# -- participation ------------------------------------------------------------------------------


def participation_record(
    *, actor, meeting: Meeting, walk_ins: int, freedom: str, freedom_note: str = ""
) -> Meeting:
    """After a dialogue the host records the people who came without being in the data and
    whether the meeting went "in alle vrijheid"."""
    _require_dialogue(meeting)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Markeer de dialoog eerst als gehouden."))
    if freedom and freedom not in Freedom.values:
        raise ValidationError({"freedom": _("Kies een geldig oordeel.")})
    freedom_note = freedom_note.strip()
    if freedom in (Freedom.PARTLY, Freedom.NO) and not freedom_note:
        raise ValidationError(
            {"freedom_note": _("Licht toe wat de vrijheid van de bijeenkomst beperkte.")}
        )
    if walk_ins < 0:
        raise ValidationError({"walk_ins": _("Een aantal is nul of meer.")})
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("project").get(pk=meeting.pk)
        meeting.walk_ins = walk_ins
        if freedom != meeting.freedom or freedom_note != meeting.freedom_note:
            meeting.freedom, meeting.freedom_note = freedom, freedom_note
            meeting.freedom_judged_by, meeting.freedom_judged_at = (
                (actor, timezone.now()) if freedom else (None, None)
            )
        meeting.save()
        audit_record(
            actor=actor, project=meeting.project, action="meeting.participation", target=meeting,
            data={"count": walk_ins},
        )  # fmt: skip
        meetings_checklist_sync(meeting.project, ENOUGH_CITIZENS, DIALOGUES_IN_FREEDOM)
    return meeting


def citizen_target_set(*, actor, project: Project, target) -> None:
    from .participants import settings_for_update

    if target is not None and target < 1:
        raise ValidationError({"citizen_target": _("Het beoogde aantal is minstens 1.")})
    with transaction.atomic():
        found = settings_for_update(project)
        found.citizen_target = target
        found.updated_by = actor
        found.save()
        audit_record(
            actor=actor, project=project, action="citizens.target", target=project,
            data={"count": target if target is not None else "–"},
        )  # fmt: skip
        meetings_checklist_sync(project, ENOUGH_CITIZENS)
