"""The demo project's Plan van aanpak: written, versioned, rendered and published."""

from django.db import transaction

from documents.models import Audience, Publication

from . import documents as services

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


def demo_documents_load(*, project, leader) -> None:
    """Write, version, render and publish the Plan van aanpak (idempotent)."""
    step = project.steps.get(number=1)
    document = services.document_ensure(step)
    if Publication.objects.filter(document=document).exists():
        return
    with transaction.atomic():
        for section in document.sections.filter(key__in=PLAN_VAN_AANPAK):
            services.section_update(
                actor=leader,
                section=section,
                body=PLAN_VAN_AANPAK[section.key],
                revision=section.revision,
            )
        version = services.version_create(
            actor=leader, document=document, change_note="Besproken op 18 december 2023"
        )
    # Rendering happens in-process here (the demo runs without a broker) and takes seconds.
    services.version_render(version_id=version.pk)
    version.refresh_from_db()
    for audience in (Audience.CLIENT, Audience.PUBLIC):
        services.publish(actor=leader, version=version, audience=audience)
