"""The demo project's Bloemlezing: the consultation round loaded, the document compiled from
it, versioned, rendered and published to the client and the public (idempotent)."""

from django.core.exceptions import ValidationError
from django.db import transaction

import documents.builders.bloemlezing  # noqa: F401  (the Bloemlezing's builder is registered)
from documents.models import Audience, Publication
from processteps.demo_consultation_data import BLOEMLEZING_INTRODUCTION, BLOEMLEZING_THEMES_TEXT
from processteps.models import Role
from processteps.services.demo_consultation import demo_consultation_load

from . import documents as services

SECTIONS = {"inleiding": BLOEMLEZING_INTRODUCTION, "themas": BLOEMLEZING_THEMES_TEXT}
STEP = 4


def demo_bloemlezing_load(*, project, leader) -> None:
    """Load the demo consultation round (once), then write, version, render and publish the
    Bloemlezing (once: nothing happens when it has been published before)."""
    members = [m.user for m in project.memberships.filter(role=Role.MEMBER).select_related("user")]
    demo_consultation_load(project=project, leader=leader, members=members)
    document = services.document_ensure(project.steps.get(number=STEP))
    if Publication.objects.filter(document=document).exists():
        return
    with transaction.atomic():
        for section in document.sections.filter(key__in=SECTIONS, body=""):
            services.section_update(
                actor=leader, section=section, body=SECTIONS[section.key], revision=section.revision
            )
        try:
            version = services.version_create(
                actor=leader, document=document, change_note="Bloemlezing van de consultatieronde"
            )
        except ValidationError:  # nothing changed since the latest version: publish that one
            version = document.versions.order_by("-number").first()
    # Rendering happens in-process here (the demo runs without a broker) and takes seconds.
    services.version_render(version_id=version.pk)
    version.refresh_from_db()
    for audience in (Audience.CLIENT, Audience.PUBLIC):
        services.publish(actor=leader, version=version, audience=audience)
