from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CausesConfig(AppConfig):
    """Step 5: causal complexes (individual analyses, the team analysis, evidence)."""

    name = "processteps.causes"
    label = "causes"
    verbose_name = _("Oorzakelijke complexen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import StepTool, register

        register(
            StepTool(
                name="causes",
                label=_("Oorzakelijke complexen"),
                steps=("causal_complexes",),
            )
        )
