"""Step 10: the action book (Actieboek). One action form per action: what it does, the goals
of step 9 it serves (``ActionGoal``) and the causes of the team analysis of step 5 it removes
(``ActionCause``; "acties gericht op het wegnemen van oorzaken"), the intervention point of
step 6 it uses, the parties with their role (exactly one accountable, ``ActionParty``), the
budget (``BudgetLine``), the planning (start, end, ``Milestone``), the implementation indicators
(goals' ``Indicator`` of kind "implementation", linked by ``ActionIndicator``), risks,
assumptions and what is asked of citizens.

Organisations with a role in the implementation are invited to comment
(``ActionInvitation``); a team member records their response (``ActionComment``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from processteps.consultation.models import MailStatus
from processteps.models import Domain, Project


class ActionStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    ADOPTED = "adopted", _("Vastgesteld")


class Action(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beschrijving"), blank=True)
    intervention_point = models.ForeignKey(
        "meetings.InterventionPoint",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("interventiepunt"),
    )
    domain = models.CharField(_("domein"), max_length=30, choices=Domain.choices, blank=True)
    asked_of_citizens = models.TextField(_("wat van burgers gevraagd wordt"), blank=True)
    risks = models.TextField(_("risico's"), blank=True)
    assumptions = models.TextField(_("aannames"), blank=True)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.DRAFT
    )
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    goals = models.ManyToManyField(
        "goals.Goal",
        through="ActionGoal",
        related_name="actions",
        verbose_name=_("doelen die de actie dient"),
    )
    causes = models.ManyToManyField(
        "causes.CausalFactor",
        through="ActionCause",
        related_name="actions",
        verbose_name=_("oorzaken die de actie wegneemt"),
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="actions_action_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_adopted(self) -> bool:
        return self.status == ActionStatus.ADOPTED

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})
        if self.intervention_point_id and self.intervention_point.project_id != self.project_id:
            raise ValidationError(
                {"intervention_point": _("Dat interventiepunt hoort bij een ander project.")}
            )


class ActionGoal(models.Model):
    """ "This action serves that goal" (a goal of the team's goal tree of step 9)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="goal_links")
    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="action_links")

    class Meta:
        verbose_name = _("gediend doel")
        verbose_name_plural = _("gediende doelen")
        constraints = [
            models.UniqueConstraint(fields=["action", "goal"], name="actions_action_goal_unique")
        ]

    def __str__(self):
        return f"{self.action} → {self.goal}"


class ActionCause(models.Model):
    """ "This action removes that cause" (a cause of the team analysis of step 5)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="cause_links")
    cause = models.ForeignKey(
        "causes.CausalFactor", on_delete=models.CASCADE, related_name="action_links"
    )

    class Meta:
        verbose_name = _("weggenomen oorzaak")
        verbose_name_plural = _("weggenomen oorzaken")
        constraints = [
            models.UniqueConstraint(fields=["action", "cause"], name="actions_action_cause_unique")
        ]

    def __str__(self):
        return f"{self.action} ⟶ {self.cause}"


class PartyRole(models.TextChoices):
    """RACI: exactly one accountable party per action (the owner), any number of others."""

    ACCOUNTABLE = "accountable", _("Eigenaar (eindverantwoordelijk)")
    RESPONSIBLE = "responsible", _("Uitvoerder (verantwoordelijk)")
    CONSULTED = "consulted", _("Geraadpleegd")
    INFORMED = "informed", _("Geïnformeerd")


class ActionParty(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("organisatie of persoon"), max_length=200)
    role = models.CharField(_("rol"), max_length=20, choices=PartyRole.choices)
    # Team-only unless the Actieboek is published.
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=50, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["action", "position", "id"]
        verbose_name = _("betrokken partij")
        verbose_name_plural = _("betrokken partijen")
        constraints = [
            models.UniqueConstraint(
                fields=["action"],
                condition=models.Q(role="accountable"),
                name="actions_one_accountable_party",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class BudgetLine(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="budget_lines")
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=14, decimal_places=2)
    source = models.CharField(_("financieringsbron"), max_length=200)
    year = models.PositiveSmallIntegerField(_("jaar"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["action", "year", "position", "id"]
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="actions_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1900) & models.Q(year__lte=2200),
                name="actions_budget_year_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.amount} ({self.source})"


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("mijlpaal"), max_length=300)
    date = models.DateField(_("datum"))
    done = models.BooleanField(_("gehaald"), default=False)

    class Meta:
        ordering = ["action", "date", "id"]
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")

    def __str__(self):
        return self.title


class ActionIndicator(models.Model):
    """An implementation indicator (goals' ``Indicator`` of kind "implementation", with its
    measurements) that measures this action; one indicator may measure several actions."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicator_links")
    indicator = models.ForeignKey(
        "goals.Indicator", on_delete=models.CASCADE, related_name="action_links"
    )

    class Meta:
        verbose_name = _("uitvoeringsindicator van een actie")
        verbose_name_plural = _("uitvoeringsindicatoren van acties")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "indicator"], name="actions_action_indicator_unique"
            )
        ]

    def __str__(self):
        return f"{self.action}: {self.indicator}"


class ActionInvitation(models.Model):
    """An organisation or person with a role in the action, invited by mail to comment on it
    (the mail as it was sent, with its fate)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="invitations")
    party = models.ForeignKey(
        ActionParty,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("partij"),
    )
    organisation = models.CharField(_("organisatie of persoon"), max_length=200)
    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=20, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    error = models.TextField(_("fout"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("uitnodiging om te reageren")
        verbose_name_plural = _("uitnodigingen om te reageren")

    def __str__(self):
        return f"{self.organisation} <{self.to}>: {self.subject}"


class ActionComment(models.Model):
    """The response of an organisation on an action, recorded by a team member (in answer
    to an invitation, or otherwise received)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="comments")
    invitation = models.ForeignKey(
        ActionInvitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("uitnodiging"),
    )
    organisation = models.CharField(_("organisatie of persoon"), max_length=200)
    text = models.TextField(_("reactie"))
    received_on = models.DateField(_("ontvangen op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "received_on", "id"]
        verbose_name = _("reactie op een actie")
        verbose_name_plural = _("reacties op acties")

    def __str__(self):
        return f"{self.organisation}: {self.text[:60]}"
