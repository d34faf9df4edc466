from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessStepsConfig(AppConfig):
    name = "processteps"
    verbose_name = _("Processtappen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(ensure_catalogue, sender=self)

        from celery.signals import task_postrun, task_prerun

        from processteps import pagecache

        task_prerun.connect(pagecache.task_started, weak=False)
        task_postrun.connect(pagecache.task_ended, weak=False)


def ensure_catalogue(sender, using="default", **kwargs):
    """Load the method catalogue when it is missing: the data migration loads it once, and a
    database flush (as transactional tests do) would otherwise leave projects without steps."""
    from processteps.catalogue_loader import load_catalogue
    from processteps.models import MethodChecklistItem, MethodStep

    if not MethodStep.objects.using(using).exists():
        load_catalogue(MethodStep, MethodChecklistItem)
