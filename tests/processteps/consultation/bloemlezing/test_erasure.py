"""Erasure on request is complete: after a key figure is erased, their name, e-mail address and
phone number are nowhere a person can read — not in any text column of the database (reports,
transcripts, fragments, sent mails, the audit trail, document versions kept as history, other
tools' data), not in any rendered PDF, not in search — and scrubbing matches whole words only.
"""

import datetime
import re
import subprocess

import pytest
from django.db import connection
from django.utils import timezone

from documents.models import Audience, DocumentVersion, RenderStatus
from documents.services import documents as document_services
from processteps.consultation.models import InterviewReport, KeyFigure, QuoteConsent, SentMail
from processteps.consultation.selectors.search import search
from processteps.consultation.services import interviews as interview_services
from processteps.consultation.services import keyfigures as kf_services
from processteps.models import AuditEntry

from .test_bloemlezing import Consultation, add_angles, add_themes, interviewed_key_figure, quote

pytestmark = pytest.mark.django_db

NAME = "Mark de Vries"
EMAIL = "mark.devries@example.org"
PHONE = "06-12345678"
SECRETS = (NAME, EMAIL, PHONE)
MARKET = "De markt voor huurwoningen is op slot."


def every_text_in_the_database() -> str:
    """Every row of every table as text, one line each."""
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                cursor.execute(f"SELECT t::text FROM {quoted} t")  # noqa: S608 - table names
                lines.extend(row[0] for row in cursor.fetchall())
            else:
                cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names
                lines.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(lines)


def pdf_texts() -> list[str]:
    texts = []
    for version in DocumentVersion.objects.exclude(pdf=""):
        with version.pdf.open("rb") as handle:
            done = subprocess.run(
                ["pdftotext", "-", "-"], input=handle.read(), capture_output=True, check=True
            )
        texts.append(done.stdout.decode())
    return texts


def found(secret: str, text: str) -> bool:
    if secret == PHONE:
        return re.search(r"0\D?6\D?1\D?2\D?3\D?4\D?5\D?6\D?7\D?8", text) is not None
    return secret.casefold() in text.casefold()


def render(version):
    document_services.version_render(version_id=version.pk)
    version.refresh_from_db()
    assert version.render_status == RenderStatus.READY
    return version


@pytest.fixture
def consultation_with_mark(project, django_capture_on_commit_callbacks):
    leader = project.leader
    c = Consultation(project)
    add_angles(c, leader)
    add_themes(c, leader)
    mark = interviewed_key_figure(
        c, leader, name=NAME, consent=QuoteConsent.BY_NAME, angle="Overheid",
        email=EMAIL, phone=PHONE, organisation="Gemeente Oosterwolde",
    )  # fmt: skip
    # What the interviewer wrote before the report was accepted.
    InterviewReport.objects.filter(pk=c.reports[NAME].pk).update(
        problem=f"{NAME} ({EMAIL}, 06 1234 5678) zegt: {MARKET}"
    )
    quote(c, leader, NAME, f"Zegt {NAME}: {MARKET}", ["Asielopvang"])
    # An invitation mail was sent to him and logged.
    with django_capture_on_commit_callbacks(execute=True):
        interview_services.invitations_send(actor=leader, project=project, key_figures=[mark])
    # The Bloemlezing quotes him by name; version 1 is published, then replaced by version 2,
    # so version 1 stays readable as history.
    document = document_services.document_ensure(project.steps.get(key="harvest"))
    first = render(document_services.version_create(actor=leader, document=document))
    document_services.publish(actor=leader, version=first, audience=Audience.CLIENT)
    section = document.sections.get(key="inleiding")
    document_services.section_update(
        actor=leader, section=section, revision=section.revision,
        body=f"<p>Met dank aan {NAME} en aan de mensen op de markt.</p>",
    )  # fmt: skip
    second = render(document_services.version_create(actor=leader, document=document))
    document_services.publish(actor=leader, version=second, audience=Audience.CLIENT)
    return c, mark


def test_before_erasure_he_is_everywhere(consultation_with_mark):
    text = every_text_in_the_database()
    assert all(found(secret, text) for secret in SECRETS)
    assert any(NAME in pdf for pdf in pdf_texts())
    assert AuditEntry.objects.filter(target_repr__contains=NAME).exists()
    assert SentMail.objects.filter(to=EMAIL).exists()


def test_after_erasure_his_name_email_and_phone_are_nowhere(
    consultation_with_mark, project, django_capture_on_commit_callbacks
):
    c, mark = consultation_with_mark
    with django_capture_on_commit_callbacks(execute=True):
        kf_services.key_figure_erase(actor=project.leader, key_figure=mark)

    text = every_text_in_the_database()
    for secret in SECRETS:
        assert not found(secret, text), secret
    pdfs = pdf_texts()
    assert len(pdfs) == 2, "both versions were made again from the scrubbed text"
    for pdf in pdfs:
        for secret in SECRETS:
            assert not found(secret, pdf), secret
    # Whole words only: "markt" is no "Mark".
    assert "De markt voor huurwoningen is op slot." in text
    assert "op de markt" in text
    assert search(project, "Vries") == []
    assert search(project, NAME) == []
    # The history says what happened, and the versions are published as before.
    assert AuditEntry.objects.filter(action="document.scrubbed").count() == 2
    assert all(v.is_ready for v in DocumentVersion.objects.all())


def test_an_erased_key_figure_cannot_be_approved_again(project):
    from django.core.exceptions import ValidationError

    leader = project.leader
    figure = kf_services.key_figure_propose(
        actor=project.member, project=project, name="Anna Smit", email="anna@example.org"
    )
    kf_services.key_figure_erase(actor=leader, key_figure=figure)
    with pytest.raises(ValidationError, match="gewist"):
        kf_services.key_figure_approve(actor=leader, key_figure=figure)
    figure.refresh_from_db()
    assert figure.approved_at is None


def test_the_client_feed_names_no_key_figure(project, client_as):
    leader = project.leader
    figure = kf_services.key_figure_propose(
        actor=leader, project=project, name="Karel Geheim", email="karel@example.org"
    )
    kf_services.key_figure_approve(actor=leader, key_figure=figure)
    interview_services.interview_create(
        actor=leader, key_figure=KeyFigure.objects.get(pk=figure.pk), interviewers=[leader],
        scheduled_at=timezone.make_aware(datetime.datetime(2024, 2, 1, 10, 0)),
    )  # fmt: skip
    for url in (project.get_absolute_url(), f"/projects/{project.pk}/activity/"):
        assert "Karel Geheim" in client_as("member").get(url).content.decode()
        page = client_as("client").get(url).content.decode()
        assert "Karel Geheim" not in page, url
        assert "maakte het project" in page  # the rest of the feed is there
