"""State changes of process documents: sections, versions, rendering, publication."""

import json
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.builders import builder_for
from documents.models import (
    Audience,
    DocumentSection,
    DocumentVersion,
    ProcessDocument,
    Publication,
    RenderStatus,
)
from documents.sanitize import clean_html
from processteps.services.audit import audit_record

logger = logging.getLogger(__name__)


def document_ensure(step) -> ProcessDocument:
    """The step's document, created with its outline's sections the first time it is needed."""
    document = ProcessDocument.objects.filter(step=step).select_related("project", "step").first()
    if document is not None:
        return document
    with transaction.atomic():
        document, created = ProcessDocument.objects.get_or_create(
            step=step,
            defaults={
                "project": step.project,
                "document_type": step.document_type,
                "title": step.document_name,
            },
        )
        if created:
            builder = builder_for(document)
            DocumentSection.objects.bulk_create(
                DocumentSection(document=document, key=spec.key, title=str(spec.title), position=i)
                for i, spec in enumerate(builder.outline, start=1)
            )
    document.step = step
    return document


def section_update(*, actor, section: DocumentSection, body: str, revision: int) -> DocumentSection:
    """Save a section's text (sanitised). ``revision`` is the one the editor started from: if
    someone saved in between, the save is refused and nothing is overwritten."""
    body = clean_html(body)
    with transaction.atomic():
        updated = DocumentSection.objects.filter(pk=section.pk, revision=revision).update(
            body=body, revision=revision + 1, updated_by=actor, updated_at=timezone.now()
        )
        if not updated:
            raise ValidationError(
                _(
                    "Iemand anders heeft deze sectie intussen opgeslagen. Je tekst is niet "
                    "opgeslagen: kopieer hem, herlaad de pagina en voeg je wijziging opnieuw toe."
                ),
                code="stale",
            )
        section.refresh_from_db()
        audit_record(
            actor=actor,
            project=section.document.project,
            action="document.section_changed",
            target=section.document,
            data={"section": section.title},
        )
    return section


def _snapshot(sections) -> list[dict]:
    return [
        {"key": s.key, "title": s.title, "body": s.body, "compiled": s.compiled} for s in sections
    ]


def version_create(*, actor, document: ProcessDocument, change_note: str = "") -> DocumentVersion:
    """Freeze the draft, with its compiled data, as the next version."""
    builder = builder_for(document)
    sections = builder.sections()
    snapshot = _snapshot(sections)
    checksum = DocumentVersion.checksum_of(json.dumps(snapshot, sort_keys=True))
    with transaction.atomic():
        ProcessDocument.objects.select_for_update().filter(pk=document.pk).first()
        latest = document.versions.order_by("-number").first()
        if latest is not None and latest.checksum == checksum:
            raise ValidationError(
                _("Er is niets veranderd sinds versie %(number)d.") % {"number": latest.number}
            )
        number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        now = timezone.now()
        html = builder.build_html(
            sections,
            version_label=_("Versie %(number)d") % {"number": number},
            date=timezone.localdate(now),
        )
        version = DocumentVersion.objects.create(
            document=document,
            number=number,
            html=html,
            sections=snapshot,
            checksum=checksum,
            change_note=change_note.strip()[:500],
            author=actor,
        )
        audit_record(
            actor=actor,
            project=document.project,
            action="document.version_saved",
            target=document,
            data={"number": number},
        )
    return version


def version_render_request(*, actor, version: DocumentVersion) -> bool:
    """Queue the version's PDF. Returns False when it is already there (a cache hit)."""
    from documents.tasks import render_version

    with transaction.atomic():
        version = DocumentVersion.objects.select_for_update().get(pk=version.pk)
        if version.is_ready:
            return False
        if version.render_status in (RenderStatus.QUEUED, RenderStatus.RENDERING):
            return True
        DocumentVersion.objects.filter(pk=version.pk).update(
            render_status=RenderStatus.QUEUED, render_error=""
        )
        transaction.on_commit(lambda: render_version.delay(version.pk))
    return True


def version_render(*, version_id: int) -> bool:
    """Render a version to PDF (called by the worker). Safe to run twice: a ready version is
    skipped (a cache hit); rendering is deterministic, so a redelivered task only costs time."""
    from documents.rendering import count_pages, render_pdf

    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update()
            .select_related("document__project")
            .filter(pk=version_id)
            .first()
        )
        if version is None or version.is_ready:
            return False
        DocumentVersion.objects.filter(pk=version.pk).update(
            render_status=RenderStatus.RENDERING, render_attempts=version.render_attempts + 1
        )
    pdf = render_pdf(version.html)
    pages = count_pages(pdf)
    filename = f"{version.document.document_type}-v{version.number}-{version.checksum[:12]}.pdf"
    pdf_name = version.pdf.storage.save(pdf_upload_path(version, filename), ContentFile(pdf))
    with transaction.atomic():
        DocumentVersion.objects.filter(pk=version.pk).update(
            render_status=RenderStatus.READY,
            render_error="",
            pdf=pdf_name,
            pdf_pages=pages,
            rendered_at=timezone.now(),
        )
        audit_record(
            actor=None,
            project=version.document.project,
            action="document.rendered",
            target=version.document,
            data={"number": version.number, "pages": pages},
        )
    return True


def pdf_upload_path(version: DocumentVersion, filename: str) -> str:
    return version._meta.get_field("pdf").generate_filename(version, filename)


def version_render_failed(*, version_id: int, error: str) -> None:
    """Record a failed render so the user sees it (and can try again)."""
    version = DocumentVersion.objects.select_related("document__project").get(pk=version_id)
    DocumentVersion.objects.filter(pk=version_id).update(
        render_status=RenderStatus.FAILED, render_error=error[:2000]
    )
    audit_record(
        actor=None,
        project=version.document.project,
        action="document.render_failed",
        target=version.document,
        data={"number": version.number},
    )


def publish(*, actor, version: DocumentVersion, audience: str) -> Publication:
    """Publish a rendered version to an audience; the previous one for that audience stays in
    the history. Clients are mailed (by a task) when a document reaches them."""
    from documents.tasks import send_publication_mail

    if audience not in Audience.values:
        raise ValidationError({"audience": _("Kies voor wie je publiceert.")})
    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update()
            .select_related("document__project", "document__step")
            .get(pk=version.pk)
        )
        if not version.is_ready:
            raise ValidationError(_("Publiceer een versie pas als de PDF klaar is."))
        document = version.document
        now = timezone.now()
        current = Publication.objects.active().filter(document=document, audience=audience)
        if current.filter(version=version).exists():
            raise ValidationError(_("Deze versie is al gepubliceerd voor dit publiek."))
        current.update(unpublished_at=now, unpublished_by=actor, superseded=True)
        publication = Publication.objects.create(
            version=version, document=document, audience=audience, published_by=actor
        )
        audit_record(
            actor=actor,
            project=document.project,
            action="document.published",
            target=document,
            data={"number": version.number, "audience": audience},
        )
        if audience in (Audience.CLIENT, Audience.PUBLIC):
            transaction.on_commit(lambda: send_publication_mail.delay(publication.pk))
    return publication


def unpublish(*, actor, publication: Publication) -> Publication:
    with transaction.atomic():
        publication = (
            Publication.objects.select_for_update()
            .select_related("document__project", "version")
            .get(pk=publication.pk)
        )
        if not publication.is_active:
            return publication
        publication.unpublished_at = timezone.now()
        publication.unpublished_by = actor
        publication.save(update_fields=["unpublished_at", "unpublished_by"])
        audit_record(
            actor=actor,
            project=publication.document.project,
            action="document.unpublished",
            target=publication.document,
            data={"number": publication.version.number, "audience": publication.audience},
        )
    return publication


def versions_scrubbed(*, project, version_ids) -> int:
    """Versions whose text lost a person's data (an erasure on request): their old PDF goes at
    once and a new one is rendered from the scrubbed text; the history says so."""
    versions = list(
        DocumentVersion.objects.filter(pk__in=version_ids, document__project=project)
        .select_related("document")
        .order_by("pk")
    )
    for version in versions:
        if version.pdf:
            storage, name = version.pdf.storage, version.pdf.name
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))
        DocumentVersion.objects.filter(pk=version.pk).update(
            pdf="", pdf_pages=None, rendered_at=None, render_status=RenderStatus.NONE,
            render_error="", render_attempts=0,
        )  # fmt: skip
        audit_record(
            actor=None,
            project=project,
            action="document.scrubbed",
            target=version.document,
            data={"number": version.number},
        )
        version_render_request(actor=None, version=version)
    return len(versions)


def on_project_data_erased(sender, *, project, changed, **kwargs) -> None:
    """Receiver of ``processteps.services.erasure.project_data_erased``."""
    version_ids = changed.get(DocumentVersion._meta.label_lower, [])
    if version_ids:
        versions_scrubbed(project=project, version_ids=version_ids)
