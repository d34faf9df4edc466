"""Audit trail: who did what, when, to which object."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    project = models.ForeignKey(
        "processteps.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("project"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    action = models.CharField(_("handeling"), max_length=60, db_index=True)
    target_type = models.CharField(_("objecttype"), max_length=60)
    target_id = models.PositiveBigIntegerField(_("object-id"), null=True, blank=True)
    target_repr = models.CharField(_("object"), max_length=300, blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        indexes = [models.Index(fields=["project", "-created_at"], name="audit_project_recent")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor}: {self.action} {self.target_repr}"

    @property
    def message(self) -> str:
        """The entry as a sentence in the user's language (see ``services.audit.ACTIONS``)."""
        from processteps.services.audit import describe

        return describe(self)
