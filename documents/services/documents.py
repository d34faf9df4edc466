"""State changes of process documents: sections, versions, rendering, publication."""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
from processteps.models import ProcessStep
from processteps.services.audit import audit_record

logger = logging.getLogger(__name__)


def _new_document(step) -> ProcessDocument:
    """Create the step's document with the sections of its outline, their titles in the
    project's language (not in the language of whoever happens to cause it)."""
    document = ProcessDocument.objects.create(
        step=step,
        project=step.project,
        document_type=step.document_type,
        title=step.document_name,
    )
    document.step = step
    with translation.override(step.project.language):
        DocumentSection.objects.bulk_create(
            DocumentSection(document=document, key=spec.key, title=str(spec.title), position=i)
            for i, spec in enumerate(builder_for(document).outline, start=1)
        )
    return document


def documents_create(*, project) -> list[ProcessDocument]:
    """A document for every step of the project that has none yet (with the project, see
    :func:`on_project_created`; a step has its document before anyone opens a page)."""
    with transaction.atomic():
        steps = project.steps.filter(document__isnull=True).order_by("number")
        created = []
        for step in steps:
            step.project = project
            created.append(_new_document(step))
    return created


def on_project_created(sender, *, project, **kwargs) -> None:
    """Receiver of ``processteps.services.projects.project_created``."""
    documents_create(project=project)


def document_ensure(step) -> ProcessDocument:
    """The step's document (made with the project); created with its outline's sections if a
    step has none (a project from before documents were made with it). For services, the demo
    and the tests: the views only read documents."""
    document = ProcessDocument.objects.filter(step=step).select_related("project", "step").first()
    if document is not None:
        return document
    with transaction.atomic():
        ProcessStep.objects.select_for_update().filter(pk=step.pk).first()
        document = ProcessDocument.objects.filter(step=step).first() or _new_document(step)
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
    """Freeze the draft, with its compiled data, as the next version.

    The version is made in the project's language, whatever the language of the request (or of
    the worker's thread) that asked for it."""
    with translation.override(document.project.language):
        return _version_create(actor=actor, document=document, change_note=change_note)


def _version_create(*, actor, document: ProcessDocument, change_note: str) -> DocumentVersion:
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
    """Queue the version's PDF. Returns False when it is already there (a cache hit).

    Asking again after a failure starts a new series of attempts (see version_render)."""
    with transaction.atomic():
        version = DocumentVersion.objects.select_for_update().get(pk=version.pk)
        if version.is_ready:
            return False
        if version.render_status in (RenderStatus.QUEUED, RenderStatus.RENDERING):
            return True
        DocumentVersion.objects.filter(pk=version.pk).update(
            render_status=RenderStatus.QUEUED,
            render_error="",
            render_attempts=0,
            render_status_at=timezone.now(),
            render_task_id="",
        )
        transaction.on_commit(lambda: _queue_render(version.pk))
    return True


def _queue_render(version_id: int) -> None:
    """Send the render task. Its time limits travel with the message (Celery puts the sender's
    in it), so they are this process's settings, not whatever the task module was imported with."""
    from documents.tasks import render_version

    render_version.apply_async(
        (version_id,),
        soft_time_limit=settings.RENDER_SOFT_TIME_LIMIT,
        time_limit=settings.RENDER_TIME_LIMIT,
    )


def _render_stuck_before(now):
    """Renders queued or started before this moment are stuck: their worker is gone."""
    return now - timedelta(seconds=settings.RENDER_STUCK_AFTER)


def render_attempts_error(attempts: int) -> str:
    return _(
        "De PDF is na %(attempts)d pogingen niet gemaakt: het maken werd steeds onderbroken "
        "(bijvoorbeeld omdat het geheugen van de server vol raakte). Probeer het later opnieuw; "
        "lukt het dan weer niet, maak het document kleiner of vraag de beheerder om hulp."
    ) % {"attempts": attempts}


def render_too_long_error() -> str:
    seconds = settings.RENDER_SOFT_TIME_LIMIT
    if seconds % 60 == 0:
        limit = ngettext("%(n)d minuut", "%(n)d minuten", seconds // 60) % {"n": seconds // 60}
    else:
        limit = ngettext("%(n)d seconde", "%(n)d seconden", seconds) % {"n": seconds}
    return _(
        "Het maken van de PDF duurde langer dan %(limit)s en is afgebroken. Maak het document "
        "kleiner (minder pagina's of afbeeldingen) en probeer het opnieuw."
    ) % {"limit": limit}


def version_render(*, version_id: int, task_id: str = "") -> bool:
    """Render a version to PDF (called by the worker); True when this call made the PDF.

    Safe to run twice: a ready version is skipped (a cache hit), and so is a failed one (a late
    duplicate of its message; the user asks again). A version another task is rendering right
    now is left to it; ``task_id`` lets a redelivery of the same message (its worker died) take
    over. Every start counts as an attempt: the one after RENDER_MAX_ATTEMPTS marks the version
    failed instead of rendering, so a document that kills its worker every time cannot loop."""
    from documents.rendering import count_pages, render_pdf

    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update(of=("self",))
            .select_related("document__project")
            .filter(pk=version_id)
            .first()
        )
        if version is None or version.is_ready or version.render_status == RenderStatus.FAILED:
            return False
        now = timezone.now()
        if (
            version.render_status == RenderStatus.RENDERING
            and version.render_task_id != (task_id or "")
            and version.render_status_at
            and version.render_status_at >= _render_stuck_before(now)
        ):
            logger.info("Version %s is being rendered by %s", version_id, version.render_task_id)
            return False
        if version.render_attempts >= settings.RENDER_MAX_ATTEMPTS:
            _render_failed(version, render_attempts_error(version.render_attempts))
            return False
        DocumentVersion.objects.filter(pk=version.pk).update(
            render_status=RenderStatus.RENDERING,
            render_attempts=version.render_attempts + 1,
            render_status_at=now,
            render_task_id=task_id or "",
        )
    pdf = render_pdf(version.html)
    pages = count_pages(pdf)
    filename = f"{version.document.document_type}-v{version.number}-{version.checksum[:12]}.pdf"
    storage = version.pdf.storage
    pdf_name = storage.save(pdf_upload_path(version, filename), ContentFile(pdf))
    with transaction.atomic():
        updated = (
            DocumentVersion.objects.filter(pk=version.pk)
            .exclude(render_status=RenderStatus.READY)
            .update(
                render_status=RenderStatus.READY,
                render_error="",
                pdf=pdf_name,
                pdf_pages=pages,
                rendered_at=timezone.now(),
                render_status_at=timezone.now(),
            )
        )
        if not updated:  # another render finished first; its file is the one kept
            transaction.on_commit(lambda: storage.delete(pdf_name))
            return False
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


def _render_failed(version: DocumentVersion, error: str) -> bool:
    """Mark a (locked or fresh) version failed unless its PDF is there; inside a transaction."""
    updated = (
        DocumentVersion.objects.filter(pk=version.pk)
        .exclude(render_status=RenderStatus.READY)
        .update(
            render_status=RenderStatus.FAILED,
            render_error=error[:2000],
            render_status_at=timezone.now(),
            render_task_id="",
        )
    )
    if updated:
        logger.warning("Rendering version %s failed: %s", version.pk, error)
        audit_record(
            actor=None,
            project=version.document.project,
            action="document.render_failed",
            target=version.document,
            data={"number": version.number},
        )
    return bool(updated)


def version_render_failed(*, version_id: int, error: str) -> None:
    """Record a failed render so the user sees it (and can try again); a ready PDF stays."""
    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update(of=("self",))
            .select_related("document__project")
            .filter(pk=version_id)
            .first()
        )
        if version is not None:
            _render_failed(version, error)


def versions_sweep_stuck(*, version_ids=None) -> dict[str, int]:
    """Requeue, or fail, renders that have been queued or rendering for longer than
    RENDER_STUCK_AFTER (beyond the hard time limit, so the worker that had them is gone).

    A stuck version with attempts left goes back on the queue; one that has had
    RENDER_MAX_ATTEMPTS is marked failed with a message the user sees (and a "try again").
    Run by Celery beat (documents.tasks.sweep_stuck_versions) and, for one version, when its
    status box polls (version_render_check). ``version_ids`` limits the sweep to those."""
    in_progress = (RenderStatus.QUEUED, RenderStatus.RENDERING)
    counts = {"requeued": 0, "failed": 0}
    now = timezone.now()
    stuck_filter = Q(render_status__in=in_progress) & (
        Q(render_status_at__lt=_render_stuck_before(now)) | Q(render_status_at__isnull=True)
    )
    candidates = DocumentVersion.objects.filter(stuck_filter)
    if version_ids is not None:
        candidates = candidates.filter(pk__in=version_ids)
    for pk in list(candidates.order_by("pk").values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            version = (
                DocumentVersion.objects.select_for_update(of=("self",))
                .select_related("document__project")
                .filter(stuck_filter, pk=pk)
                .first()
            )
            if version is None:  # finished or picked up meanwhile
                continue
            if (
                version.render_status == RenderStatus.RENDERING
                and version.render_attempts >= settings.RENDER_MAX_ATTEMPTS
            ):
                _render_failed(version, render_attempts_error(version.render_attempts))
                counts["failed"] += 1
                continue
            logger.warning(
                "Version %s was %s since %s; requeued (attempt %s of %s done)",
                pk,
                version.render_status,
                version.render_status_at,
                version.render_attempts,
                settings.RENDER_MAX_ATTEMPTS,
            )
            DocumentVersion.objects.filter(pk=pk).update(
                render_status=RenderStatus.QUEUED, render_status_at=now, render_task_id=""
            )
            transaction.on_commit(lambda pk=pk: _queue_render(pk))
            counts["requeued"] += 1
    return counts


def version_render_check(*, version: DocumentVersion) -> DocumentVersion:
    """The version as it is now, after sweeping it if its render is stuck (the status box
    polls this, so a user never watches a render that no worker is doing)."""
    stuck = version.render_status in (RenderStatus.QUEUED, RenderStatus.RENDERING) and (
        version.render_status_at is None
        or version.render_status_at < _render_stuck_before(timezone.now())
    )
    if stuck and any(versions_sweep_stuck(version_ids=[version.pk]).values()):
        version.refresh_from_db()
    return version


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
