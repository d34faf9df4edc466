"""Publishing a rendered version to the team, the client or the public; the client's e-mail;
the history of publications; taking a document offline; the audit trail."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from documents.models import Audience, Publication, RenderStatus
from documents.services.documents import (
    publish,
    unpublish,
    version_create,
    version_render_request,
)
from documents.tasks import send_publication_mail
from processteps.models import AuditEntry

from .conftest import body_of, document_of, error_messages_of, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(project):
    return document_of(project, 1)


@pytest.fixture
def ready(project, document, render_fast):
    """``ready("text")``: a new version with that text in its first section, its PDF made."""

    def make(text):
        write(document, "aanleiding", f"<p>{text}</p>", actor=project.leader)
        return render_fast(version_create(actor=project.leader, document=document))

    return make


def public_urls(project, number=1):
    return (
        reverse("documents:public_project", kwargs={"slug": project.slug}),
        reverse("documents:public_document", kwargs={"slug": project.slug, "number": number}),
        reverse("documents:public_pdf", kwargs={"slug": project.slug, "number": number}),
    )


def test_only_a_version_with_its_pdf_can_be_published(project, document, client_as):
    version = version_create(actor=project.leader, document=document)

    with pytest.raises(ValidationError) as refused:
        publish(actor=project.leader, version=version, audience=Audience.PUBLIC)
    assert refused.value.messages == ["Publiceer een versie pas als de PDF klaar is."]

    # Still being made: the page offers no publishing, and a forged request is refused.
    version_render_request(actor=project.leader, version=version)
    version.refresh_from_db()
    assert version.render_status == RenderStatus.QUEUED
    leader = client_as("leader")
    url = reverse("documents:version", kwargs={"project": project.pk, "number": 1, "version": 1})
    page = leader.get(url).content.decode()
    assert "Publiceren kan zodra de PDF klaar is." in page
    assert 'name="audience"' not in page
    response = leader.post(url + "publish/", {"audience": "public"})
    assert response.status_code == 302
    assert error_messages_of(response) == ["Publiceer een versie pas als de PDF klaar is."]
    assert not Publication.objects.exists()
    anonymous = client_as("anonymous")
    assert all(anonymous.get(u).status_code == 404 for u in public_urls(project))


def test_publishing_to_the_client_mails_the_clients_once(
    project, ready, client_as, django_capture_on_commit_callbacks
):
    version = ready("Voor de opdrachtgever")

    with django_capture_on_commit_callbacks(execute=True):
        publication = publish(actor=project.leader, version=version, audience=Audience.CLIENT)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [project.client.email]  # not the leader, not the team member
    assert "Plan van aanpak" in message.subject and "Leefbare wijk" in message.subject
    assert "Versie 1" in message.body and "Olga Opdracht" in message.body
    link = f"{settings.SITE_URL}/projects/{project.pk}/documents/1/"
    assert link in message.body
    # A redelivered task mails nobody again.
    assert send_publication_mail(publication.pk) == 0
    assert send_publication_mail.delay(publication.pk).get() == 0
    assert len(mail.outbox) == 1
    publication.refresh_from_db()
    assert publication.notified_at is not None

    # The link works for the client and shows the version.
    page = client_as("client").get(link)
    assert page.status_code == 200
    assert "Versie 1" in page.content.decode()


# Regression (BUG found by this suite, since fixed): publishing one version to the client and
# to the public mailed every client twice.
def test_a_client_gets_one_mail_for_a_version_published_to_client_and_public(
    project, ready, django_capture_on_commit_callbacks
):
    version = ready("Voor iedereen")
    with django_capture_on_commit_callbacks(execute=True):
        publish(actor=project.leader, version=version, audience=Audience.CLIENT)
    with django_capture_on_commit_callbacks(execute=True):
        publish(actor=project.leader, version=version, audience=Audience.PUBLIC)

    assert [m.to for m in mail.outbox] == [[project.client.email]]


def test_publishing_to_the_team_mails_nobody(project, ready, django_capture_on_commit_callbacks):
    version = ready("Alleen voor het team")
    with django_capture_on_commit_callbacks(execute=True):
        publish(actor=project.leader, version=version, audience=Audience.TEAM)
    assert mail.outbox == []


def test_no_mail_for_a_publication_taken_offline_before_it_went_out(
    project, ready, django_capture_on_commit_callbacks
):
    version = ready("Snel weer offline")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publication = publish(actor=project.leader, version=version, audience=Audience.CLIENT)
    unpublish(actor=project.leader, publication=publication)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_the_same_version_is_not_published_twice_to_one_audience(project, ready):
    version = ready("Eenmaal")
    publish(actor=project.leader, version=version, audience=Audience.PUBLIC)
    with pytest.raises(ValidationError, match="al gepubliceerd"):
        publish(actor=project.leader, version=version, audience=Audience.PUBLIC)
    assert Publication.objects.count() == 1


def test_a_new_version_replaces_the_old_one_which_stays_in_the_history(
    project, document, ready, client_as
):
    first = ready("Tekst van versie een")
    old = publish(actor=project.leader, version=first, audience=Audience.PUBLIC)
    second = ready("Tekst van versie twee")

    new = publish(actor=project.leader, version=second, audience=Audience.PUBLIC)

    old.refresh_from_db()
    assert old.unpublished_at is not None and old.unpublished_by == project.leader
    assert not old.is_active and new.is_active
    assert list(Publication.objects.active().filter(document=document)) == [new]
    assert list(Publication.objects.filter(document=document)) == [new, old]

    _, public_page, _ = public_urls(project)
    page = client_as("anonymous").get(public_page).content.decode()
    assert "Tekst van versie twee" in page and "Tekst van versie een" not in page
    assert "Versie 2" in page

    # The team sees both publications on the document page, the old one as offline.
    history = client_as("member").get(document.get_absolute_url()).content.decode()
    assert "Versie 2 voor: Openbaar" in history
    assert "Versie 1 voor: Openbaar" in history
    assert history.count("offline gehaald") >= 1


def test_unpublishing_takes_the_document_offline_at_once(project, ready, client_as, tiny_pdf):
    version = ready("Openbare tekst")
    publication = publish(actor=project.leader, version=version, audience=Audience.PUBLIC)
    anonymous = client_as("anonymous")
    project_page, document_page, pdf = public_urls(project)
    assert anonymous.get(document_page).status_code == 200
    assert body_of(anonymous.get(pdf)) == tiny_pdf

    response = client_as("leader").post(
        reverse(
            "documents:unpublish",
            kwargs={"project": project.pk, "number": 1, "publication": publication.pk},
        )
    )

    assert response.status_code == 302
    for url in (project_page, document_page, pdf):
        assert anonymous.get(url).status_code == 404, url
    publication.refresh_from_db()
    assert publication.unpublished_by == project.leader
    # The version itself and its PDF stay with the team.
    team_pdf = reverse(
        "documents:version_pdf", kwargs={"project": project.pk, "number": 1, "version": 1}
    )
    assert body_of(client_as("member").get(team_pdf)) == tiny_pdf


def test_unpublishing_for_the_client_hides_it_from_the_client(project, ready, client_as):
    version = ready("Voor de opdrachtgever")
    publication = publish(actor=project.leader, version=version, audience=Audience.CLIENT)
    client = client_as("client")
    version_url = reverse(
        "documents:version", kwargs={"project": project.pk, "number": 1, "version": 1}
    )
    assert client.get(version_url).status_code == 200

    unpublish(actor=project.leader, publication=publication)

    assert client.get(version_url).status_code == 404
    assert client.get(version_url + "pdf/").status_code == 404
    listing = client.get(reverse("documents:list", kwargs={"project": project.pk}))
    assert "Plan van aanpak" not in listing.content.decode()


def test_versions_and_publications_are_in_the_audit_trail(project, ready, client_as):
    version = ready("Voor iedereen")
    publication = publish(actor=project.leader, version=version, audience=Audience.PUBLIC)
    unpublish(actor=project.leader, publication=publication)
    unpublish(actor=project.leader, publication=publication)  # twice: recorded once

    entries = {
        e.action: e
        for e in AuditEntry.objects.filter(project=project, action__startswith="document.")
    }
    assert entries["document.version_saved"].data == {"number": "1"}
    assert entries["document.published"].data == {"number": "1", "audience": "public"}
    assert entries["document.unpublished"].data == {"number": "1", "audience": "public"}
    for action in ("document.version_saved", "document.published", "document.unpublished"):
        entry = entries[action]
        assert entry.actor == project.leader
        assert (entry.target_type, entry.target_id) == (
            "documents.processdocument",
            version.document_id,
        )
    assert AuditEntry.objects.filter(action="document.unpublished").count() == 1
    assert AuditEntry.objects.filter(action="document.rendered").count() == 1

    activity = client_as("member").get(
        reverse("processteps:activity", kwargs={"project": project.pk})
    )
    page = activity.content.decode()
    for sentence in (
        "legde versie 1 van Plan van aanpak vast",
        "publiceerde Plan van aanpak versie 1 voor: Openbaar",
        "haalde Plan van aanpak versie 1 offline voor: Openbaar",
    ):
        assert escape(sentence) in page, sentence
