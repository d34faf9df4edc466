from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Sentences of the audit trail (filled from the entry's data and its target).
AUDIT_ACTIONS = {
    "goaltree.created": _("begon %(target)s"),
    "goaltree.derived": _("leidde %(count)s doelen af uit streefbeelden en oorzaken in %(target)s"),
    "goaltree.submitted": _("diende %(target)s in"),
    "goaltree.adopted": _("stelde %(target)s vast"),
    "goaltree.reopened": _("heropende %(target)s"),
    "goal.added": _("voegde het doel ‘%(target)s’ toe"),
    "goal.changed": _("wijzigde het doel ‘%(target)s’"),
    "goal.deleted": _("verwijderde het doel ‘%(target)s’"),
    "goal.merged": _("voegde ‘%(source)s’ uit %(owner)s samen met het teamdoel ‘%(target)s’"),
    "goal.cause_added": _("koppelde de oorzaak ‘%(cause)s’ aan het doel ‘%(target)s’"),
    "goal.cause_removed": _("ontkoppelde de oorzaak ‘%(cause)s’ van het doel ‘%(target)s’"),
    "means.added": _("voegde het middel ‘%(target)s’ toe"),
    "means.changed": _("wijzigde het middel ‘%(target)s’"),
    "means.deleted": _("verwijderde het middel ‘%(target)s’"),
    "indicator.added": _("voegde de indicator ‘%(target)s’ toe"),
    "indicator.changed": _("wijzigde de indicator ‘%(target)s’"),
    "indicator.deleted": _("verwijderde de indicator ‘%(target)s’"),
    "measurement.added": _("legde een meting van ‘%(target)s’ vast: %(value)s op %(date)s"),
    "measurement.deleted": _("verwijderde de meting van ‘%(target)s’ op %(date)s"),
    "measurement.imported": _("importeerde %(count)s metingen"),
    "option.added": _("voegde de beleidsoptie ‘%(target)s’ toe"),
    "option.changed": _("wijzigde de beleidsoptie ‘%(target)s’"),
    "option.deleted": _("verwijderde de beleidsoptie ‘%(target)s’"),
    "option.preferred": _("koos ‘%(target)s’ als voorkeursoptie"),
    "decision.recorded": _("legde het besluit over ‘%(target)s’ vast (%(reference)s)"),
}


class GoalsConfig(AppConfig):
    """Step 9: the goal tree with its means, indicators and the political weighing."""

    name = "processteps.goals"
    label = "goals"
    verbose_name = _("Doelenboom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import DerivedItem, NavEntry, StepTool, register

        from .selectors import TREE_ADOPTED, TREE_LOGICAL

        step = "decision_making"
        register(
            StepTool(
                name="goals",
                label=_("Doelenboom"),
                steps=(step,),
                urls="processteps.goals.urls",
                nav=(
                    NavEntry(_("Doelenboom"), "goals:overview", "goals.view", step, True),
                    NavEntry(_("Doelindicatoren"), "goals:indicator_list", "goals.view", step),
                    NavEntry(
                        _("Eigen doelenbomen samenvoegen"),
                        "goals:merge",
                        "goals.manage_team_tree",
                        step,
                    ),
                ),
                panel="goals/panel.html",
                panel_context="processteps.goals.selectors.panel_context",
                audit_actions=AUDIT_ACTIONS,
                # The drafting is the team's work (own trees, concept goals): a client's
                # activity feed shows only the adoption and the decisions.
                team_only_actions=frozenset(
                    action
                    for action in AUDIT_ACTIONS
                    if action not in {"goaltree.adopted", "goaltree.reopened", "decision.recorded"}
                ),
                derived=(
                    DerivedItem(
                        step,
                        "Doelenboom",
                        TREE_ADOPTED,
                        "processteps.goals.selectors.tree_adopted",
                        _("Afgevinkt zodra de projectleider de doelenboom van het team vaststelt."),
                    ),
                    DerivedItem(
                        step,
                        "Logische opbouw van concreet naar abstract",
                        TREE_LOGICAL,
                        "processteps.goals.selectors.tree_logical",
                        _(
                            "Afgevinkt zodra elk doel behalve de top onder een abstracter doel "
                            "hangt, elke grondoorzaak door een doel wordt weggenomen en elk "
                            "concreet doel een middel heeft."
                        ),
                    ),
                ),
                documents="processteps.goals.documents",
                demo="processteps.goals.demo.demo_load",
            )
        )
