"""Document builders: one per document type. A builder knows the outline of its document and
which sections it compiles from the project's data; adding a type is adding a builder (and, if
its layout differs, a print template ``documents/print/<type>.html``)."""

from .base import Builder, SectionSpec, builder_for, registry

__all__ = ["Builder", "SectionSpec", "builder_for", "registry"]

# The outlines of the eleven document types; a step tool's ``documents`` module replaces the
# placeholder of its type with a builder of its own (imported when the tool registers).
from . import types  # noqa: E402,F401
