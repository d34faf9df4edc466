"""Read-side helpers: what a user may see of a project's documents."""

import difflib
import html
import re

from django.db.models import Count, Prefetch, Q
from django.utils.html import strip_tags

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
    publications = (
        Publication.objects.active()
        .select_related("version")
        .defer("version__html", "version__sections")
        .order_by("audience")
    )
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


def publication_history(user, document):
    """For a reader outside the team: the document's current publications to them and the
    versions those replaced (its history), newest first."""
    return (
        Publication.objects.filter(
            document=document, audience__in=visible_audiences(user, document.project)
        )
        .filter(Q(unpublished_at__isnull=True) | Q(superseded=True))
        .select_related("version")
        .defer("version__html", "version__sections")
        .order_by("-published_at")
    )


# -- comparing versions ------------------------------------------------------------------------


def version_diff(old, new) -> list[dict]:
    """Two versions of a document compared section by section (see :func:`compare_sections`)."""
    return compare_sections(old.sections, new.sections)


def _text_lines(section: dict) -> list[str]:
    """The section as lines of plain text (the template escapes them again)."""
    html_text = (section.get("body") or "") + "\n" + (section.get("compiled") or "")
    html_text = re.sub(r"</(p|li|h[1-6]|tr|blockquote|div)>|<br\s*/?>", "\\g<0>\n", html_text)
    text = html.unescape(strip_tags(html_text))
    return [line.strip() for line in text.splitlines() if line.strip()]


def compare_sections(old_sections: list[dict], new_sections: list[dict]) -> list[dict]:
    """Per section, the lines side by side with what changed marked."""
    old_by_key = {s["key"]: s for s in old_sections}
    new_by_key = {s["key"]: s for s in new_sections}
    keys = [s["key"] for s in new_sections] + [
        s["key"] for s in old_sections if s["key"] not in new_by_key
    ]
    rows = []
    for key in keys:
        old, new = old_by_key.get(key, {}), new_by_key.get(key, {})
        left, right = _text_lines(old), _text_lines(new)
        pairs = []
        matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            span = max(i2 - i1, j2 - j1)
            for k in range(span):
                pairs.append(
                    {
                        "tag": tag,
                        "old": left[i1 + k] if i1 + k < i2 else "",
                        "new": right[j1 + k] if j1 + k < j2 else "",
                    }
                )
        rows.append(
            {
                "title": new.get("title") or old.get("title"),
                "changed": left != right,
                "pairs": pairs,
            }
        )
    return rows


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
