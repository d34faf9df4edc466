"""Step 5: causal complexes. Each team member builds an individual analysis (factors and causal
links between them); the leader merges them into the project's one team analysis, grouped into
complexes. Factors and links cite fragments of the consultation round as evidence.

Direction: a link ``source → target`` reads "source leads to target". Causes lie below the
symptoms they lead to: root cause → cause → symptom.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from processteps.models import Project


class AnalysisKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuele analyse")
    TEAM = "team", _("Teamanalyse")


class AnalysisStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")


class CausalAnalysis(models.Model):
    """An analysis of the project's problem: a team member's own, or the team's (one per
    project, merged by the leader)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="causal_analyses", verbose_name=_("project")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=AnalysisKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("analist"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AnalysisStatus.choices, default=AnalysisStatus.DRAFT
    )
    problem_statement = models.TextField(_("probleemstelling"), blank=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "kind", "id"]
        verbose_name = _("causale analyse")
        verbose_name_plural = _("causale analyses")
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(kind="team"),
                name="causes_one_team_analysis",
            ),
            models.UniqueConstraint(
                fields=["project", "owner"],
                condition=models.Q(kind="individual"),
                name="causes_one_individual_analysis_per_member",
            ),
        ]

    def __str__(self):
        if self.kind == AnalysisKind.TEAM:
            return str(_("Teamanalyse"))
        return str(_("Analyse van %(who)s")) % {
            "who": (self.owner.get_full_name() or self.owner.get_username())
            if self.owner
            else _("(verwijderd account)")
        }

    @property
    def is_team(self) -> bool:
        return self.kind == AnalysisKind.TEAM


class CausalComplex(models.Model):
    """A cluster ("complex") of the team analysis, usually by theme; drawn on its own."""

    analysis = models.ForeignKey(CausalAnalysis, on_delete=models.CASCADE, related_name="complexes")
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    theme = models.ForeignKey(
        "consultation.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thema"),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["analysis", "position", "name"]
        verbose_name = _("oorzakelijk complex")
        verbose_name_plural = _("oorzakelijke complexen")
        constraints = [
            models.UniqueConstraint(fields=["analysis", "name"], name="causes_complex_unique_name")
        ]

    def __str__(self):
        return self.name


class FactorKind(models.TextChoices):
    SYMPTOM = "symptom", _("Symptoom")
    CAUSE = "cause", _("Oorzaak")
    ROOT_CAUSE = "root_cause", _("Grondoorzaak")


# The layer of a kind: symptoms on top (0), root causes at the bottom (2).
LAYER = {FactorKind.SYMPTOM: 0, FactorKind.CAUSE: 1, FactorKind.ROOT_CAUSE: 2}

STATEMENT_MAX = 300


class CausalFactor(models.Model):
    analysis = models.ForeignKey(CausalAnalysis, on_delete=models.CASCADE, related_name="factors")
    statement = models.CharField(_("stelling"), max_length=STATEMENT_MAX)
    kind = models.CharField(_("soort"), max_length=20, choices=FactorKind.choices)
    description = models.TextField(_("toelichting"), blank=True)
    angle = models.ForeignKey(
        "consultation.Angle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invalshoek"),
    )
    complex = models.ForeignKey(
        CausalComplex,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="factors",
        verbose_name=_("complex"),
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["analysis", "position", "id"]
        verbose_name = _("factor")
        verbose_name_plural = _("factoren")

    def __str__(self):
        return self.statement

    @property
    def layer(self) -> int:
        return LAYER[self.kind]

    @property
    def project(self):
        return self.analysis.project

    def clean(self):
        if self.angle_id and self.angle.project_id != self.analysis.project_id:
            raise ValidationError({"angle": _("Die invalshoek hoort bij een ander project.")})
        if self.complex_id and self.complex.analysis_id != self.analysis_id:
            raise ValidationError({"complex": _("Dat complex hoort bij een andere analyse.")})


class FactorMerge(models.Model):
    """Provenance of the team analysis: a factor an analyst proposed, mapped onto the team's
    canonical factor (several proposals may map onto one)."""

    team_factor = models.ForeignKey(
        CausalFactor, on_delete=models.CASCADE, related_name="merged_sources"
    )
    source_factor = models.OneToOneField(
        CausalFactor, on_delete=models.CASCADE, related_name="merged_into"
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("samengevoegde factor")
        verbose_name_plural = _("samengevoegde factoren")

    def __str__(self):
        return f"{self.source_factor} → {self.team_factor}"


class Polarity(models.TextChoices):
    STRENGTHENS = "strengthens", _("versterkt")
    WEAKENS = "weakens", _("verzwakt")


class Confidence(models.TextChoices):
    LOW = "low", _("laag")
    MEDIUM = "medium", _("middel")
    HIGH = "high", _("hoog")


class CausalLink(models.Model):
    """``source`` leads to ``target`` (strengthening or weakening it)."""

    analysis = models.ForeignKey(CausalAnalysis, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(
        CausalFactor, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("oorzaak")
    )
    target = models.ForeignKey(
        CausalFactor, on_delete=models.CASCADE, related_name="incoming", verbose_name=_("gevolg")
    )
    polarity = models.CharField(
        _("richting"), max_length=20, choices=Polarity.choices, default=Polarity.STRENGTHENS
    )
    confidence = models.CharField(
        _("zekerheid"), max_length=20, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    rationale = models.TextField(_("onderbouwing"), blank=True)
    # A cycle through this link is a reinforcing loop the leader accepted on purpose.
    is_reinforcing_loop = models.BooleanField(_("bewuste versterkende lus"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["analysis", "id"]
        verbose_name = _("causale relatie")
        verbose_name_plural = _("causale relaties")
        constraints = [
            models.UniqueConstraint(
                fields=["analysis", "source", "target"], name="causes_link_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="causes_link_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"

    def clean(self):
        if self.source_id and self.target_id and self.source_id == self.target_id:
            raise ValidationError(_("Een factor kan niet naar zichzelf leiden."))
        for end in (self.source, self.target):
            if end is not None and end.analysis_id != self.analysis_id:
                raise ValidationError(_("Beide factoren moeten in dezelfde analyse staan."))


class Evidence(models.Model):
    """A fragment of the consultation round (step 4) cited for a factor or for a link."""

    factor = models.ForeignKey(
        CausalFactor, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    link = models.ForeignKey(
        CausalLink, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    fragment = models.ForeignKey(
        "consultation.Fragment", on_delete=models.CASCADE, related_name="citations"
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("bewijs")
        verbose_name_plural = _("bewijzen")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(factor__isnull=False) & models.Q(link__isnull=True))
                | (models.Q(factor__isnull=True) & models.Q(link__isnull=False)),
                name="causes_evidence_for_one_thing",
            ),
            models.UniqueConstraint(
                fields=["factor", "fragment"],
                condition=models.Q(factor__isnull=False),
                name="causes_evidence_unique_factor",
            ),
            models.UniqueConstraint(
                fields=["link", "fragment"],
                condition=models.Q(link__isnull=False),
                name="causes_evidence_unique_link",
            ),
        ]

    def __str__(self):
        return str(self.fragment)
