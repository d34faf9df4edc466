"""The home page for a visitor without an account lists the projects that publish something to
the public and links to their public pages; nothing published to the public, nothing listed."""

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import Audience
from documents.selectors import publicly_published_projects
from documents.services.documents import publish, unpublish, version_create

from .conftest import document_of, make_project, write

# every request renders its page: these count what rendering costs (not the page cache)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


@pytest.fixture
def published(catalogue, render_fast):
    """``published(project, *audiences)``: the Plan van aanpak rendered and published."""

    def make(project, *audiences):
        document = document_of(project, 1)
        write(document, "aanleiding", "<p>Waarom</p>", actor=project.leader)
        version = render_fast(version_create(actor=project.leader, document=document))
        return [
            publish(actor=project.leader, version=version, audience=audience)
            for audience in audiences
        ]

    return make


def public_home() -> str:
    response = Client().get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_sees_the_projects_that_publish_to_the_public(catalogue, published):
    public = make_project("Leefbare wijk", suffix="-1")
    clients_only = make_project("Eenzaamheid", suffix="-2")
    nothing = make_project("Armoede", suffix="-3")
    published(public, Audience.CLIENT, Audience.PUBLIC)
    published(clients_only, Audience.CLIENT)

    html = public_home()
    link = reverse("documents:public_project", kwargs={"slug": public.slug})
    assert f'href="{link}"' in html
    assert "Leefbare wijk" in html and "1 openbaar document" in html
    for project in (clients_only, nothing):
        assert project.name not in html
        assert reverse("documents:public_project", kwargs={"slug": project.slug}) not in html
    assert list(publicly_published_projects()) == [public]
    # The link leads to a page the visitor may read.
    assert Client().get(link).status_code == 200


def test_a_project_taken_offline_leaves_the_list(catalogue, published):
    project = make_project(suffix="-1")
    (publication,) = published(project, Audience.PUBLIC)
    assert project.name in public_home()

    unpublish(actor=project.leader, publication=publication)
    html = public_home()
    assert project.name not in html
    assert "Er zijn nog geen openbare procesdocumenten." in html
    assert 'href="/accounts/login/"' in html


def test_a_member_still_gets_their_own_home(catalogue, published, client):
    project = make_project(suffix="-1")
    published(project, Audience.PUBLIC)
    client.force_login(project.member)
    html = client.get(reverse("home")).content.decode()
    assert "Mijn projecten" in html
    assert 'id="public-projects"' not in html


def test_the_list_takes_few_queries(catalogue, published, django_assert_max_num_queries):
    for n in range(3):
        published(make_project(f"Project {n}", suffix=f"-{n}"), Audience.PUBLIC)
    with django_assert_max_num_queries(4):
        html = public_home()
    assert html.count("1 openbaar document") == 3


def test_the_public_page_costs_the_same_and_never_reads_the_documents_text(
    catalogue, published, render_fast
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from documents.models import DocumentVersion

    project = make_project()
    published(project, Audience.PUBLIC)
    address = reverse("documents:public_project", args=[project.slug])
    visitor = Client()
    visitor.get(address)
    with CaptureQueriesContext(connection) as one:
        assert visitor.get(address).status_code == 200

    # A second, large document published: the list grows by a row, not by its text.
    document = document_of(project, 2)
    write(document, document.sections.first().key, "<p>tekst</p>" * 5000, actor=project.leader)
    version = render_fast(version_create(actor=project.leader, document=document))
    publish(actor=project.leader, version=version, audience=Audience.PUBLIC)
    assert len(DocumentVersion.objects.get(pk=version.pk).html) > 50_000
    with CaptureQueriesContext(connection) as two:
        page = visitor.get(address).content.decode()
    assert len(two) == len(one)
    assert page.count("gepubliceerd op") == 2
    version_table = [
        q["sql"] for q in two.captured_queries if "documents_documentversion" in q["sql"]
    ]
    assert version_table and not any(
        '"html"' in sql or '"sections"' in sql for sql in version_table
    )
