"""Data sources gathered for a step: uploads limited in size and type."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from processteps.models import DataSource, ProcessStep

from .audit import audit_record

# Files that announce one type but are another are refused by their first bytes.
_SIGNATURES = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "zip": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
}


def validate_upload(upload) -> None:
    """Raise a ValidationError (in the user's language) for a file we do not accept."""
    max_size = settings.UPLOAD_MAX_SIZE
    if upload.size > max_size:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het maximum is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_size)},
            code="file_too_large",
        )
    ext = os.path.splitext(upload.name)[1].lower().lstrip(".")
    allowed = settings.UPLOAD_ALLOWED_EXTENSIONS
    if ext not in allowed:
        raise ValidationError(
            _("Bestanden van het type '.%(ext)s' zijn niet toegestaan. Toegestaan: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(allowed)},
            code="file_type",
        )
    signatures = _SIGNATURES.get(ext)
    if signatures:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(sig) for sig in signatures):
            raise ValidationError(
                _("De inhoud van het bestand past niet bij de extensie '.%(ext)s'.") % {"ext": ext},
                code="file_content",
            )


def source_add(
    *, actor, step: ProcessStep, title: str, kind: str, file=None, url: str = "", notes: str = ""
) -> DataSource:
    if file is not None:
        validate_upload(file)
        file.name = get_valid_filename(os.path.basename(file.name))
    source = DataSource(
        step=step, title=title.strip(), kind=kind, url=url.strip(), notes=notes, added_by=actor
    )
    if file is not None:
        source.file = file
    source.full_clean()
    with transaction.atomic():
        source.save()
        audit_record(actor=actor, project=step.project, action="source.added", target=source)
    return source


def source_delete(*, actor, source: DataSource) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor, project=source.step.project, action="source.deleted", target=source
        )
        storage, name = source.file.storage, source.file.name
        source.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
