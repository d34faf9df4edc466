"""Fixtures and helpers for the documents tests.

A project with someone in every role, quick ways to write sections and make versions, and ways
to read a PDF back (pypdf for its text, poppler's pdftotext/pdfinfo where layout matters).
"""

import functools
import re
import shutil
import subprocess
from io import BytesIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.test import Client
from pypdf import PdfReader

from processteps.models import Role
from tests.conftest import require
from tests.factories import AdminFactory, MembershipFactory, ProjectFactory, UserFactory

ROLES = ("anonymous", "outsider", "client", "member", "leader", "admin")


# -- reading a PDF back -----------------------------------------------------------------------

_SQUASH = re.compile(r"[\s\-\u00ad\u2010\u2011]+")


def squash(text: str) -> str:
    """``text`` without whitespace and hyphens, in lower case: Dutch hyphenation breaks words
    at line ends and table cells wrap, so a phrase is compared letter for letter, in order."""
    return _SQUASH.sub("", text).casefold()


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF (pypdf), page after page."""
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def assert_in_pdf(needles, text: str) -> None:
    flat = squash(text)
    missing = [n for n in needles if squash(str(n)) not in flat]
    assert not missing, f"not in the PDF: {missing}"


def pdf_pages_text(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext in layout mode), index 0 = page 1."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdfinfo(pdf: bytes) -> dict[str, str]:
    require(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) is not installed")
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    info = {}
    for line in out.decode().splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_bytes_of(version) -> bytes:
    version.refresh_from_db()
    with version.pdf.open("rb") as handle:
        return handle.read()


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def error_messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def body_of(response) -> bytes:
    """The whole body of a response, streaming (a PDF) or not.

    Reading a streamed response to its end closes it the way the test client means to (with
    Django's ``close_old_connections`` switched off). Calling ``response.close()`` yourself
    would close the database connection — inside the test's transaction on PostgreSQL.
    """
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


# -- the people and the project ---------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """PDFs and uploads of a test land in a directory of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def ensure_catalogue() -> None:
    """The method's eleven steps, as the data migration loads them.

    A transactional test (a real worker, the browser) flushes every table when it ends, the
    catalogue included; a project made after that would have no steps.
    """
    from processteps.catalogue_loader import load_catalogue
    from processteps.models import MethodChecklistItem, MethodStep

    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)


@pytest.fixture
def catalogue(db):
    ensure_catalogue()


def make_project(name="Leefbare wijk", suffix=""):
    """A project with a leader, a team member and a client (``project.leader`` etc.)."""
    leader = UserFactory(username=f"leider{suffix}", first_name="Lotte", last_name="Leider")
    project = ProjectFactory(leader=leader, name=name)
    project.leader = leader
    project.member = MembershipFactory(
        project=project,
        role=Role.MEMBER,
        user=UserFactory(username=f"teamlid{suffix}", first_name="Tim", last_name="Teamlid"),
    ).user
    project.client = MembershipFactory(
        project=project,
        role=Role.CLIENT,
        user=UserFactory(
            username=f"opdrachtgever{suffix}", first_name="Olga", last_name="Opdracht"
        ),
    ).user
    return project


def people_of(project) -> dict:
    """Someone in every role towards ``project``."""
    return {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(username="buitenstaander"),
        "client": project.client,
        "member": project.member,
        "leader": project.leader,
        "admin": AdminFactory(username="beheerder"),
    }


def logged_in(user) -> Client:
    browser = Client()
    if user.is_authenticated:
        browser.force_login(user)
    return browser


@pytest.fixture
def project(catalogue):
    return make_project()


@pytest.fixture
def users(project):
    return people_of(project)


@pytest.fixture
def client_as(users):
    """``client_as("member")`` (or a user): a test client logged in as that person."""

    def make(who) -> Client:
        return logged_in(users[who] if isinstance(who, str) else who)

    return make


# -- documents --------------------------------------------------------------------------------


def document_of(project, number: int):
    from documents.services.documents import document_ensure

    return document_ensure(project.steps.get(number=number))


def write(document, key: str, body: str, *, actor):
    """Save a section's text the way the editor does (sanitised, with its revision)."""
    from documents.services.documents import section_update

    section = document.sections.get(key=key)
    return section_update(actor=actor, section=section, body=body, revision=section.revision)


@functools.cache
def tiny_pdf_bytes() -> bytes:
    """A real (one-page) PDF/A from the renderer, made once for the whole run."""
    from documents.rendering import render_pdf

    return render_pdf(
        '<!DOCTYPE html><html lang="nl"><head><title>Klein</title></head>'
        "<body><h1>Klein</h1><p>Eén pagina.</p></body></html>"
    )


@pytest.fixture(scope="session")
def tiny_pdf() -> bytes:
    return tiny_pdf_bytes()


def render_with(version, pdf: bytes):
    """The worker's service renders ``version``, with ``pdf`` in place of WeasyPrint's work
    (for tests about access and publication, not about the PDF)."""
    from unittest import mock

    from documents.services.documents import version_render

    with mock.patch("documents.rendering.render_pdf", return_value=pdf):
        assert version_render(version_id=version.pk) is True
    version.refresh_from_db()
    return version


@pytest.fixture
def render_fast(tiny_pdf):
    """``render_fast(version)``: see :func:`render_with`."""
    return lambda version: render_with(version, tiny_pdf)
