"""THE permission matrix of the documents app: every view against every role; and what the
public pages show (the document as published, no names of the team beyond it, no drafts,
nothing else of the project or of another project).

Reading guide: ``LOGIN`` means a redirect to the login page with ``?next=``; 404 means the
project (or a version not published to that person) is not shown at all; 403 means they see the
project but their role may not do this; 200/302 is success (a page, or a redirect after a change
— never with an error message).
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from documents.models import Audience, ProcessDocument, Publication, RenderStatus
from documents.services.documents import publish, version_create, version_render
from processteps.models import Project, Role
from tests.factories import (
    DataSourceFactory,
    MembershipFactory,
    ProjectFactory,
    TaskFactory,
    TeamAgreementFactory,
    UserFactory,
)
from tests.matrix import LOGIN, PermissionMatrix, Request

from .conftest import (
    body_of,
    document_of,
    logged_in,
    pdf_text,
    render_with,
    squash,
    tiny_pdf_bytes,
    write,
)

pytestmark = pytest.mark.django_db

ALL_404 = (404,) * 6
ALL_200 = (200,) * 6

# THE MATRIX: (view, method, what it is called on) -> what each role gets, in the order of ROLES.
#   step 1 "Plan van aanpak": v1 published to the client and the public; v2 to the team only;
#          its draft has changed since v2.
#   step 2 "Omgevingsanalyse": v1 published to the team only (a team-only document).
#   step 3 "Oogst consultatieronde": v1 published to the client only.
#   step 4 "Bloemlezing": v1 published to the public only.
#   step 5: v1 saved, no PDF yet.
#   "Andere wijk": another project; its step 2 is public, its step 1 is not.
#                                                    anonymous outsider client member leader admin
EXPECTED = {
    ("list", "GET"):                                 (LOGIN, 404, 200, 200, 200, 200),
    ("document:published", "GET"):                   (LOGIN, 404, 200, 200, 200, 200),
    ("document:team-only", "GET"):                   (LOGIN, 404, 403, 200, 200, 200),
    ("section_edit", "GET"):                         (LOGIN, 404, 403, 200, 200, 200),
    ("section_edit", "POST"):                        (LOGIN, 404, 403, 302, 302, 302),
    ("version_create", "POST"):                      (LOGIN, 404, 403, 403, 302, 302),
    ("compare", "GET"):                              (LOGIN, 404, 403, 200, 200, 200),
    ("unpublish", "POST"):                           (LOGIN, 404, 403, 403, 302, 302),
    ("version:client", "GET"):                       (LOGIN, 404, 200, 200, 200, 200),
    ("version:public", "GET"):                       (LOGIN, 404, 200, 200, 200, 200),
    ("version:team-only", "GET"):                    (LOGIN, 404, 404, 200, 200, 200),
    ("version_status:client", "GET"):                (LOGIN, 404, 200, 200, 200, 200),
    ("version_status:team-only", "GET"):             (LOGIN, 404, 404, 200, 200, 200),
    ("version_pdf:client", "GET"):                   (LOGIN, 404, 200, 200, 200, 200),
    ("version_pdf:public", "GET"):                   (LOGIN, 404, 200, 200, 200, 200),
    ("version_pdf:team-only", "GET"):                (LOGIN, 404, 404, 200, 200, 200),
    ("version_render", "POST"):                      (LOGIN, 404, 403, 403, 302, 302),
    ("version_publish", "POST"):                     (LOGIN, 404, 403, 403, 302, 302),
    ("public_project", "GET"):                       ALL_200,
    ("public_project:no-public", "GET"):             ALL_404,
    ("public_project:unknown-slug", "GET"):          ALL_404,
    ("public_document", "GET"):                      ALL_200,
    ("public_document:team-only", "GET"):            ALL_404,
    ("public_document:client-only", "GET"):          ALL_404,
    ("public_document:other-slug", "GET"):           ALL_404,
    ("public_document:other-number", "GET"):         ALL_404,
    ("public_pdf", "GET"):                           ALL_200,
    ("public_pdf:team-only", "GET"):                 ALL_404,
    ("public_pdf:client-only", "GET"):               ALL_404,
    ("public_pdf:other-slug", "GET"):                ALL_404,
}  # fmt: skip


@dataclass
class World:
    project: Project
    other: Project
    quiet: Project  # a project that published nothing to the public
    public_publication: Publication
    users: dict


def _publish_new_version(project, number, audiences, pdf):
    document = document_of(project, number)
    text = f"<p>Tekst van versie {document.versions.count() + 1}.</p>"
    write(document, document.sections.first().key, text, actor=project.leader)
    version = render_with(version_create(actor=project.leader, document=document), pdf)
    return [publish(actor=project.leader, version=version, audience=a) for a in audiences]


def build_world(pdf, people) -> World:
    project = people.project
    _, public = _publish_new_version(project, 1, [Audience.CLIENT, Audience.PUBLIC], pdf)
    _publish_new_version(project, 1, [Audience.TEAM], pdf)
    write(document_of(project, 1), "doel", "<p>Nog niet vastgelegd.</p>", actor=project.leader)
    _publish_new_version(project, 2, [Audience.TEAM], pdf)
    _publish_new_version(project, 3, [Audience.CLIENT], pdf)
    _publish_new_version(project, 4, [Audience.PUBLIC], pdf)
    version_create(actor=project.leader, document=document_of(project, 5))

    other = ProjectFactory(leader=project.leader, name="Andere wijk")
    other.leader = project.leader
    _publish_new_version(other, 2, [Audience.PUBLIC], pdf)
    quiet = ProjectFactory(leader=project.leader, name="Stille wijk")
    quiet.leader = project.leader
    _publish_new_version(quiet, 1, [Audience.TEAM, Audience.CLIENT], pdf)
    return World(
        project=project,
        other=other,
        quiet=quiet,
        public_publication=public,
        users=people.users,
    )


def doc(number):
    return lambda w: {"project": w.project.pk, "number": number}


def version(number, v):
    return lambda w: {"project": w.project.pk, "number": number, "version": v}


def public(number=None, project="project"):
    def kwargs(w):
        slug = "bestaat-niet" if project == "unknown" else getattr(w, project).slug
        return {"slug": slug} if number is None else {"slug": slug, "number": number}

    return kwargs


REQUESTS = {
    "list": Request(lambda w: {"project": w.project.pk}),
    "document:published": Request(doc(1)),
    "document:team-only": Request(doc(2)),
    "section_edit": Request(
        lambda w: {"project": w.project.pk, "number": 1, "key": "middelen"},
        lambda w: {"body": "<p>Een zaal en koffie.</p>", "revision": 0},
    ),
    "version_create": Request(doc(1), lambda w: {"change_note": "Doel aangevuld"}),
    "compare": Request(doc(1), query={"a": "1", "b": "2"}),
    "unpublish": Request(
        lambda w: {"project": w.project.pk, "number": 1, "publication": w.public_publication.pk}
    ),
    "version:client": Request(version(3, 1)),
    "version:public": Request(version(4, 1)),
    "version:team-only": Request(version(1, 2)),
    "version_status:client": Request(version(1, 1)),
    "version_status:team-only": Request(version(2, 1)),
    "version_pdf:client": Request(version(1, 1)),
    "version_pdf:public": Request(version(4, 1)),
    "version_pdf:team-only": Request(version(1, 2)),
    "version_render": Request(version(5, 1)),
    "version_publish": Request(version(1, 2), lambda w: {"audience": "client"}),
    "public_project": Request(public()),
    "public_project:no-public": Request(public(project="quiet")),
    "public_project:unknown-slug": Request(public(project="unknown")),
    "public_document": Request(public(1)),
    "public_document:team-only": Request(public(2)),
    "public_document:client-only": Request(public(3)),
    # Step 1 is public in this project, not in the other; step 2 the other way round.
    "public_document:other-slug": Request(public(1, project="other")),
    "public_document:other-number": Request(public(2)),
    "public_pdf": Request(public(1)),
    "public_pdf:team-only": Request(public(2)),
    "public_pdf:client-only": Request(public(3)),
    "public_pdf:other-slug": Request(public(1, project="other")),
}

PUBLIC_VIEWS = {"public_project", "public_document", "public_pdf"}


class TestMatrix(PermissionMatrix):
    """One world for the whole class (see tests/matrix.py); besides the cells, what the
    successes did and that the cells do not leak into each other."""

    namespace = "documents"
    expected = EXPECTED
    requests = REQUESTS

    @classmethod
    def build(cls, people):
        return build_world(tiny_pdf_bytes(), people)

    @classmethod
    def check_response(cls, world, view, method, role, response, body):
        name = view.split(":")[0]
        if name in PUBLIC_VIEWS and response.status_code == 200 and name != "public_pdf":
            assert b"Plan van aanpak" in body

    @pytest.fixture(autouse=True)
    def media_root(self, settings, matrix_world):
        settings.MEDIA_ROOT = matrix_world.media_root

    @pytest.fixture
    def world(self, matrix_world):
        return matrix_world

    @pytest.fixture
    def client_as(self, matrix_world):
        return lambda who: logged_in(matrix_world.users[who])

    def test_successful_changes_did_what_they_say(self, world, client_as):
        """The 302s of the matrix are real changes, not redirects that did nothing."""
        leader = client_as("leader")

        def post(view):
            request = REQUESTS[view]
            url = reverse(f"documents:{view}", kwargs=request.kwargs(world))
            assert leader.post(url, request.data(world)).status_code == 302

        shared = ProcessDocument.objects.get(project=world.project, step__number=1)
        post("section_edit")
        assert shared.sections.get(key="middelen").body == "<p>Een zaal en koffie.</p>"
        post("version_create")
        assert shared.versions.filter(number=3, change_note="Doel aangevuld").exists()
        post("version_render")
        fifth = ProcessDocument.objects.get(project=world.project, step__number=5)
        assert fifth.versions.get().render_status == RenderStatus.QUEUED
        post("version_publish")
        assert shared.publications.active().get(audience=Audience.CLIENT).version.number == 2
        post("unpublish")
        assert not shared.publications.active().filter(audience=Audience.PUBLIC).exists()

    def test_the_cells_do_not_leak_into_each_other(self, world):
        shared = ProcessDocument.objects.get(project=world.project, step__number=1)
        assert shared.sections.get(key="middelen").body == ""
        assert shared.versions.count() == 2
        assert shared.publications.active().filter(audience=Audience.PUBLIC).exists()

    def test_a_publication_of_another_project_cannot_be_unpublished_from_here(
        self, world, client_as
    ):
        elsewhere = Publication.objects.get(document__project=world.other)
        url = reverse(
            "documents:unpublish",
            kwargs={"project": world.project.pk, "number": 2, "publication": elsewhere.pk},
        )
        # The leader leads both projects.
        assert client_as("leader").post(url).status_code == 404
        elsewhere.refresh_from_db()
        assert elsewhere.is_active

    def test_the_client_sees_only_what_was_published_to_them(self, world, client_as):
        client = client_as("client")
        page = client.get(reverse("documents:list", kwargs={"project": world.project.pk}))
        listing = page.content.decode()
        for title in ("Plan van aanpak", "Oogst consultatieronde", "Bloemlezing"):
            assert title in listing
        for title in ("Omgevingsanalyse", "Probleem- en oorzakenanalyse"):
            assert title not in listing
        # Of the shared document only version 1 is theirs.
        shared = world.project.documents.get(step__number=1)
        detail = client.get(shared.get_absolute_url()).content.decode()
        assert "Versie 1" in detail
        assert "Versie 2" not in detail
        assert "Nog niet vastgelegd." not in detail


def test_the_matrix_world_is_gone_after_its_class(db):
    assert not Project.objects.filter(name__in=["Stille wijk", "Andere wijk"]).exists()
    assert not Publication.objects.exists()


# -- what the public pages show -----------------------------------------------------------------


DISTINCT_NAMES = {
    "leader": ("Lotte", "Leiderhof", "llhof"),
    "member": ("Timo", "Wijkstra", "twijk"),
    "client": ("Olga", "Opdam", "oopdam"),
}


@pytest.fixture
def named(project):
    """The people of ``project`` with names that no word of the app's pages contains."""
    for role, (first, last, username) in DISTINCT_NAMES.items():
        user = getattr(project, role)
        user.first_name, user.last_name, user.username = first, last, username
        user.email = f"{username}@voorbeeld.nl"
        user.save()
    return project


def identities(users):
    """Everything that names a person: full name, first and last name, username, e-mail."""
    found = set()
    for user in users:
        found |= {user.get_full_name(), user.first_name, user.last_name, user.username, user.email}
    return {value for value in found if value}


def named_in(page: str, names) -> list[str]:
    return sorted(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", page))


@pytest.fixture
def published_analysis(named, render_fast):
    """The Omgevingsanalyse, written by the team member, saved, published by the leader to
    the public; with sources, tasks and agreements about the team in the project."""
    project = named
    step = project.steps.get(number=2)
    document = document_of(project, 2)
    write(
        document, "inleiding", "<p>We zochten sleutelfiguren in de wijk.</p>", actor=project.member
    )
    DataSourceFactory(step=step, title="Ledenlijst buurtvereniging", added_by=project.member)
    TaskFactory(project=project, step=step, title="Bel de huisarts", assignee=project.member)
    TeamAgreementFactory(project=project, text="Bij twijfel beslist de projectleider")
    project.description = "Interne notitie: budget veertigduizend euro"
    project.save()
    version = version_create(actor=project.leader, document=document)
    version_render(version_id=version.pk)  # the real PDF
    version.refresh_from_db()
    publish(actor=project.leader, version=version, audience=Audience.PUBLIC)
    return version


def public_pages(client, project, number):
    pages = [
        client.get(reverse("documents:public_project", kwargs={"slug": project.slug})),
        client.get(
            reverse("documents:public_document", kwargs={"slug": project.slug, "number": number})
        ),
    ]
    assert [p.status_code for p in pages] == [200, 200]
    pdf = body_of(
        client.get(reverse("documents:public_pdf", kwargs={"slug": project.slug, "number": number}))
    )
    return [p.content.decode() for p in pages], pdf_text(pdf)


def test_public_pages_name_nobody_of_the_team(named, users, published_analysis, client):
    project = named
    html_pages, pdf = public_pages(client, project, 2)

    assert "We zochten sleutelfiguren in de wijk." in html_pages[1]
    assert "Ledenlijst buurtvereniging" in html_pages[1]
    people = identities(get_user_model().objects.all())
    assert {"Timo Wijkstra", "twijk", "twijk@voorbeeld.nl", "beheerder"} <= people
    for page in [*html_pages, pdf]:
        assert named_in(page, people) == [], "the public page names people of the team"
    # Nor anything else of the project: its description, tasks, agreements.
    for page in [*html_pages, pdf]:
        for secret in (
            "budget veertigduizend",
            "Bel de huisarts",
            "Bij twijfel beslist de projectleider",
        ):
            assert secret not in page


def test_public_pages_show_only_names_the_document_contains(named, render_fast, client):
    """The Plan van aanpak lists the team; the public page shows that list as it was saved,
    and no one who joined later."""
    project = named
    document = document_of(project, 1)
    version = render_fast(version_create(actor=project.leader, document=document))
    publish(actor=project.leader, version=version, audience=Audience.PUBLIC)
    newcomer = MembershipFactory(
        project=project,
        role=Role.MEMBER,
        user=UserFactory(username="nieuwkomer", first_name="Noor", last_name="Nieuwkomer"),
    ).user

    page = client.get(
        reverse("documents:public_document", kwargs={"slug": project.slug, "number": 1})
    ).content.decode()

    assert "Lotte Leiderhof" in page and "Timo Wijkstra" in page  # the document's team table
    frozen = " ".join(s["body"] + s["compiled"] for s in version.sections)
    shown = named_in(page, identities(get_user_model().objects.all()))
    assert shown, "the team table names the team"
    assert [name for name in shown if name not in frozen] == []
    assert "Noor" not in page and newcomer.email not in page
    for user in (project.leader, project.member, project.client):
        assert user.email not in page and user.username not in page


def test_public_pages_show_no_drafts(named, published_analysis, client):
    project = named
    document = published_analysis.document
    write(document, "inleiding", "<p>Concept: nog geheim.</p>", actor=project.leader)
    # A newer version, saved but not published, is a draft to the public as well.
    write(document, "sleutelfiguren", "<p>Versie twee, niet openbaar.</p>", actor=project.leader)
    version_create(actor=project.leader, document=document)

    html_pages, pdf = public_pages(client, project, 2)

    for page in [*html_pages, pdf]:
        assert "nog geheim" not in page and "niet openbaar" not in page
    assert "We zochten sleutelfiguren in de wijk." in html_pages[1]
    assert squash("We zochten sleutelfiguren in de wijk.") in squash(pdf)


def test_public_pages_show_nothing_of_another_project(project, render_fast, client):
    ours = document_of(project, 1)
    write(ours, "aanleiding", "<p>Onze eigen aanleiding.</p>", actor=project.leader)
    publish(
        actor=project.leader,
        version=render_fast(version_create(actor=project.leader, document=ours)),
        audience=Audience.PUBLIC,
    )
    other_leader = UserFactory(username="anderleider", first_name="Anna", last_name="Ander")
    other = ProjectFactory(leader=other_leader, name="Andere wijk", client_organisation="Elders")
    theirs = document_of(other, 1)
    write(theirs, "aanleiding", "<p>Hun geheime aanleiding.</p>", actor=other_leader)
    write(document_of(other, 2), "inleiding", "<p>Hun omgeving.</p>", actor=other_leader)
    for number in (1, 2):
        publish(
            actor=other_leader,
            version=render_fast(
                version_create(actor=other_leader, document=document_of(other, number))
            ),
            audience=Audience.PUBLIC,
        )

    listing = client.get(reverse("documents:public_project", kwargs={"slug": project.slug}))
    reading = client.get(
        reverse("documents:public_document", kwargs={"slug": project.slug, "number": 1})
    )

    for page in (listing.content.decode(), reading.content.decode()):
        for theirs_only in ("Andere wijk", "Elders", "Hun geheime", "Hun omgeving", "Anna"):
            assert theirs_only not in page
        assert f"/openbaar/{other.slug}/" not in page
    # Their public step 2 is not listed as ours.
    assert f"/openbaar/{project.slug}/2/" not in listing.content.decode()
    assert "Onze eigen aanleiding." in reading.content.decode()
    # Their page shows theirs.
    elsewhere = client.get(
        reverse("documents:public_document", kwargs={"slug": other.slug, "number": 1})
    ).content.decode()
    assert "Hun geheime aanleiding." in elsewhere and "Onze eigen" not in elsewhere
