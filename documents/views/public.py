"""The public pages: per project, its public documents; nothing else of the project."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from documents.models import Audience, Publication
from processteps.models import Project
from processteps.pagecache import cached_page

from .documents import pdf_response


def _public_publications(project):
    return (
        Publication.objects.active()
        .filter(document__project=project, audience=Audience.PUBLIC)
        .select_related("version", "document__step")
        .order_by("document__step__number")
    )


@cached_page
def public_project(request, slug):
    project = get_object_or_404(Project, slug=slug)
    # The list shows each version's number, never its text: a 188-page Bloemlezing's HTML and
    # sections stay in the database.
    publications = list(_public_publications(project).defer("version__html", "version__sections"))
    if not publications:
        raise Http404
    return render(
        request, "documents/public/project.html", {"project": project, "publications": publications}
    )


def _publication(slug, number):
    project = get_object_or_404(Project, slug=slug)
    publication = _public_publications(project).filter(document__step__number=number).first()
    if publication is None:
        raise Http404
    return project, publication


def public_document(request, slug, number):
    project, publication = _publication(slug, number)
    return render(
        request,
        "documents/public/document.html",
        {"project": project, "publication": publication, "version": publication.version},
    )


def public_pdf(request, slug, number):
    _project, publication = _publication(slug, number)
    version = publication.version
    version.document = publication.document
    return pdf_response(version)
