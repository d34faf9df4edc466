"""Step 11: the implementation plan (Uitvoeringsplan).

The checklist of step 11 asks for an *Uitvoeringsorganisatie* and the *Aansturing uitvoering*:

- :class:`ImplementationBody`: who steers and who executes — a body (a steering group, a
  department, a partner organisation) or a person, with its task;
- :class:`SteeringMoment`: the steering rhythm — the meetings and reports through which the
  implementation is steered, how often, organised by which body and for whom;
- :class:`DomainSituation`: the current situation per domain of the integral framework
  (seed 004), written by the team; the goals of the framework come from the target images and
  the goal tree;
- :class:`ActionProgress`: the status of an action of the action book (step 10) over time
  (planned, running, delayed, done, stopped), each change a row (the history); the latest is
  the action's status.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from processteps.models import Domain, PartyKind, Project


class BodyRole(models.TextChoices):
    STEERING = "steering", _("Stuurt de uitvoering")
    EXECUTION = "execution", _("Voert uit")
    ADVICE = "advice", _("Adviseert")


class BodyKind(models.TextChoices):
    BODY = "body", _("Orgaan of organisatie")
    PERSON = "person", _("Persoon")


class ImplementationBody(models.Model):
    """A body or person of the implementation organisation, with its task."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="implementation_bodies"
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("soort"), max_length=20, choices=BodyKind.choices, default=BodyKind.BODY
    )
    role = models.CharField(_("rol in de uitvoering"), max_length=20, choices=BodyRole.choices)
    task = models.TextField(_("taak"), help_text=_("Wat dit orgaan of deze persoon doet."))
    party_kind = models.CharField(
        _("soort partij"),
        max_length=40,
        choices=PartyKind.choices,
        blank=True,
        help_text=_("De rij van het integraal raamwerk ‘betrokken partijen’."),
    )
    # Contact data stay with the team: pages for the team only, never in a document.
    contact = models.CharField(
        _("contactgegevens"),
        max_length=300,
        blank=True,
        help_text=_("Alleen zichtbaar voor het team; komt niet in het uitvoeringsplan."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "role", "position", "id"]
        verbose_name = _("orgaan van de uitvoering")
        verbose_name_plural = _("uitvoeringsorganisatie")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="implementation_body_unique_name"
            ),
            models.CheckConstraint(
                condition=~models.Q(task=""), name="implementation_body_has_task"
            ),
        ]

    def __str__(self):
        return self.name


class MomentKind(models.TextChoices):
    MEETING = "meeting", _("Overleg")
    REPORT = "report", _("Rapportage")


class Rhythm(models.TextChoices):
    WEEKLY = "weekly", _("Wekelijks")
    FORTNIGHTLY = "fortnightly", _("Tweewekelijks")
    MONTHLY = "monthly", _("Maandelijks")
    QUARTERLY = "quarterly", _("Per kwartaal")
    HALF_YEARLY = "half_yearly", _("Halfjaarlijks")
    YEARLY = "yearly", _("Jaarlijks")
    ONCE = "once", _("Eenmalig")


class SteeringMoment(models.Model):
    """A meeting or report of the steering rhythm."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steering_moments")
    kind = models.CharField(_("soort"), max_length=20, choices=MomentKind.choices)
    title = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel en inhoud"), blank=True)
    frequency = models.CharField(_("frequentie"), max_length=20, choices=Rhythm.choices)
    responsible = models.ForeignKey(
        ImplementationBody,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_moments",
        verbose_name=_("georganiseerd of opgesteld door"),
    )
    audience = models.ForeignKey(
        ImplementationBody,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="received_moments",
        verbose_name=_("voor"),
    )
    first_date = models.DateField(_("eerste keer op"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "kind", "position", "id"]
        verbose_name = _("sturingsmoment")
        verbose_name_plural = _("sturingsmomenten")

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        for name in ("responsible", "audience"):
            body = getattr(self, name)
            if body is not None and body.project_id != self.project_id:
                errors[name] = _("Dat orgaan hoort bij een ander project.")
        if errors:
            raise ValidationError(errors)


class ProgressStatus(models.TextChoices):
    """The status of an action in the implementation."""

    PLANNED = "planned", _("Gepland")
    RUNNING = "running", _("Loopt")
    DELAYED = "delayed", _("Vertraagd")
    DONE = "done", _("Afgerond")
    STOPPED = "stopped", _("Gestopt")


# The statuses that end an action (no later work expected).
FINAL_STATUSES = (ProgressStatus.DONE, ProgressStatus.STOPPED)
# The statuses whose report must say why.
EXPLAINED_STATUSES = (ProgressStatus.DELAYED, ProgressStatus.STOPPED)


class ActionProgress(models.Model):
    """A status report of an action of the action book: from ``reported_on`` on, the action
    has ``status``. The reports are the history; the latest (by date, then by entry) is the
    action's status. An action without a report is planned."""

    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="progress_reports"
    )
    status = models.CharField(_("status"), max_length=20, choices=ProgressStatus.choices)
    reported_on = models.DateField(_("per"))
    note = models.TextField(_("toelichting"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "-reported_on", "-id"]
        verbose_name = _("voortgangsmelding")
        verbose_name_plural = _("voortgangsmeldingen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["delayed", "stopped"]) | ~models.Q(note=""),
                name="implementation_progress_explained",
            ),
        ]
        indexes = [models.Index(fields=["action", "reported_on"], name="impl_progress_latest")]

    def __str__(self):
        return f"{self.action}: {self.get_status_display()} ({self.reported_on})"

    def clean(self):
        if self.status in EXPLAINED_STATUSES and not self.note.strip():
            raise ValidationError({"note": _("Licht toe waarom de actie vertraagd of gestopt is.")})


class DomainSituation(models.Model):
    """The current situation in one domain of the integral framework, as the team describes
    it (the row "Huidige situatie" of seed 004)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="domain_situations")
    domain = models.CharField(_("domein"), max_length=30, choices=Domain.choices)
    text = models.TextField(_("huidige situatie"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "domain"]
        verbose_name = _("huidige situatie")
        verbose_name_plural = _("huidige situaties")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "domain"], name="implementation_one_situation_per_domain"
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="implementation_situation_has_text"
            ),
        ]

    def __str__(self):
        return f"{self.get_domain_display()}: {self.text[:60]}"
