"""Step 9: the goal tree with its means, and the indicators with their measurements (the
"gegevensbank" of step 11).

Goals run from abstract (level 0, the top) to concrete (higher levels). A first draft is derived
from the causal complex of step 5: each cause becomes the positive situation that removes it
(``GoalCause``), its layer giving the goal's level; the adopted target images of step 8 become
top goals (``Goal.target_image``). Team members may draft goal trees of their own; the leader
merges them into the project's one team tree, as with the causal analyses (``GoalMerge`` keeps
who proposed what). The political weighing of a goal: the options considered
(``PolicyOption``) and the decision taken (``GoalDecision``).
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
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "kind", "id"]
        verbose_name = _("doelenboom")
        verbose_name_plural = _("doelenbomen")
        constraints = [
            # A member submits their own tree; the leader adopts the team's.
            models.CheckConstraint(
                condition=models.Q(kind="individual") | ~models.Q(status="submitted"),
                name="goals_only_individual_trees_submitted",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="team") | ~models.Q(status="adopted"),
                name="goals_only_the_team_tree_adopted",
            ),
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

    @property
    def is_team(self) -> bool:
        return self.kind == TreeKind.TEAM

    @property
    def is_adopted(self) -> bool:
        return self.status == TreeStatus.ADOPTED

    def clean(self):
        if self.kind == TreeKind.TEAM and self.status == TreeStatus.SUBMITTED:
            raise ValidationError(
                _("De doelenboom van het team wordt vastgesteld, niet ingediend.")
            )
        if self.kind == TreeKind.INDIVIDUAL and self.status == TreeStatus.ADOPTED:
            raise ValidationError(_("Alleen de doelenboom van het team wordt vastgesteld."))


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
    # Set when the goal was derived from an adopted target image of step 8 (provenance).
    target_image = models.ForeignKey(
        "meetings.TargetImage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("streefbeeld"),
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
                raise ValidationError(
                    {"parent": _("Het hogere doel staat in een andere doelenboom.")}
                )
            if self.parent.level >= self.level:
                raise ValidationError(
                    {"parent": _("Het hogere doel moet abstracter zijn (een lager niveau).")}
                )
        if self.target_image_id and self.target_image.project_id != self.tree.project_id:
            raise ValidationError(
                {"target_image": _("Dat streefbeeld hoort bij een ander project.")}
            )

    @property
    def is_top(self) -> bool:
        return self.level == 0


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

    def clean(self):
        if self.cause.analysis.project_id != self.goal.tree.project_id:
            raise ValidationError({"cause": _("Die oorzaak hoort bij een ander project.")})
        if self.cause.analysis.kind != "team":
            raise ValidationError(
                {"cause": _("Een doel neemt een oorzaak uit de teamanalyse van stap 5 weg.")}
            )


class GoalMerge(models.Model):
    """Provenance of the team tree: a goal a team member proposed in their own tree, taken
    into the team's tree as a new goal or merged into an existing one (several proposals may
    map onto one team goal)."""

    team_goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="merged_sources")
    source_goal = models.OneToOneField(Goal, on_delete=models.CASCADE, related_name="merged_into")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("samengevoegd doel")
        verbose_name_plural = _("samengevoegde doelen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(team_goal=models.F("source_goal")),
                name="goals_merge_not_into_itself",
            ),
        ]

    def __str__(self):
        return f"{self.source_goal} → {self.team_goal}"

    def clean(self):
        if self.team_goal.tree.kind != TreeKind.TEAM:
            raise ValidationError(_("Samenvoegen gebeurt in de doelenboom van het team."))
        if self.source_goal.tree.kind != TreeKind.INDIVIDUAL:
            raise ValidationError(_("Alleen doelen uit een eigen doelenboom worden samengevoegd."))
        if self.team_goal.tree.project_id != self.source_goal.tree.project_id:
            raise ValidationError(_("Die doelen horen bij verschillende projecten."))


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
            # A doelindicator measures a goal; an uitvoeringsindicator is tied to actions.
            models.CheckConstraint(
                condition=~models.Q(kind="goal") | models.Q(goal__isnull=False),
                name="goals_goal_indicator_has_goal",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.baseline_date and self.target_date and self.target_date < self.baseline_date:
            raise ValidationError(
                {"target_date": _("De streefdatum ligt vóór de datum van de nulmeting.")}
            )
        if self.kind == IndicatorKind.GOAL and not self.goal_id:
            raise ValidationError({"goal": _("Een doelindicator hoort bij een doel.")})
        if self.goal_id:
            if self.goal.tree.project_id != self.project_id:
                raise ValidationError({"goal": _("Dat doel hoort bij een ander project.")})
            if self.goal.tree.kind != TreeKind.TEAM:
                raise ValidationError(
                    {"goal": _("Indicatoren horen bij doelen van de doelenboom van het team.")}
                )
        if (self.baseline_value is None) != (self.baseline_date is None):
            raise ValidationError(
                {"baseline_date": _("Geef bij een nulmeting zowel de waarde als de datum.")}
            )
        if (self.target_value is None) != (self.target_date is None):
            raise ValidationError(
                {"target_date": _("Geef bij een streefwaarde zowel de waarde als de datum.")}
            )

    def progress(self, value) -> float | None:
        """How far ``value`` has come from the baseline towards the target (0.0 at the
        baseline, 1.0 on target; below 0 or above 1 when it moved away or beyond), or None
        without a baseline and a target that differ."""
        if value is None or self.baseline_value is None or self.target_value is None:
            return None
        span = self.target_value - self.baseline_value
        if not span:
            return None
        return float((value - self.baseline_value) / span)


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


# -- the political weighing (Beleidskompas: options, consequences, preferred option) -----------


class PolicyOption(models.Model):
    """An option considered to reach a goal, with its consequences."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="options")
    title = models.CharField(_("optie"), max_length=300)
    description = models.TextField(_("beschrijving"), blank=True)
    consequences = models.TextField(_("gevolgen"), blank=True)
    is_preferred = models.BooleanField(_("voorkeursoptie"), default=False)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["goal", "position", "id"]
        verbose_name = _("beleidsoptie")
        verbose_name_plural = _("beleidsopties")
        constraints = [
            models.UniqueConstraint(
                fields=["goal"],
                condition=models.Q(is_preferred=True),
                name="goals_one_preferred_option",
            ),
        ]

    def __str__(self):
        return self.title


class DecisionBody(models.TextChoices):
    COUNCIL = "council", _("Raad (gemeenteraad, Staten, algemeen bestuur)")
    BOARD = "board", _("College of dagelijks bestuur")
    OTHER = "other", _("Ander orgaan")


class DecisionOutcome(models.TextChoices):
    ADOPTED = "adopted", _("Aangenomen")
    AMENDED = "amended", _("Gewijzigd aangenomen")
    REJECTED = "rejected", _("Verworpen")
    POSTPONED = "postponed", _("Aangehouden")


class GoalDecision(models.Model):
    """The political-administrative decision on a goal: which body decided what, when, and
    under which reference (raadsbesluit, collegebesluit)."""

    goal = models.OneToOneField(Goal, on_delete=models.CASCADE, related_name="decision")
    body = models.CharField(_("besluitvormend orgaan"), max_length=20, choices=DecisionBody.choices)
    body_name = models.CharField(
        _("naam van het orgaan"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: gemeenteraad van Voorbeeld."),
    )
    reference = models.CharField(
        _("kenmerk van het besluit"),
        max_length=200,
        help_text=_("Bijvoorbeeld het nummer van het raadsbesluit of collegebesluit."),
    )
    decided_on = models.DateField(_("datum van het besluit"))
    outcome = models.CharField(
        _("uitkomst"),
        max_length=20,
        choices=DecisionOutcome.choices,
        default=DecisionOutcome.ADOPTED,
    )
    chosen_option = models.ForeignKey(
        PolicyOption,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gekozen optie"),
    )
    notes = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self):
        return self.reference

    def clean(self):
        if self.chosen_option_id and self.chosen_option.goal_id != self.goal_id:
            raise ValidationError(
                {"chosen_option": _("De gekozen optie hoort bij een ander doel.")}
            )
