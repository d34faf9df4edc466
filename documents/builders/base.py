"""The builder machinery: outline, compiled sections, assembly into one HTML document."""

from dataclasses import dataclass, field

from django.template.loader import render_to_string, select_template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.sanitize import clean_html

_registry: dict[str, type["Builder"]] = {}


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    # A method of the builder or a function in ``documents.builders.compiled`` (see
    # ``Builder.compile_section``); None: written by the team only.
    compiled: str | None = None
    help: str = ""


@dataclass
class BuiltSection:
    key: str
    title: str
    body: str  # sanitised rich text written by the team
    compiled: str = ""  # HTML compiled from project data (rendered by our own templates)
    anchor: str = field(default="")


class Builder:
    document_type: str = ""
    outline: tuple[SectionSpec, ...] = ()
    intro: str = ""
    # Long documents start every chapter on a new page; short ones let chapters flow on.
    chapter_pages: bool = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.document_type:
            _registry[cls.document_type] = cls

    def __init__(self, document):
        self.document = document
        self.project = document.project
        self.step = document.step

    # -- sections ---------------------------------------------------------------------------
    def sections(self) -> list[BuiltSection]:
        """The draft's sections in outline order, with their compiled data."""
        written = {s.key: s for s in self.document.sections.all()}
        built = []
        specs = list(self.outline)
        known = {spec.key for spec in specs}
        # Sections a team added beyond the outline come after it, in their own order.
        extra = [s for s in written.values() if s.key not in known]
        for spec in specs:
            section = written.get(spec.key)
            body = clean_html(section.body) if section else ""
            title = section.title if section else str(spec.title)
            html = self.compile_section(spec.compiled) if spec.compiled else ""
            built.append(BuiltSection(spec.key, title, body, html))
        for section in sorted(extra, key=lambda s: (s.position, s.pk)):
            built.append(BuiltSection(section.key, section.title, clean_html(section.body)))
        for index, section in enumerate(built, start=1):
            section.anchor = f"s{index}-{section.key}"
        return built

    def compile_section(self, name: str) -> str:
        """A compiled section's HTML: a method ``name`` of the builder (no arguments), else
        the function ``name`` of :mod:`documents.builders.compiled` (given the builder)."""
        from . import compiled

        own = getattr(self, name, None)
        return own() if callable(own) else getattr(compiled, name)(self)

    # -- assembly ---------------------------------------------------------------------------
    def template_names(self) -> list[str]:
        return [f"documents/print/{self.document_type}.html", "documents/print/document.html"]

    def context(self, sections, *, version_label: str, date=None) -> dict:
        return {
            "document": self.document,
            "document_title": self.document.title,
            "project": self.project,
            "step": self.step,
            "client": self.project.client_organisation,
            "version_label": version_label,
            "date": date or timezone.localdate(),
            "sections": sections,
            "toc": [{"id": s.anchor, "title": s.title, "level": 1} for s in sections],
            "language": "nl",
            "chapter_pages": self.chapter_pages,
        }

    def build_html(self, sections, *, version_label: str, date=None) -> str:
        template = select_template(self.template_names())
        return template.render(self.context(sections, version_label=version_label, date=date))

    def extra_recipients(self, publication, *, in_app: str, public: str) -> list:
        """People besides the client to mail when a version is published, as (name, e-mail,
        link) tuples; ``in_app`` links into the app, ``public`` to the public page."""
        return []

    def reading_html(self, sections) -> str:
        """The sections as a fragment for the online reading view."""
        return render_to_string("documents/reading_sections.html", {"sections": sections})


def registry() -> dict[str, type[Builder]]:
    return dict(_registry)


def builder_for(document) -> Builder:
    try:
        cls = _registry[document.document_type]
    except KeyError:
        cls = GenericBuilder
    return cls(document)


class GenericBuilder(Builder):
    """For a document type without a builder of its own (e.g. added in the admin)."""

    outline = (
        SectionSpec("inleiding", _("Inleiding")),
        SectionSpec("inhoud", _("Inhoud")),
        SectionSpec("bronnen", _("Bronnen"), compiled="step_sources"),
        SectionSpec("verantwoording", _("Verantwoording"), compiled="step_account"),
    )
