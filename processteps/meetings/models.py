"""Steps 6-8: expert meetings, citizen dialogues and the political meeting, and what they
yield: intervention points (step 6) and target images (steps 7-8).

This module starts with the two results later steps read (intervention points and target
images); the meetings themselves, participants, agendas, harvest and minutes live here too.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from processteps.models import Domain, Horizon, Project


class ActingArena(models.TextChoices):
    """Who can act on an intervention point."""

    POLITICS = "politics", _("Politiek")
    ADMINISTRATION = "administration", _("Bestuur")
    BOTH = "both", _("Politiek en bestuur")


class InterventionPoint(models.Model):
    """A cause (step 5) on which politics or administration can act (step 6)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="intervention_points"
    )
    cause = models.ForeignKey(
        "causes.CausalFactor",
        on_delete=models.CASCADE,
        related_name="intervention_points",
        verbose_name=_("oorzaak"),
    )
    title = models.CharField(_("interventiepunt"), max_length=300)
    arena = models.CharField(
        _("wie kan handelen"), max_length=20, choices=ActingArena.choices, default=ActingArena.BOTH
    )
    who_can_act = models.CharField(_("welke partij(en)"), max_length=300, blank=True)
    argument = models.TextField(_("argumentatie"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("interventiepunt")
        verbose_name_plural = _("interventiepunten")

    def __str__(self):
        return self.title

    def clean(self):
        if self.cause_id and self.cause.analysis.project_id != self.project_id:
            raise ValidationError({"cause": _("Die oorzaak hoort bij een ander project.")})


class TargetImageStatus(models.TextChoices):
    """The concept-visie (step 7) and the visienota (step 8) are two states of the same
    target images."""

    CONCEPT = "concept", _("Concept (Algemene Wil)")
    ADOPTED = "adopted", _("Vastgesteld")
    CHANGED = "changed", _("Gewijzigd vastgesteld")
    REJECTED = "rejected", _("Verworpen")


ADOPTED_STATES = (TargetImageStatus.ADOPTED, TargetImageStatus.CHANGED)


class TargetImage(models.Model):
    """A streefbeeld: the desired situation in one domain, on a short or long horizon."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="target_images")
    domain = models.CharField(_("domein"), max_length=30, choices=Domain.choices)
    horizon = models.CharField(_("termijn"), max_length=10, choices=Horizon.choices)
    title = models.CharField(_("streefbeeld"), max_length=300)
    text = models.TextField(_("beschrijving"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TargetImageStatus.choices,
        default=TargetImageStatus.CONCEPT,
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "domain", "horizon", "position", "id"]
        verbose_name = _("streefbeeld")
        verbose_name_plural = _("streefbeelden")

    def __str__(self):
        return self.title

    @property
    def is_adopted(self) -> bool:
        return self.status in ADOPTED_STATES
