from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessStepsConfig(AppConfig):
    name = "processteps"
    verbose_name = _("Processtappen")
    default_auto_field = "django.db.models.BigAutoField"
