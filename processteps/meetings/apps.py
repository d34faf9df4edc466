from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Steps 6-8: expert meetings, citizen dialogues, the political meeting."""

    name = "processteps.meetings"
    label = "meetings"
    verbose_name = _("Bijeenkomsten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import StepTool, register

        register(
            StepTool(
                name="meetings",
                label=_("Bijeenkomsten"),
                steps=("expert_meetings", "citizen_dialogues", "political_meeting"),
            )
        )
