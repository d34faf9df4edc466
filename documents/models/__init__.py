from .documents import (
    Audience,
    DeliveryStatus,
    DocumentSection,
    DocumentVersion,
    ProcessDocument,
    Publication,
    PublicationDelivery,
    RenderStatus,
)

__all__ = [
    "Audience",
    "DeliveryStatus",
    "DocumentSection",
    "DocumentVersion",
    "ProcessDocument",
    "Publication",
    "PublicationDelivery",
    "RenderStatus",
]
