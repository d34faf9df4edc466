"""Process documents in the project: list, sections, versions, PDF, compare, publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.builders import builder_for
from documents.forms import PublishForm, SectionForm, VersionForm
from documents.models import ProcessDocument, Publication, RenderStatus
from documents.selectors import (
    documents_for,
    publication_history,
    readable_version,
    version_diff,
)
from documents.services import documents as services
from processteps.access import get_project
from processteps.views.common import apply_errors


def _document(project, number):
    """The document of the project's step ``number`` (made with the project: a GET creates
    nothing)."""
    document = get_object_or_404(
        ProcessDocument.objects.filter(project=project).select_related("step"), step__number=number
    )
    document.project = document.step.project = project
    return document


def _version(request, document, number):
    version = readable_version(request.user, document, number)
    if version is None:
        # The team sees every version; for others a version that is not published to them
        # does not exist.
        raise Http404
    version.document = document
    return version


@login_required
def document_list(request, project):
    project = get_project(request, project, "documents.view_published")
    documents = documents_for(request.user, project)
    return render(request, "documents/list.html", {"project": project, "documents": documents})


@login_required
def document_detail(request, project, number):
    project = get_project(request, project, "documents.view_published")
    document = _document(project, number)
    if not request.user.has_perm("documents.view_drafts", project):
        published = [d for d in documents_for(request.user, project) if d.pk == document.pk]
        if not published:
            raise PermissionDenied
        history = publication_history(request.user, document)
        return render(
            request,
            "documents/published_list.html",
            {"project": project, "document": document, "publications": history},
        )
    builder = builder_for(document)
    sections = builder.sections()
    # The lists show numbers, dates and states: never a version's HTML or sections.
    versions = list(
        document.versions.select_related("author").defer("html", "sections").order_by("-number")
    )
    publications = list(
        document.publications.select_related("version", "published_by", "unpublished_by").defer(
            "version__html", "version__sections"
        )
    )
    return render(
        request,
        "documents/detail.html",
        {
            "project": project,
            "document": document,
            "sections": sections,
            "section_objects": {s.key: s for s in document.sections.all()},
            "versions": versions,
            "publications": publications,
            "version_form": VersionForm(),
            "may_manage": request.user.has_perm("documents.manage", project),
        },
    )


@login_required
def section_edit(request, project, number, key):
    project = get_project(request, project, "documents.edit_sections")
    document = _document(project, number)
    section = get_object_or_404(document.sections.all(), key=key)
    section.document = document
    if request.method == "POST":
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                services.section_update(
                    actor=request.user,
                    section=section,
                    body=form.cleaned_data["body"],
                    revision=form.cleaned_data["revision"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("De sectie is opgeslagen."))
                return redirect(document)
        status = 409 if form.errors.get("__all__") else 400
    else:
        form = SectionForm(initial={"body": section.body, "revision": section.revision})
        status = 200
    return render(
        request,
        "documents/section_form.html",
        {"project": project, "document": document, "section": section, "form": form},
        status=status,
    )


@login_required
@require_POST
def version_create(request, project, number):
    project = get_project(request, project, "documents.manage")
    document = _document(project, number)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("De wijzigingsnotitie is te lang (maximaal 500 tekens)."))
        return redirect(document)
    try:
        version = services.version_create(
            actor=request.user, document=document, change_note=form.cleaned_data["change_note"]
        )
    except ValidationError as exc:
        apply_errors(request, exc)
        return redirect(document)
    services.version_render_request(actor=request.user, version=version)
    messages.success(
        request,
        _("Versie %(number)d is vastgelegd; de PDF wordt gemaakt.") % {"number": version.number},
    )
    return redirect("documents:version", project=project.pk, number=number, version=version.number)


@login_required
def version_detail(request, project, number, version):
    project = get_project(request, project, "documents.view_published")
    document = _document(project, number)
    version = _version(request, document, version)
    may_manage = request.user.has_perm("documents.manage", project)
    context = {
        "project": project,
        "document": document,
        "version": version,
        "may_manage": may_manage,
        "publish_form": PublishForm() if may_manage else None,
        "publications": (
            list(version.publications.select_related("published_by").prefetch_related("deliveries"))
            if may_manage
            else []
        ),
        "other_versions": (
            document.versions.exclude(pk=version.pk).order_by("-number").only("number")
            if request.user.has_perm("documents.view_drafts", project)
            else []
        ),
    }
    return render(request, "documents/version.html", context)


@login_required
def version_status(request, project, number, version):
    """The PDF status box; htmx polls it while the PDF is being made."""
    project = get_project(request, project, "documents.view_published")
    document = _document(project, number)
    version = services.version_render_check(version=_version(request, document, version))
    return render(
        request,
        "documents/partials/render_status.html",
        {
            "project": project,
            "document": document,
            "version": version,
            "may_manage": request.user.has_perm("documents.manage", project),
        },
    )


@login_required
@require_POST
def version_render(request, project, number, version):
    project = get_project(request, project, "documents.manage")
    document = _document(project, number)
    version = _version(request, document, version)
    if services.version_render_request(actor=request.user, version=version):
        messages.info(request, _("De PDF wordt gemaakt."))
    else:
        messages.info(request, _("De PDF van deze versie is er al."))
    if request.htmx:
        return version_status(request, project.pk, number, version.number)
    return redirect("documents:version", project=project.pk, number=number, version=version.number)


@login_required
def version_pdf(request, project, number, version):
    project = get_project(request, project, "documents.view_published")
    document = _document(project, number)
    version = _version(request, document, version)
    return pdf_response(version)


def pdf_response(version):
    if version.render_status != RenderStatus.READY or not version.pdf:
        raise Http404
    filename = f"{version.document.title} v{version.number}.pdf"
    response = FileResponse(
        version.pdf.open("rb"), content_type="application/pdf", filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def compare(request, project, number):
    project = get_project(request, project, "documents.view_drafts")
    document = _document(project, number)
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        messages.error(request, _("Kies twee versies om te vergelijken."))
        return redirect(document)
    old = get_object_or_404(document.versions.all(), number=min(a, b))
    new = get_object_or_404(document.versions.all(), number=max(a, b))
    return render(
        request,
        "documents/compare.html",
        {
            "project": project,
            "document": document,
            "old": old,
            "new": new,
            "rows": version_diff(old, new),
        },
    )


@login_required
@require_POST
def version_publish(request, project, number, version):
    project = get_project(request, project, "documents.manage")
    document = _document(project, number)
    version = _version(request, document, version)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies voor wie je publiceert."))
    else:
        try:
            services.publish(
                actor=request.user, version=version, audience=form.cleaned_data["audience"]
            )
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("De versie is gepubliceerd."))
    return redirect("documents:version", project=project.pk, number=number, version=version.number)


@login_required
@require_POST
def unpublish(request, project, number, publication):
    project = get_project(request, project, "documents.manage")
    document = _document(project, number)
    publication = get_object_or_404(
        Publication.objects.filter(document=document).select_related("version"), pk=publication
    )
    services.unpublish(actor=request.user, publication=publication)
    messages.success(request, _("De publicatie is offline gehaald."))
    return redirect(document)
