from .documents import (
    Audience,
    DocumentSection,
    DocumentVersion,
    ProcessDocument,
    Publication,
    RenderStatus,
)

__all__ = [
    "Audience",
    "DocumentSection",
    "DocumentVersion",
    "ProcessDocument",
    "Publication",
    "RenderStatus",
]
