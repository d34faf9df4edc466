from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    """Step 9: the goal tree with its means, indicators and the political weighing."""

    name = "processteps.goals"
    label = "goals"
    verbose_name = _("Doelenboom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import StepTool, register

        register(StepTool(name="goals", label=_("Doelenboom"), steps=("decision_making",)))
