"""The vision and its target images (steps 7-8): built from the harvest they cite, decided on
at the political meeting (adopted, changed or rejected, with the political argument and a
review date, kept as a record), and tested for justice."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.sanitize import clean_html
from processteps.models import Domain, Horizon, PartyKind, Project
from processteps.services.audit import audit_record

from ..models import (
    DECISION_OUTCOMES,
    Doability,
    HarvestItem,
    JusticeRow,
    JusticeTest,
    Meeting,
    MeetingKind,
    MeetingStatus,
    TargetImage,
    TargetImageCitation,
    TargetImageDecision,
    TargetImageStatus,
    Vision,
)
from .checklist import JUSTICE_TESTS, POLITICAL_WEIGHING, meetings_checklist_sync


def vision_save(*, actor, project: Project, concept_text: str) -> Vision:
    """The vision as the dialogues gave it (Algemene Wil); sanitised rich text."""
    with transaction.atomic():
        vision, _created = Vision.objects.select_for_update().get_or_create(project=project)
        vision.concept_text = clean_html(concept_text)
        vision.updated_by = actor
        vision.save()
        audit_record(actor=actor, project=project, action="vision.saved", target=vision)
    return vision


def _check_political(project: Project, meeting: Meeting | None) -> None:
    if meeting is None:
        raise ValidationError({"meeting": _("Kies de politieke bijeenkomst die besloot.")})
    if meeting.project_id != project.pk or meeting.kind != MeetingKind.POLITICAL:
        raise ValidationError({"meeting": _("Kies een politieke bijeenkomst van dit project.")})
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            {"meeting": _("Besluiten worden vastgelegd voor een gehouden bijeenkomst.")}
        )


def vision_adopt(*, actor, project: Project, meeting: Meeting, adopted_text: str, argument: str):
    """The political meeting adopts the vision (Algemeen Belang), with its argument."""
    _check_political(project, meeting)
    adopted_text = clean_html(adopted_text)
    if not adopted_text.strip():
        raise ValidationError({"adopted_text": _("De vastgestelde visie heeft tekst nodig.")})
    if not argument.strip():
        raise ValidationError({"argument": _("Geef de politieke argumentatie.")})
    with transaction.atomic():
        vision, _created = Vision.objects.select_for_update().get_or_create(project=project)
        vision.adopted_text = adopted_text
        vision.adopted_at_meeting = meeting
        vision.adoption_argument = argument.strip()
        vision.updated_by = actor
        vision.save()
        audit_record(actor=actor, project=project, action="vision.adopted", target=vision)
    return vision


# -- target images ------------------------------------------------------------------------------


def _check_items(project: Project, items) -> list[HarvestItem]:
    items = list(items)
    if not items:
        raise ValidationError(
            {"items": _("Een streefbeeld berust op de oogst: kies de opbrengsten die het "
                        "overneemt.")}
        )  # fmt: skip
    if any(item.project_id != project.pk for item in items):
        raise ValidationError({"items": _("Kies opbrengsten van dit project.")})
    return items


def _check_image_fields(domain, horizon, title) -> None:
    errors = {}
    if domain not in Domain.values:
        errors["domain"] = _("Kies een domein.")
    if horizon not in Horizon.values:
        errors["horizon"] = _("Kies een termijn.")
    if not title.strip():
        errors["title"] = _("Een streefbeeld heeft een titel nodig.")
    if errors:
        raise ValidationError(errors)


def target_image_create(
    *, actor, project: Project, domain: str, horizon: str, title: str, text: str = "", items=()
) -> TargetImage:
    _check_image_fields(domain, horizon, title)
    items = _check_items(project, items)
    with transaction.atomic():
        last = (
            TargetImage.objects.filter(project=project, domain=domain, horizon=horizon)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        image = TargetImage(
            project=project,
            domain=domain,
            horizon=horizon,
            title=title.strip(),
            text=text.strip(),
            position=(last or 0) + 1,
            created_by=actor,
        )
        image.full_clean()
        image.save()
        TargetImageCitation.objects.bulk_create(
            TargetImageCitation(target_image=image, item=item) for item in items
        )
        audit_record(actor=actor, project=project, action="image.created", target=image)
        meetings_checklist_sync(project, POLITICAL_WEIGHING)
    return image


def target_image_update(
    *, actor, image: TargetImage, domain: str, horizon: str, title: str, text: str = "", items=()
) -> TargetImage:
    """Change a concept target image (a decided one changes only by a new decision)."""
    project = image.project
    if image.status != TargetImageStatus.CONCEPT:
        raise ValidationError(
            _("Over dit streefbeeld is besloten; het verandert alleen door een nieuw besluit.")
        )
    _check_image_fields(domain, horizon, title)
    items = _check_items(project, items)
    with transaction.atomic():
        image.domain, image.horizon = domain, horizon
        image.title, image.text = title.strip(), text.strip()
        image.full_clean()
        image.save()
        wanted = {item.pk for item in items}
        image.citations.exclude(item_id__in=wanted).delete()
        have = set(image.citations.values_list("item_id", flat=True))
        TargetImageCitation.objects.bulk_create(
            TargetImageCitation(target_image=image, item=item)
            for item in items
            if item.pk not in have
        )
        audit_record(actor=actor, project=project, action="image.changed", target=image)
        meetings_checklist_sync(project, POLITICAL_WEIGHING)
    return image


def target_image_delete(*, actor, image: TargetImage) -> None:
    project = image.project
    if image.decisions.exists():
        raise ValidationError(
            _("Over dit streefbeeld is besloten; het besluit blijft bewaard en het streefbeeld "
              "dus ook.")
        )  # fmt: skip
    with transaction.atomic():
        audit_record(actor=actor, project=project, action="image.removed", target=image)
        image.delete()
        meetings_checklist_sync(project, POLITICAL_WEIGHING, JUSTICE_TESTS)


def target_image_decide(
    *,
    actor,
    image: TargetImage,
    meeting: Meeting,
    outcome: str,
    political_argument: str,
    review_date=None,
    title: str = "",
    text: str = "",
) -> TargetImageDecision:
    """Record the political meeting's decision on a target image: adopted as it is, adopted
    with changes (the new title and text), or rejected; always with the political argument,
    and (when adopted) the date on which it is reviewed. Earlier decisions stay on record."""
    project = image.project
    _check_political(project, meeting)
    errors = {}
    if outcome not in [o.value for o in DECISION_OUTCOMES]:
        errors["outcome"] = _("Kies: vastgesteld, gewijzigd vastgesteld of verworpen.")
    if not political_argument.strip():
        errors["political_argument"] = _("Geef de politieke argumentatie van het besluit.")
    if outcome in (TargetImageStatus.ADOPTED, TargetImageStatus.CHANGED) and not review_date:
        errors["review_date"] = _("Geef aan wanneer het streefbeeld opnieuw wordt bezien.")
    if review_date and review_date <= timezone.localdate(meeting.starts_at):
        errors["review_date"] = _("De datum om opnieuw te bezien ligt na de bijeenkomst.")
    new_title, new_text = image.title, image.text
    if outcome == TargetImageStatus.CHANGED:
        new_title, new_text = title.strip(), text.strip()
        if not new_title:
            errors["title"] = _("Geef het streefbeeld zoals het gewijzigd is vastgesteld.")
        elif (new_title, new_text) == (image.title, image.text):
            errors["title"] = _("Gewijzigd vastgesteld, maar er is niets gewijzigd.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        image = TargetImage.objects.select_for_update().get(pk=image.pk)
        decision = TargetImageDecision.objects.create(
            target_image=image,
            meeting=meeting,
            outcome=outcome,
            political_argument=political_argument.strip(),
            title_before=image.title,
            text_before=image.text,
            title_after=new_title,
            text_after=new_text,
            review_date=review_date,
            decided_by=actor,
        )
        image.status = outcome
        image.title, image.text = new_title, new_text
        image.save(update_fields=["status", "title", "text", "updated_at"])
        audit_record(
            actor=actor, project=project, action="image.decided", target=image,
            data={"outcome": outcome},
        )  # fmt: skip
        meetings_checklist_sync(project, POLITICAL_WEIGHING, JUSTICE_TESTS)
    return decision


# -- the justice test ---------------------------------------------------------------------------


def justice_test_save(
    *,
    actor,
    image: TargetImage,
    doability: str,
    doability_explanation: str,
    justification: str,
    rows,
) -> JusticeTest:
    """Save the rechtvaardigheidstoets of a target image. ``rows``: dicts with ``party``,
    ``domain``, ``burdens``, ``benefits`` (rows with neither are left out)."""
    errors = {}
    if doability and doability not in Doability.values:
        errors["doability"] = _("Kies een geldig oordeel over het doenvermogen.")
    cleaned, seen = [], set()
    for row in rows:
        burdens, benefits = row.get("burdens", "").strip(), row.get("benefits", "").strip()
        if not burdens and not benefits:
            continue
        party, domain = row.get("party", ""), row.get("domain", "")
        if party not in PartyKind.values or domain not in Domain.values:
            errors["rows"] = _("Kies bij elke regel een groep en een domein.")
            continue
        if (party, domain) in seen:
            errors["rows"] = _(
                "De groep '%(party)s' staat twee keer bij het domein '%(domain)s'; voeg ze samen."
            ) % {"party": PartyKind(party).label, "domain": Domain(domain).label}
            continue
        seen.add((party, domain))
        cleaned.append(JusticeRow(party=party, domain=domain, burdens=burdens, benefits=benefits))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        test, _created = JusticeTest.objects.select_for_update().get_or_create(target_image=image)
        test.doability = doability
        test.doability_explanation = doability_explanation.strip()
        test.justification = justification.strip()
        test.updated_by = actor
        test.save()
        test.rows.all().delete()
        for row in cleaned:
            row.test = test
        JusticeRow.objects.bulk_create(cleaned)
        audit_record(actor=actor, project=image.project, action="justice.saved", target=test)
        meetings_checklist_sync(image.project, JUSTICE_TESTS)
    return test
