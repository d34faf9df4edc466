"""Import and export of the key-figure register (step 2) as CSV or XLSX.

One file format both ways: a header row with Dutch column names (``COLUMNS``), one key figure a
row. An export re-imports. An import is all or nothing: every row is checked first (the model's
own validation, the angles of the project, ja/nee, duplicates) and a file with any bad row
imports nothing and returns every problem, row by row, in Dutch.
"""

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from processteps.consultation.models import KeyFigure
from processteps.models import Project
from processteps.services.audit import audit_record
from processteps.services.sources import validate_upload

from .keyfigures import key_figure_approve, key_figure_propose

# The file format: (model field, column header). The headers are part of the format, so they
# are not translated: a file made in one language imports in the other.
COLUMNS = (
    ("name", "naam"),
    ("organisation", "organisatie"),
    ("organisation_type", "soort organisatie"),
    ("function", "functie"),
    ("email", "e-mail"),
    ("phone", "telefoon"),
    ("address", "adres"),
    ("postcode", "postcode"),
    ("city", "woonplaats"),
    ("angle", "invalshoek"),
    ("subangle", "subinvalshoek"),
    ("is_usual_suspect", "usual suspect (ja/nee)"),
    ("proposal_reason", "toelichting"),
)
HEADERS = [header for _field, header in COLUMNS]

# Other ways people write the same header (compared after ``_normalise_header``).
ALIASES = {
    "email": "e-mail",
    "e-mailadres": "e-mail",
    "emailadres": "e-mail",
    "telefoonnummer": "telefoon",
    "plaats": "woonplaats",
    "organisatietype": "soort organisatie",
    "functionele invalshoek": "invalshoek",
    "subfunctionele invalshoek": "subinvalshoek",
    "usual suspect": "usual suspect (ja/nee)",
    "waarom": "toelichting",
    "waarom deze persoon?": "toelichting",
}

# Columns an export could carry that an import knows and deliberately leaves alone: status
# and approval go through the pipeline, never through a file.
IGNORED_COLUMNS = {"status", "goedgekeurd"}

YES = {"ja", "j", "yes", "y", "true", "waar", "1", "usual", "usual suspect"}
NO = {"nee", "n", "no", "false", "onwaar", "0", "unusual", "unusual suspect"}

EXTENSIONS = ("csv", "xlsx")
MAX_ROWS = 2000
MAX_COLUMNS = 50
MAX_REPORTED_ERRORS = 200
# An XLSX is a zip: refuse one that unpacks to far more than any register needs.
MAX_XLSX_UNPACKED = 100 * 1024 * 1024

# Spreadsheet programs run a cell that starts like a formula; an exported value never does.
_FORMULA_START = ("=", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"^[+-][\d\s().\-/]*$")
_ILLEGAL_XLSX = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def _normalise_header(value) -> str:
    text = re.sub(r"\s+", " ", str(value or "").replace("\ufeff", "")).strip().casefold()
    return ALIASES.get(text, text)


def _cell_text(value) -> str:
    """A cell as the text a person typed (numbers without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value).strip()
    # Undo the export's guard against formulas (see ``_safe_for_spreadsheet``).
    if text.startswith("'") and text[1:2] in ("=", "@", "+", "-"):
        text = text[1:]
    return text


def _safe_for_spreadsheet(text: str) -> str:
    """Make sure a spreadsheet program shows ``text`` instead of running it as a formula."""
    if text.startswith(_FORMULA_START) or (
        text.startswith(("+", "-")) and not _SIGNED_NUMBER.match(text)
    ):
        return "'" + text
    return text


# --- reading a file ---------------------------------------------------------------------------


def check_upload(upload) -> str:
    """The file's kind ("csv" or "xlsx"), or a ValidationError in Dutch for any other file."""
    ext = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if ext not in EXTENSIONS:
        if ext in ("xls", "ods", "numbers"):
            raise ValidationError(
                _(
                    "Een '.%(ext)s'-bestand kan niet worden ingelezen. Sla het op als "
                    "Excel-werkmap (.xlsx) of als CSV UTF-8 (.csv)."
                )
                % {"ext": ext},
                code="file_type",
            )
        raise ValidationError(
            _(
                "Dit is geen CSV- of XLSX-bestand ('%(name)s'). Kies een bestand dat eindigt "
                "op .csv of .xlsx."
            )
            % {"name": os.path.basename(upload.name or "")},
            code="file_type",
        )
    if upload.size > settings.UPLOAD_MAX_SIZE:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het maximum is %(max)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.UPLOAD_MAX_SIZE),
            },
            code="file_too_large",
        )
    if ext == "xlsx":
        try:
            validate_upload(upload)  # the zip signature of a real workbook
        except ValidationError:
            raise ValidationError(
                _("Dit bestand heet .xlsx maar is geen Excel-werkmap."), code="file_content"
            )
    return ext


def _rows_from_csv(upload) -> list[list]:
    upload.seek(0)
    raw = upload.read()
    if b"\x00" in raw[:8192]:
        raise ValidationError(
            _("Dit bestand heet .csv maar is geen tekstbestand."), code="file_content"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "Het CSV-bestand is niet in UTF-8 opgeslagen. Kies in Excel bij 'Opslaan als' "
                "het type 'CSV UTF-8 (door komma's gescheiden)'."
            ),
            code="encoding",
        )
    first_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=";,").delimiter
    except csv.Error:
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ValidationError(
            _("Het CSV-bestand kan niet worden gelezen: %(error)s") % {"error": exc},
            code="file_content",
        )


def _rows_from_xlsx(upload) -> list[list]:
    from openpyxl import load_workbook

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ValidationError(
            _("Dit bestand heet .xlsx maar is geen Excel-werkmap."), code="file_content"
        )
    if unpacked > MAX_XLSX_UNPACKED:
        raise ValidationError(
            _("De werkmap is uitgepakt te groot om in te lezen."), code="file_too_large"
        )
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken workbook
        raise ValidationError(
            _("De Excel-werkmap kan niet worden gelezen. Is het bestand beschadigd?"),
            code="file_content",
        )
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def read_table(upload) -> tuple[list[str], list[tuple[int, dict]]]:
    """The file's rows as ``(row number, {header: text})``, blank rows left out.

    Row numbers are those a spreadsheet shows: the header is row 1.
    """
    kind = check_upload(upload)
    raw_rows = _rows_from_csv(upload) if kind == "csv" else _rows_from_xlsx(upload)
    while raw_rows and not any(_cell_text(v) for v in raw_rows[-1]):
        raw_rows.pop()
    if not raw_rows:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    headers = [_normalise_header(v) for v in raw_rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    problems = []
    if "naam" not in headers:
        problems.append(
            _("De kolom 'naam' ontbreekt in de eerste rij. Gebruik de kolomnamen: %(headers)s.")
            % {"headers": ", ".join(HEADERS)}
        )
    unknown = [h for h in headers if h and h not in HEADERS and h not in IGNORED_COLUMNS]
    if unknown:
        problems.append(
            _("Onbekende kolom(men): %(unknown)s. Bekende kolommen: %(headers)s.")
            % {"unknown": ", ".join(f"'{h}'" for h in unknown), "headers": ", ".join(HEADERS)}
        )
    doubled = sorted({h for h in headers if h and headers.count(h) > 1})
    if doubled:
        problems.append(
            _("Deze kolom(men) staan er meer dan eens in: %(doubled)s.")
            % {"doubled": ", ".join(f"'{h}'" for h in doubled)}
        )
    if problems:
        raise ValidationError(problems, code="headers")
    rows = []
    for number, values in enumerate(raw_rows[1:], start=2):
        cells = [_cell_text(v) for v in values]
        if not any(cells):
            continue
        rows.append(
            (number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h})
        )
    if not rows:
        raise ValidationError(
            _("Het bestand bevat alleen een kopregel en geen sleutelfiguren."), code="empty"
        )
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("Het bestand heeft meer dan %(max)s rijen; splits het in kleinere bestanden.")
            % {"max": MAX_ROWS},
            code="too_many_rows",
        )
    return headers, rows


# --- checking the rows ------------------------------------------------------------------------


@dataclass
class _Angles:
    """The project's angles, found by name (case and spacing do not matter)."""

    functional: dict
    sub: dict  # (functional pk, name) -> Angle
    sub_by_name: dict  # name -> [Angle]

    @classmethod
    def of(cls, project: Project) -> "_Angles":
        angles = list(project.angles.select_related("parent"))
        functional = {_key(a.name): a for a in angles if a.parent_id is None}
        sub, sub_by_name = {}, {}
        for angle in angles:
            if angle.parent_id is not None:
                sub[(angle.parent_id, _key(angle.name))] = angle
                sub_by_name.setdefault(_key(angle.name), []).append(angle)
        return cls(functional, sub, sub_by_name)

    def known(self) -> str:
        names = [a.name for a in self.functional.values()]
        if not names:
            return _("dit project heeft nog geen invalshoeken")
        shown = ", ".join(names[:10])
        return shown + (" …" if len(names) > 10 else "")


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def _field_label(field: str) -> str:
    return {
        "name": _("naam"),
        "organisation": _("organisatie"),
        "organisation_type": _("soort organisatie"),
        "function": _("functie"),
        "email": _("e-mailadres"),
        "phone": _("telefoon"),
        "address": _("adres"),
        "postcode": _("postcode"),
        "city": _("woonplaats"),
        "angle": _("invalshoek"),
        "subangle": _("subinvalshoek"),
        "is_usual_suspect": _("usual suspect"),
        "proposal_reason": _("toelichting"),
        "notes": _("notities"),
    }.get(field, field)


def _describe(number: int, field: str, error: ValidationError, value) -> str:
    """One problem of one row as a Dutch sentence: 'Rij 7: e-mailadres 'jan@' is ongeldig'."""
    label = _field_label(field)
    params = {"row": number, "column": label, "value": value}
    if error.code in ("blank", "required", "null"):
        return _("Rij %(row)s: %(column)s ontbreekt") % params
    if error.code == "max_length":
        return _("Rij %(row)s: %(column)s is te lang (%(length)s tekens, maximaal %(max)s)") % {
            **params,
            "length": len(str(value)),
            "max": (error.params or {}).get("limit_value", "?"),
        }
    if error.code == "invalid" and field == "email":
        return _("Rij %(row)s: e-mailadres '%(value)s' is ongeldig") % params
    message = error.message % error.params if error.params else error.message
    if value not in ("", None) and not hasattr(value, "pk"):
        return _("Rij %(row)s: %(column)s '%(value)s': %(message)s") % {
            **params,
            "message": message,
        }
    return _("Rij %(row)s: %(column)s: %(message)s") % {**params, "message": message}


def _fields_of(
    project: Project, number: int, cells: dict, angles: _Angles, errors: list
) -> dict | None:
    """The key figure's fields from one row, or None (with ``errors`` added) if it is bad."""
    row_errors = []
    fields = {field: cells.get(header, "") for field, header in COLUMNS}

    usual = fields["is_usual_suspect"].strip().casefold()
    if usual in YES or usual == "":
        fields["is_usual_suspect"] = True
    elif usual in NO:
        fields["is_usual_suspect"] = False
    else:
        row_errors.append(
            _("Rij %(row)s: usual suspect '%(value)s' is geen ja of nee")
            % {"row": number, "value": fields["is_usual_suspect"]}
        )

    angle_name, sub_name = fields["angle"], fields["subangle"]
    angle = subangle = None
    if angle_name:
        angle = angles.functional.get(_key(angle_name))
        if angle is None:
            row_errors.append(
                _("Rij %(row)s: invalshoek '%(value)s' bestaat niet in dit project (%(known)s)")
                % {"row": number, "value": angle_name, "known": angles.known()}
            )
    if sub_name:
        if angle is not None:
            subangle = angles.sub.get((angle.pk, _key(sub_name)))
            if subangle is None:
                elsewhere = angles.sub_by_name.get(_key(sub_name))
                if elsewhere:
                    row_errors.append(
                        _(
                            "Rij %(row)s: subinvalshoek '%(value)s' valt niet onder "
                            "invalshoek '%(angle)s' maar onder '%(other)s'"
                        )
                        % {
                            "row": number,
                            "value": sub_name,
                            "angle": angle.name,
                            "other": elsewhere[0].parent.name,
                        }
                    )
                else:
                    row_errors.append(
                        _("Rij %(row)s: subinvalshoek '%(value)s' bestaat niet onder '%(angle)s'")
                        % {"row": number, "value": sub_name, "angle": angle.name}
                    )
        elif not angle_name:
            # Only a subangle: its functional angle follows when the name is unambiguous.
            candidates = angles.sub_by_name.get(_key(sub_name), [])
            if len(candidates) == 1:
                subangle, angle = candidates[0], candidates[0].parent
            elif candidates:
                row_errors.append(
                    _(
                        "Rij %(row)s: subinvalshoek '%(value)s' bestaat onder meer "
                        "invalshoeken; vul ook de invalshoek in"
                    )
                    % {"row": number, "value": sub_name}
                )
            else:
                row_errors.append(
                    _("Rij %(row)s: subinvalshoek '%(value)s' bestaat niet in dit project")
                    % {"row": number, "value": sub_name}
                )
    fields["angle"], fields["subangle"] = angle, subangle

    if not row_errors:
        candidate = KeyFigure(project=project, **fields)
        try:
            # The model's own validation (required name, e-mail, lengths, angle under angle);
            # the foreign keys were just resolved from this project, so no query per row.
            candidate.full_clean(exclude=["project", "angle", "subangle", "proposed_by"])
        except ValidationError as exc:
            for field, field_errors in exc.error_dict.items():
                for error in field_errors:
                    row_errors.append(_describe(number, field, error, fields.get(field)))
    errors.extend(row_errors)
    return None if row_errors else fields


def _identity(fields: dict) -> tuple:
    """Who a row is, to find the same person twice: name plus e-mail, or plus organisation."""
    name = _key(fields["name"])
    if fields["email"]:
        return (name, "email", fields["email"].strip().casefold())
    return (name, "organisation", _key(fields["organisation"]))


def check_rows(project: Project, rows: list[tuple[int, dict]]) -> tuple[list, list[str]]:
    """Every row checked: (the good rows' fields, the problems of the bad rows)."""
    angles = _Angles.of(project)
    existing = {}
    for kf in project.key_figures.active().only("name", "email", "organisation"):
        existing.setdefault(
            _identity({"name": kf.name, "email": kf.email, "organisation": kf.organisation}),
            kf,
        )
    good, errors, seen = [], [], {}
    for number, cells in rows:
        fields = _fields_of(project, number, cells, angles, errors)
        if fields is None:
            continue
        identity = _identity(fields)
        if identity in seen:
            errors.append(
                _("Rij %(row)s: dezelfde persoon als in rij %(other)s (%(name)s)")
                % {"row": number, "other": seen[identity], "name": fields["name"]}
            )
            continue
        seen[identity] = number
        if identity in existing:
            errors.append(
                _("Rij %(row)s: %(name)s staat al in het register")
                % {"row": number, "name": fields["name"]}
            )
            continue
        good.append((number, fields))
    return good, errors


# --- importing --------------------------------------------------------------------------------


@dataclass
class ImportResult:
    count: int
    approved: bool


def key_figures_import(*, actor, project: Project, upload, approve: bool = False) -> ImportResult:
    """Import every row of ``upload`` as a key figure proposed by ``actor``, or none at all.

    Raises a ValidationError whose ``messages`` are the file's problems, row by row.
    """
    _headers, rows = read_table(upload)
    good, errors = check_rows(project, rows)
    if errors:
        shown = errors[:MAX_REPORTED_ERRORS]
        if len(errors) > MAX_REPORTED_ERRORS:
            rest = len(errors) - MAX_REPORTED_ERRORS
            shown.append(
                ngettext("… en nog %(count)s probleem.", "… en nog %(count)s problemen.", rest)
                % {"count": rest}
            )
        raise ValidationError(shown, code="rows")
    with transaction.atomic():
        for number, fields in good:
            try:
                key_figure = key_figure_propose(actor=actor, project=project, **fields)
                if approve:
                    key_figure_approve(actor=actor, key_figure=key_figure)
            except ValidationError as exc:  # pragma: no cover - check_rows found it already
                raise ValidationError(
                    [
                        _("Rij %(row)s: %(message)s") % {"row": number, "message": m}
                        for m in exc.messages
                    ]  # fmt: skip
                )
        audit_record(
            actor=actor,
            project=project,
            action="keyfigure.imported",
            target=project,
            data={"count": len(good)},
        )
    return ImportResult(count=len(good), approved=approve)


# --- exporting --------------------------------------------------------------------------------


def export_rows(project: Project) -> list[list[str]]:
    """The register as rows of text under ``HEADERS``; erased key figures are left out."""
    figures = (
        project.key_figures.active().select_related("angle", "subangle").order_by("name", "id")
    )
    rows = []
    for kf in figures:
        values = {
            "angle": kf.angle.name if kf.angle_id else "",
            "subangle": kf.subangle.name if kf.subangle_id else "",
            "is_usual_suspect": "ja" if kf.is_usual_suspect else "nee",
        }
        rows.append([values.get(field, getattr(kf, field)) for field, _header in COLUMNS])
    return rows


def export_csv(project: Project) -> bytes:
    """CSV as Dutch Excel opens it by a double click: UTF-8 with a BOM, ``;`` between cells."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in export_rows(project):
        writer.writerow([_safe_for_spreadsheet(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def template_csv() -> bytes:
    """An empty file with the headers, to fill in and import."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(HEADERS)
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(project: Project) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Sleutelfiguren"))[:31]
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(export_rows(project), start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.value = _ILLEGAL_XLSX.sub("", value)
            cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    for c, header in enumerate(HEADERS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = max(
            12, len(header) + 2
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
