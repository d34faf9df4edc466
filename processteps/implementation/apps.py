from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Sentences of the audit trail (filled from the entry's data and its target).
AUDIT_ACTIONS = {
    "implbody.added": _("voegde ‘%(target)s’ toe aan de uitvoeringsorganisatie"),
    "implbody.changed": _("wijzigde ‘%(target)s’ in de uitvoeringsorganisatie"),
    "implbody.deleted": _("haalde ‘%(target)s’ uit de uitvoeringsorganisatie"),
    "steering.added": _("voegde het sturingsmoment ‘%(target)s’ toe"),
    "steering.changed": _("wijzigde het sturingsmoment ‘%(target)s’"),
    "steering.deleted": _("verwijderde het sturingsmoment ‘%(target)s’"),
    "situation.saved": _("beschreef de huidige situatie: %(target)s"),
    "situation.deleted": _("verwijderde de huidige situatie: %(target)s"),
    "actionprogress.set": _("zette de actie ‘%(target)s’ op ‘%(status)s’"),
}


class ImplementationConfig(AppConfig):
    """Step 11: the implementation plan (organisation, steering, planning, monitoring), the
    Beleidskompas crosswalk and the integral framework."""

    name = "processteps.implementation"
    label = "implementation"
    verbose_name = _("Uitvoeringsplan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import DerivedItem, NavEntry, StepTool, register

        from .selectors import ORGANISATION_READY, STEERING_READY

        step = "implementation_plan"
        view = "implementation.view"
        register(
            StepTool(
                name="implementation",
                label=_("Uitvoeringsplan"),
                steps=(step,),
                urls="processteps.implementation.urls",
                nav=(
                    NavEntry(_("Uitvoeringsplan"), "implementation:overview", view, step, True),
                    NavEntry(_("Planning en RACI"), "implementation:planning", view, step),
                    NavEntry(_("Monitoring"), "implementation:monitoring", view, step),
                    NavEntry(_("Beleidskompas"), "implementation:compass", view, step),
                    NavEntry(_("Integraal raamwerk"), "implementation:framework", view, step),
                ),
                panel="implementation/panel.html",
                panel_context="processteps.implementation.selectors.panel_context",
                audit_actions=AUDIT_ACTIONS,
                audit_choices={("actionprogress", "status"): _progress_choices()},
                # Contact data and the team's drafting stay with the team; status changes of
                # actions are what a client follows.
                team_only_actions=frozenset(
                    action for action in AUDIT_ACTIONS if action != "actionprogress.set"
                ),
                derived=(
                    DerivedItem(
                        step,
                        "Uitvoeringsorganisatie",
                        ORGANISATION_READY,
                        "processteps.implementation.selectors.organisation_ready",
                        _(
                            "Afgevinkt zodra de uitvoeringsorganisatie minstens één orgaan dat "
                            "stuurt en één dat uitvoert heeft, elk met een taak."
                        ),
                    ),
                    DerivedItem(
                        step,
                        "Aansturing uitvoering",
                        STEERING_READY,
                        "processteps.implementation.selectors.steering_ready",
                        _(
                            "Afgevinkt zodra het sturingsritme minstens één overleg en één "
                            "rapportage heeft, elk met een frequentie en een orgaan dat het "
                            "organiseert."
                        ),
                    ),
                ),
                documents="processteps.implementation.documents",
                demo="processteps.implementation.demo.demo_load",
            )
        )


def _progress_choices():
    from .models import ProgressStatus

    return ProgressStatus
