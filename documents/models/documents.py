"""Process documents: a draft of sections, immutable versions with their PDF, publications."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ProcessDocument(models.Model):
    """The document a step ends in; its draft is the set of sections."""

    project = models.ForeignKey(
        "processteps.Project", on_delete=models.CASCADE, related_name="documents"
    )
    step = models.OneToOneField(
        "processteps.ProcessStep", on_delete=models.CASCADE, related_name="document"
    )
    document_type = models.SlugField(_("documenttype"), max_length=50)
    title = models.CharField(_("titel"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "step__number"]
        verbose_name = _("procesdocument")
        verbose_name_plural = _("procesdocumenten")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "documents:document", kwargs={"project": self.project_id, "number": self.step.number}
        )


class DocumentSection(models.Model):
    """A section of the draft: written rich text (sanitised), and/or compiled from project data."""

    document = models.ForeignKey(ProcessDocument, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("sleutel"), max_length=60)
    title = models.CharField(_("titel"), max_length=200)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    body = models.TextField(_("tekst"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: a save based on an older revision is refused.
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "position", "id"]
        verbose_name = _("sectie")
        verbose_name_plural = _("secties")
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="section_unique_key"),
        ]

    def __str__(self):
        return self.title


class RenderStatus(models.TextChoices):
    NONE = "none", _("Nog niet gerenderd")
    QUEUED = "queued", _("In de wachtrij")
    RENDERING = "rendering", _("Bezig met renderen")
    READY = "ready", _("Klaar")
    FAILED = "failed", _("Mislukt")


def pdf_upload_to(instance, filename):
    return f"projects/{instance.document.project_id}/documents/{filename}"


class DocumentVersion(models.Model):
    """A frozen version: its HTML never changes after creation; its PDF is rendered once."""

    FROZEN_FIELDS = ("document_id", "number", "html", "sections", "checksum", "change_note")

    document = models.ForeignKey(ProcessDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    html = models.TextField(_("inhoud (HTML)"))
    sections = models.JSONField(_("secties"), default=list)
    checksum = models.CharField(_("controlegetal"), max_length=64, db_index=True)
    change_note = models.CharField(_("wijzigingsnotitie"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    render_status = models.CharField(
        _("PDF-status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.NONE
    )
    render_error = models.TextField(_("foutmelding"), blank=True)
    # Renders started since the PDF was last asked for; documents.tasks caps it (a worker that
    # dies mid-render gets the message back, and a render that keeps killing it must end).
    render_attempts = models.PositiveSmallIntegerField(default=0)
    # When render_status last changed: the sweeper finds a render stuck in "queued"/"rendering".
    render_status_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The Celery task that holds the render while it is "rendering" (a redelivery of the same
    # message may take over; a duplicate message for the same version leaves it alone).
    render_task_id = models.CharField(max_length=64, blank=True, editable=False)
    pdf = models.FileField(_("PDF"), upload_to=pdf_upload_to, blank=True, max_length=300)
    pdf_pages = models.PositiveIntegerField(_("pagina's"), null=True, blank=True)
    rendered_at = models.DateTimeField(_("gerenderd op"), null=True, blank=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_unique_number"),
        ]
        indexes = [
            # The sweeper's question: which renders have been waiting or running too long?
            models.Index(
                fields=["render_status_at"],
                condition=models.Q(render_status__in=["queued", "rendering"]),
                name="version_render_in_progress",
            ),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = DocumentVersion.objects.filter(pk=self.pk).values(*self.FROZEN_FIELDS).first()
            if stored and any(stored[f] != getattr(self, f) for f in self.FROZEN_FIELDS):
                raise ValidationError(_("Een opgeslagen versie kan niet meer worden gewijzigd."))
        super().save(*args, **kwargs)

    @staticmethod
    def checksum_of(html: str) -> str:
        return hashlib.sha256(html.encode("utf-8")).hexdigest()

    @property
    def is_ready(self) -> bool:
        return self.render_status == RenderStatus.READY and bool(self.pdf)


class Audience(models.TextChoices):
    TEAM = "team", _("Team")
    CLIENT = "client", _("Opdrachtgever")
    PUBLIC = "public", _("Openbaar")


class PublicationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(unpublished_at__isnull=True)


class Publication(models.Model):
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="publications"
    )
    document = models.ForeignKey(
        ProcessDocument, on_delete=models.CASCADE, related_name="publications"
    )
    audience = models.CharField(_("publiek"), max_length=20, choices=Audience.choices)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), auto_now_add=True)
    unpublished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unpublished_at = models.DateTimeField(_("offline gehaald op"), null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Replaced by a newer version for the same audience (history), not taken offline.
    superseded = models.BooleanField(default=False, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "audience"],
                condition=models.Q(unpublished_at__isnull=True),
                name="publication_one_active_per_audience",
            ),
        ]

    def __str__(self):
        return f"{self.version} → {self.get_audience_display()}"

    @property
    def is_active(self) -> bool:
        return self.unpublished_at is None


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    SENDING = "sending", _("Wordt verstuurd")
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")


class PublicationDelivery(models.Model):
    """One person mailed about a publication: who, with which link, and how it went.

    The list is fixed when the mail task first runs; a retry after a partial batch sends only
    what is not yet sent, and a refused address ends "failed" with the server's answer."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="deliveries"
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    url = models.CharField(_("link"), max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    error = models.TextField(_("fout"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The task sending it while "sending", and since when (a dead task's claim expires).
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        ordering = ["publication", "id"]
        verbose_name = _("verzonden publicatiemail")
        verbose_name_plural = _("verzonden publicatiemails")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "email"], name="delivery_unique_recipient"
            ),
        ]

    def __str__(self):
        return f"{self.email}: {self.get_status_display()}"
