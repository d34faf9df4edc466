"""The Bloemlezing's tests use the documents tests' fixtures (a project made the way the
documents tests make it, fast rendering)."""

from tests.documents.conftest import (  # noqa: F401
    catalogue,
    client_as,
    media_root,
    project,
    render_fast,
    tiny_pdf,
    users,
)
