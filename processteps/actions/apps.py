from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Sentences of the audit trail (filled from the entry's data and its target).
AUDIT_ACTIONS = {
    "action.added": _("voegde de actie ‘%(target)s’ toe"),
    "action.changed": _("wijzigde het actieformulier ‘%(target)s’"),
    "action.deleted": _("verwijderde de actie ‘%(target)s’"),
    "action.adopted": _("stelde het actieformulier ‘%(target)s’ vast"),
    "action.reopened": _("heropende het actieformulier ‘%(target)s’"),
    "action.invited": _("nodigde %(count)s partijen uit te reageren op ‘%(target)s’"),
    "action.comment_recorded": _("legde de reactie van %(organisation)s op ‘%(target)s’ vast"),
    "action.comment_deleted": _("verwijderde de reactie van %(organisation)s op ‘%(target)s’"),
    "milestone.done": _("markeerde de mijlpaal ‘%(target)s’ van ‘%(action)s’ als gehaald"),
    "milestone.undone": _("markeerde de mijlpaal ‘%(target)s’ van ‘%(action)s’ als niet gehaald"),
}


class ActionsConfig(AppConfig):
    """Step 10: the action book (Actieboek) with its action forms."""

    name = "processteps.actions"
    label = "actions"
    verbose_name = _("Actieboek")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import DerivedItem, NavEntry, StepTool, register

        from .selectors import FORMS_COMPLETE

        step = "actions"
        register(
            StepTool(
                name="actions",
                label=_("Actieboek"),
                steps=(step,),
                urls="processteps.actions.urls",
                nav=(
                    NavEntry(
                        _("Actieformulieren"), "actions:action_list", "actions.view", step, True
                    ),
                    NavEntry(
                        _("Onvolledige actieformulieren"),
                        "actions:incomplete",
                        "actions.view",
                        step,
                    ),
                    NavEntry(_("Gaten in de keten"), "actions:gaps", "actions.view", step),
                ),
                panel="actions/panel.html",
                panel_context="processteps.actions.selectors.panel_context",
                audit_actions=AUDIT_ACTIONS,
                # The drafting, budgets and parties are the team's work: a client's activity
                # feed shows only the adoption of forms.
                team_only_actions=frozenset(
                    action
                    for action in AUDIT_ACTIONS
                    if action not in {"action.adopted", "action.reopened"}
                ),
                documents="processteps.actions.documents",
                demo="processteps.actions.demo.demo_load",
                derived=(
                    DerivedItem(
                        step,
                        "Actieformulieren volledig en goed ingevuld",
                        FORMS_COMPLETE,
                        "processteps.actions.selectors.forms_complete",
                        _(
                            "Afgevinkt zodra er actieformulieren zijn en elk formulier volledig "
                            "is: beschrijving, doelen, weggenomen oorzaken, interventiepunt, "
                            "één eigenaar, begroting, looptijd, mijlpalen, "
                            "uitvoeringsindicatoren, risico's, aannames en wat van burgers "
                            "gevraagd wordt."
                        ),
                    ),
                ),
            )
        )
