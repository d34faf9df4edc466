"""The documents app's part of the demo (the Plan van aanpak), and the one way every tool's
demo writes, versions, renders and publishes its process document."""

from django.core.exceptions import ValidationError
from django.db import transaction

from documents.models import Audience, Publication
from documents.services import documents as services

PLAN_VAN_AANPAK = {
    "aanleiding": (
        "<p>Migratie is een van de grote maatschappelijke vraagstukken van dit moment. Het debat "
        "is gepolariseerd en beleid komt vaak tot stand zonder dat de samenleving zelf is "
        "geraadpleegd. Coöperatie Samenwereld wil laten zien dat het anders kan: eerst de "
        "samenleving, dan de politiek en het bestuur.</p>"
    ),
    "doel": (
        "<p>Een advies over de aanpak van het migratievraagstuk, opgesteld volgens de Methode "
        "Samenlevingsbeleid. We eindigen met een bezoek aan de Tweede Kamer, waar we ons advies "
        "aan de voorzitter overhandigen.</p>"
    ),
    "middelen": (
        "<ul><li>Een online community voor het team</li><li>Een website voor iedereen</li>"
        "<li>Online interviews via Zoom, met opname</li></ul>"
    ),
}

PUBLISHED = (Audience.CLIENT, Audience.PUBLIC)


def demo_document_publish(
    *, project, leader, step_key: str, sections: dict, change_note: str, audiences=PUBLISHED
):
    """Write the empty sections of a step's document, freeze a version, render it and publish
    it to ``audiences`` — once: nothing happens when the document was published before.

    Returns the published version (None when there was nothing to do). Rendering runs
    in-process here (the demo runs without a broker) and takes seconds.
    """
    document = services.document_ensure(project.steps.get(key=step_key))
    if Publication.objects.filter(document=document).exists():
        return None
    with transaction.atomic():
        for section in document.sections.filter(key__in=sections, body=""):
            services.section_update(
                actor=leader, section=section, body=sections[section.key], revision=section.revision
            )
        try:
            version = services.version_create(
                actor=leader, document=document, change_note=change_note
            )
        except ValidationError:  # nothing changed since the latest version: publish that one
            version = document.versions.order_by("-number").first()
    services.version_render(version_id=version.pk)
    version.refresh_from_db()
    for audience in audiences:
        services.publish(actor=leader, version=version, audience=audience)
    return version


def demo_load(*, project, leader) -> None:
    """The Plan van aanpak: written, versioned, rendered and published (idempotent)."""
    demo_document_publish(
        project=project,
        leader=leader,
        step_key="start",
        sections=PLAN_VAN_AANPAK,
        change_note="Besproken op 18 december 2023",
    )
