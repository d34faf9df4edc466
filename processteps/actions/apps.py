from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    """Step 10: the action book (Actieboek) with its action forms."""

    name = "processteps.actions"
    label = "actions"
    verbose_name = _("Actieboek")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import StepTool, register

        register(StepTool(name="actions", label=_("Actieboek"), steps=("actions",)))
