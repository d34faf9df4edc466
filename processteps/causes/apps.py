from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Sentences of the audit trail (filled from the entry's data and its target).
AUDIT_ACTIONS = {
    "causalanalysis.created": _("begon %(target)s"),
    "causalanalysis.changed": _("wijzigde de probleemstelling van %(target)s"),
    "causalanalysis.submitted": _("diende %(target)s in"),
    "causalanalysis.withdrawn": _("trok %(target)s terug om haar te wijzigen"),
    "causalanalysis.merged": _(
        "voegde %(target)s samen in de teamanalyse (%(created)s nieuwe factoren, %(mapped)s "
        "samengevoegd met een bestaande, %(links)s verbanden)"
    ),
    "causalanalysis.imported": _(
        "importeerde %(factors)s factoren en %(links)s verbanden in %(target)s"
    ),
    "complex.added": _("voegde het oorzakelijk complex ‘%(target)s’ toe"),
    "complex.changed": _("wijzigde het oorzakelijk complex ‘%(target)s’"),
    "complex.deleted": _("verwijderde het oorzakelijk complex ‘%(target)s’"),
    "factor.added": _("voegde de factor ‘%(target)s’ toe"),
    "factor.changed": _("wijzigde de factor ‘%(target)s’"),
    "factor.deleted": _("verwijderde de factor ‘%(target)s’"),
    "factor.merged": _("voegde ‘%(source)s’ uit %(owner)s samen met de teamfactor ‘%(target)s’"),
    "causallink.added": _("legde het verband ‘%(target)s’"),
    "causallink.changed": _("wijzigde het verband ‘%(target)s’"),
    "causallink.deleted": _("verwijderde het verband ‘%(target)s’"),
    "causallink.loop_marked": _("markeerde ‘%(target)s’ als bewuste versterkende lus"),
    "causallink.loop_unmarked": _("haalde de markering als versterkende lus van ‘%(target)s’"),
    "evidence.added": _("citeerde een fragment als bewijs bij ‘%(target)s’"),
    "evidence.removed": _("haalde een geciteerd fragment weg bij ‘%(target)s’"),
}


class CausesConfig(AppConfig):
    """Step 5: causal complexes (individual analyses, the team analysis, evidence)."""

    name = "processteps.causes"
    label = "causes"
    verbose_name = _("Oorzakelijke complexen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import DerivedItem, NavEntry, StepTool, register

        from .selectors import CAUSES_LAYERED, CAUSES_LOGICAL

        step = "causal_complexes"
        register(
            StepTool(
                name="causes",
                label=_("Oorzakelijke complexen"),
                steps=(step,),
                urls="processteps.causes.urls",
                nav=(
                    NavEntry(
                        _("Oorzakelijk complex"), "causes:overview", "causes.view", step, True
                    ),
                    NavEntry(
                        _("Eigen analyses samenvoegen"), "causes:merge", "causes.manage_team", step
                    ),
                    NavEntry(
                        _("Verschillen tussen analisten"),
                        "causes:compare",
                        "causes.manage_team",
                        step,
                    ),
                ),
                panel="causes/panel.html",
                panel_context="processteps.causes.selectors.panel_context",
                audit_actions=AUDIT_ACTIONS,
                # The analysing is the team's work; a client sees the published document.
                team_only_actions=frozenset(AUDIT_ACTIONS),
                derived=(
                    DerivedItem(
                        step,
                        "Logisch ontwerp causale relaties",
                        CAUSES_LOGICAL,
                        "processteps.causes.selectors.causes_logical",
                        _(
                            "Afgevinkt zodra de teamanalyse geen kringloop heeft die niet als "
                            "bewuste versterkende lus is gemarkeerd, geen losse factor, en "
                            "elke grondoorzaak bewijs uit de consultatieronde heeft."
                        ),
                    ),
                    DerivedItem(
                        step,
                        "Correcte gelaagdheid (symptomen/oorzaken)",
                        CAUSES_LAYERED,
                        "processteps.causes.selectors.causes_layered",
                        _(
                            "Afgevinkt zodra in de teamanalyse elk symptoom een oorzaak eronder "
                            "heeft en geen verband van een symptoom naar een oorzaak (of van "
                            "een oorzaak naar een grondoorzaak) loopt."
                        ),
                    ),
                ),
                documents="processteps.causes.documents",
                demo="processteps.causes.demo.demo_load",
            )
        )
