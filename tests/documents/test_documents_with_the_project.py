"""A project's documents are made with the project, not by whoever first opens a page: the
documents list and a document read what is there; section titles are in the project's language,
whatever language the person creating the project reads in."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from documents.models import DocumentSection, ProcessDocument
from documents.services.documents import documents_create
from tests.factories import ProjectFactory, UserFactory
from tests.matrix import row_counts

pytestmark = pytest.mark.django_db


def test_a_new_project_has_a_document_for_every_step_with_its_outline(catalogue):
    project = ProjectFactory()
    documents = ProcessDocument.objects.filter(project=project).order_by("step__number")
    assert [d.step.number for d in documents] == list(range(1, 12))
    assert [d.title for d in documents] == list(
        project.steps.order_by("number").values_list("document_name", flat=True)
    )
    plan = documents[0]
    assert plan.sections.filter(key="aanleiding", title="Aanleiding").exists()
    assert all(d.sections.exists() for d in documents)


def test_section_titles_are_in_the_projects_language_not_the_creators(catalogue):
    with translation.override("en"):
        assert str(translation.gettext("Aanleiding")) == "Background"
        project = ProjectFactory()
    assert project.language == "nl"
    titles = set(
        DocumentSection.objects.filter(document__project=project).values_list("title", flat=True)
    )
    assert "Aanleiding" in titles
    assert "Background" not in titles


def test_opening_the_documents_creates_nothing(project, client_as):
    before = row_counts()
    for who in ("member", "leader", "client"):
        browser = client_as(who)
        browser.get(reverse("documents:list", kwargs={"project": project.pk}))
        browser.get(reverse("documents:document", kwargs={"project": project.pk, "number": 3}))
    assert row_counts() == before


def test_a_step_without_its_document_is_not_found_and_not_made(project, client_as):
    ProcessDocument.objects.filter(project=project, step__number=2).delete()
    before = row_counts()
    url = reverse("documents:document", kwargs={"project": project.pk, "number": 2})
    assert client_as("leader").get(url).status_code == 404
    assert row_counts() == before


def test_documents_create_adds_only_what_is_missing(project):
    ProcessDocument.objects.filter(project=project, step__number__in=[4, 7]).delete()
    created = documents_create(project=project)
    assert sorted(d.step.number for d in created) == [4, 7]
    assert documents_create(project=project) == []
    assert project.documents.count() == 11


def test_the_migration_gives_existing_projects_their_documents(catalogue):
    project = ProjectFactory(leader=UserFactory())
    ProcessDocument.objects.filter(project=project).exclude(step__number=1).delete()
    first = project.documents.get()
    migration = importlib.import_module("documents.migrations.0004_documents_with_the_project")

    with translation.override("en"):
        migration.documents_for_every_step(apps, None)

    assert project.documents.count() == 11
    assert project.documents.get(step__number=1) == first  # kept as it was
    bloemlezing = project.documents.get(step__number=4)
    assert bloemlezing.document_type == project.steps.get(number=4).document_type
    assert bloemlezing.sections.exists()
    assert not DocumentSection.objects.filter(title="Background").exists()
