"""Read-side helpers: what a user may see of a project's documents."""

from django.db.models import Count, Prefetch, Q

from documents.models import Audience, DocumentVersion, ProcessDocument, Publication
from processteps.models import Project

AUDIENCES_FOR_CLIENT = (Audience.CLIENT, Audience.PUBLIC)


def visible_audiences(user, project) -> tuple[str, ...] | None:
    """None: everything (team); else the audiences whose publications the user may read."""
    if user.has_perm("documents.view_drafts", project):
        return None
    if user.has_perm("documents.view_published", project):
        return AUDIENCES_FOR_CLIENT
    return (Audience.PUBLIC,)


def documents_for(user, project):
    """The project's documents with their latest version and active publications."""
    audiences = visible_audiences(user, project)
    publications = Publication.objects.active().select_related("version").order_by("audience")
    documents = (
        ProcessDocument.objects.filter(project=project)
        .select_related("step")
        .prefetch_related(
            Prefetch("publications", queryset=publications, to_attr="active_publications"),
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.only(
                    "id", "document_id", "number", "render_status", "created_at", "pdf"
                ).order_by("-number"),
                to_attr="all_versions",
            ),
        )
        .order_by("step__number")
    )
    result = []
    for document in documents:
        if audiences is not None:
            document.active_publications = [
                p for p in document.active_publications if p.audience in audiences
            ]
            if not document.active_publications:
                continue
        document.latest_version = document.all_versions[0] if document.all_versions else None
        result.append(document)
    return result


def readable_version(user, document, number):
    """The version if the user may read it: the team any, others only an active publication."""
    version = document.versions.filter(number=number).first()
    if version is None:
        return None
    audiences = visible_audiences(user, document.project)
    if audiences is None:
        return version
    # Readers see the published version and, while the document is published to them, the
    # versions it replaced (its history); a document taken offline shows nothing.
    published = Publication.objects.filter(document=document, audience__in=audiences)
    if not published.active().exists():
        return None
    if (
        published.filter(version=version)
        .filter(Q(unpublished_at__isnull=True) | Q(superseded=True))
        .exists()
    ):
        return version
    return None


def publicly_published_projects():
    """The projects with at least one document published to the public (an active
    publication), by name, each with ``public_documents`` (how many); a publication only to
    the client does not count."""
    public = Publication.objects.active().filter(audience=Audience.PUBLIC)
    return (
        Project.objects.filter(pk__in=public.values("document__project"))
        .annotate(
            public_documents=Count(
                "documents__publications",
                filter=Q(
                    documents__publications__audience=Audience.PUBLIC,
                    documents__publications__unpublished_at__isnull=True,
                ),
                distinct=True,
            )
        )
        .only("id", "name", "slug", "client_organisation")
        .order_by("name", "id")
    )


def public_home_context(request) -> dict:
    """For the visitors' home page: the projects that publish something, with links to their
    public pages."""
    return {"items": list(publicly_published_projects())}
