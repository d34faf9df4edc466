from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Procesdocumenten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import ALL_STEPS, NavEntry, StepTool, register
        from processteps.services.erasure import project_data_erased
        from processteps.services.projects import project_created

        from .models import Audience
        from .services.documents import on_project_created, on_project_data_erased

        project_data_erased.connect(on_project_data_erased, dispatch_uid="documents-erased")
        project_created.connect(on_project_created, dispatch_uid="documents-project-created")

        # Every step ends in a process document: the documents app serves all of them.
        register(
            StepTool(
                name="documents",
                label=_("Procesdocumenten"),
                steps=(ALL_STEPS,),
                urls="documents.urls",
                nav=(
                    NavEntry(
                        _("Documenten"),
                        "documents:list",
                        perm="processteps.view_project",
                        dashboard=True,
                    ),
                ),
                panel="documents/step_panel.html",
                audit_actions={
                    "document.section_changed": _(
                        "bewerkte de sectie '%(section)s' van %(target)s"
                    ),
                    "document.version_saved": _("legde versie %(number)s van %(target)s vast"),
                    "document.rendered": _(
                        "maakte de PDF van %(target)s versie %(number)s (%(pages)s pagina's)"
                    ),
                    "document.render_failed": _(
                        "kon de PDF van %(target)s versie %(number)s niet maken"
                    ),
                    "document.published": _(
                        "publiceerde %(target)s versie %(number)s voor: %(audience)s"
                    ),
                    "document.unpublished": _(
                        "haalde %(target)s versie %(number)s offline voor: %(audience)s"
                    ),
                    "document.scrubbed": _(
                        "verwijderde op verzoek persoonsgegevens uit %(target)s versie "
                        "%(number)s; de PDF wordt opnieuw gemaakt"
                    ),
                },
                audit_choices={("document", "audience"): Audience},
                demo="documents.demo.demo_load",
                public_home="documents/public/home_panel.html",
                public_home_context="documents.selectors.public_home_context",
            )
        )
