"""Every step of every existing project gets its document now (new projects get them when they
are created): opening the documents list no longer creates them. Section titles are stored in
the project's language (the site's), not in the language of whoever ran the migration."""

from django.conf import settings
from django.db import migrations
from django.utils import translation


def documents_for_every_step(apps, schema_editor):
    from documents.builders import registry
    from documents.builders.base import GenericBuilder

    ProcessStep = apps.get_model("processteps", "ProcessStep")
    ProcessDocument = apps.get_model("documents", "ProcessDocument")
    DocumentSection = apps.get_model("documents", "DocumentSection")
    builders = registry()
    steps = ProcessStep.objects.filter(document__isnull=True).order_by("project_id", "number")
    with translation.override(settings.LANGUAGE_CODE):
        for step in steps.iterator():
            document = ProcessDocument.objects.create(
                project_id=step.project_id,
                step=step,
                document_type=step.document_type,
                title=step.document_name,
            )
            outline = builders.get(step.document_type, GenericBuilder).outline
            DocumentSection.objects.bulk_create(
                DocumentSection(document=document, key=spec.key, title=str(spec.title), position=i)
                for i, spec in enumerate(outline, start=1)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_render_sweep_and_deliveries"),
        ("processteps", "0006_consultation_moved"),
    ]

    operations = [
        # Going back leaves the documents: they are what the views used to create on demand.
        migrations.RunPython(documents_for_every_step, migrations.RunPython.noop),
    ]
