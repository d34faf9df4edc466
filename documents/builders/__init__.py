"""Document builders: one per document type. A builder knows the outline of its document and
which sections it compiles from the project's data; adding a type is adding a builder (and, if
its layout differs, a print template ``documents/print/<type>.html``)."""

from .base import Builder, SectionSpec, builder_for, registry

__all__ = ["Builder", "SectionSpec", "builder_for", "registry"]

from . import (
    bloemlezing,  # noqa: E402,F401  (after types: replaces its placeholder)
    types,  # noqa: E402,F401  (registers the builders)
)
