"""Participants' contact data and declared interests are team-only: no page a client or the
public can open, and no PDF published to them, contains any of it — and a client's activity
feed names no participant. Scanned over everything a client and a visitor can reach."""

from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from documents.demo import demo_document_publish
from documents.models import Publication
from processteps.meetings.models import Participant

from .world import SECRET_INTEREST, SECRET_PHONE, build_world

pytestmark = pytest.mark.django_db


def secrets_of(project) -> set[str]:
    found = {SECRET_INTEREST, SECRET_PHONE}
    for participant in Participant.objects.filter(project=project):
        found.update(v for v in (participant.email, participant.phone) if v)
        if participant.declared_interests:
            found.add(participant.declared_interests)
    return found


def pdf_text(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_no_client_or_public_page_or_pdf_shows_contact_data_or_interests(project, client_as):
    world = build_world(project)
    for key in ("expert_meetings", "citizen_dialogues", "political_meeting"):
        demo_document_publish(
            project=project,
            leader=project.leader,
            step_key=key,
            sections={"inleiding": "<p>Inleiding</p>"},
            change_note="v1",
        )
    secrets = secrets_of(project)
    names = {p.name for p in Participant.objects.filter(project=project)}
    assert SECRET_INTEREST in secrets and len(secrets) > 5
    # The team does see them (so the scan below can fail).
    team_page = client_as("member").get(reverse("meetings:participants", args=[project.pk]))
    assert SECRET_INTEREST in team_page.content.decode()

    browser = client_as("client")
    pages = [
        reverse("processteps:dashboard", args=[project.pk]),
        reverse("processteps:activity", args=[project.pk]),
        reverse("documents:list", args=[project.pk]),
    ]
    pages += [reverse("processteps:step", args=[project.pk, n]) for n in range(1, 12)]
    publications = list(
        Publication.objects.filter(document__project=project).select_related(
            "version", "document__step"
        )
    )
    assert {p.document.step.number for p in publications} == {6, 7, 8}
    for publication in publications:
        number = publication.document.step.number
        pages.append(reverse("documents:document", args=[project.pk, number]))
    scanned = 0
    for url in pages:
        response = browser.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in secrets:
            assert secret not in text, (url, secret)
        if "activity" in url or "dashboard" in url:
            for name in names:
                assert name not in text, (url, name)
        scanned += 1
    pdfs = []
    for publication in publications:
        number = publication.document.step.number
        pdfs.append(
            browser.get(
                reverse(
                    "documents:version_pdf", args=[project.pk, number, publication.version.number]
                )
            )
        )
        pdfs.append(Client().get(reverse("documents:public_pdf", args=[project.slug, number])))
        public = Client().get(reverse("documents:public_document", args=[project.slug, number]))
        assert public.status_code == 200
        for secret in secrets:
            assert secret not in public.content.decode()
    public_index = Client().get(reverse("documents:public_project", args=[project.slug]))
    assert public_index.status_code == 200
    texts = []
    for response in pdfs:
        assert response.status_code == 200
        texts.append(pdf_text(response))
    everything = " ".join(texts)
    assert "Meer sociale huur" in everything  # the documents do carry the meetings' results
    assert "Iedereen een thuis" in everything
    for secret in secrets:
        assert secret not in everything, secret
    for name in names:
        assert name not in everything, name
    assert scanned == len(pages) and world.planned
