"""Step 9: the goal tree with its means, and the indicators with their measurements (the
"gegevensbank" of step 11).

Goals run from abstract (level 0, the top) to concrete (higher levels). A first draft is derived
from the causal complex of step 5: each cause becomes the positive situation that removes it
(``GoalCause``), its layer giving the goal's level. Team members may draft goal trees of their
own; the leader merges them into the project's one team tree, as with the causal analyses.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from processteps.models import Domain, Horizon, Project


class TreeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Eigen doelenboom")
    TEAM = "team", _("Doelenboom van het team")


class TreeStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    ADOPTED = "adopted", _("Vastgesteld")


class GoalTree(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="goal_trees")
    kind = models.CharField(_("soort"), max_length=20, choices=TreeKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opsteller"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TreeStatus.choices, default=TreeStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "kind", "id"]
        verbose_name = _("doelenboom")
        verbose_name_plural = _("doelenbomen")
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(kind="team"), name="goals_one_team_tree"
            ),
            models.UniqueConstraint(
                fields=["project", "owner"],
                condition=models.Q(kind="individual"),
                name="goals_one_individual_tree_per_member",
            ),
        ]

    def __str__(self):
        if self.kind == TreeKind.TEAM:
            return str(_("Doelenboom van het team"))
        who = (self.owner.get_full_name() or self.owner.get_username()) if self.owner else "?"
        return str(_("Doelenboom van %(who)s")) % {"who": who}


class Goal(models.Model):
    tree = models.ForeignKey(GoalTree, on_delete=models.CASCADE, related_name="goals")
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("hoger doel"),
    )
    statement = models.CharField(_("doel"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    # 0 is the most abstract (top of the tree); a higher number is more concrete.
    level = models.PositiveSmallIntegerField(_("niveau"), default=0)
    domain = models.CharField(_("domein"), max_length=30, choices=Domain.choices, blank=True)
    horizon = models.CharField(_("termijn"), max_length=10, choices=Horizon.choices, blank=True)
    causes = models.ManyToManyField(
        "causes.CausalFactor",
        through="GoalCause",
        related_name="goals",
        verbose_name=_("oorzaken die het doel wegneemt"),
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["tree", "level", "position", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="goals_goal_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.statement

    @property
    def project(self):
        return self.tree.project

    def clean(self):
        if self.parent_id:
            if self.parent.tree_id != self.tree_id:
                raise ValidationError({"parent": _("Het hogere doel staat in een andere boom.")})
            if self.parent.level >= self.level:
                raise ValidationError(
                    {"parent": _("Het hogere doel moet abstracter zijn (een lager niveau).")}
                )


class GoalCause(models.Model):
    """ "This goal removes that cause" (a cause of the team analysis of step 5)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="cause_links")
    cause = models.ForeignKey(
        "causes.CausalFactor", on_delete=models.CASCADE, related_name="goal_links"
    )
    # Set when the draft was derived from the causal complex (provenance).
    derived = models.BooleanField(_("afgeleid"), default=False)

    class Meta:
        verbose_name = _("weggenomen oorzaak")
        verbose_name_plural = _("weggenomen oorzaken")
        constraints = [
            models.UniqueConstraint(fields=["goal", "cause"], name="goals_goal_cause_unique")
        ]

    def __str__(self):
        return f"{self.goal} ⟵ {self.cause}"


class Means(models.Model):
    """A middel: how a goal is reached (an instrument, a provision, a budget line)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="means")
    description = models.CharField(_("middel"), max_length=300)
    details = models.TextField(_("toelichting"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["goal", "position", "id"]
        verbose_name = _("middel")
        verbose_name_plural = _("middelen")

    def __str__(self):
        return self.description


class IndicatorKind(models.TextChoices):
    GOAL = "goal", _("Doelindicator")
    IMPLEMENTATION = "implementation", _("Uitvoeringsindicator")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Maandelijks")
    QUARTERLY = "quarterly", _("Per kwartaal")
    HALF_YEARLY = "half_yearly", _("Halfjaarlijks")
    YEARLY = "yearly", _("Jaarlijks")
    ONCE = "once", _("Eenmalig")


class Indicator(models.Model):
    """A doel- or uitvoeringsindicator with the fields results frameworks use. Goal indicators
    belong to a goal; implementation indicators are linked from the action book (step 10)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(_("soort"), max_length=20, choices=IndicatorKind.choices)
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=200)
    definition = models.TextField(_("definitie"), blank=True)
    unit = models.CharField(_("eenheid"), max_length=50)
    baseline_value = models.DecimalField(
        _("nulmeting"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    baseline_date = models.DateField(_("datum nulmeting"), null=True, blank=True)
    target_value = models.DecimalField(
        _("streefwaarde"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    method = models.CharField(_("meetmethode"), max_length=300, blank=True)
    frequency = models.CharField(
        _("frequentie"), max_length=20, choices=Frequency.choices, blank=True
    )
    measured_by = models.CharField(_("wie meet"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "kind", "name", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(baseline_date__isnull=True)
                | models.Q(target_date__isnull=True)
                | models.Q(target_date__gte=models.F("baseline_date")),
                name="goals_indicator_target_after_baseline",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.baseline_date and self.target_date and self.target_date < self.baseline_date:
            raise ValidationError(
                {"target_date": _("De streefdatum ligt vóór de datum van de nulmeting.")}
            )
        if self.goal_id and self.goal.tree.project_id != self.project_id:
            raise ValidationError({"goal": _("Dat doel hoort bij een ander project.")})


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("meetdatum"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=3)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "measured_on", "id"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="goals_one_measurement_per_date"
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.measured_on})"
