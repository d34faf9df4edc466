"""Reading and writing tables as CSV or XLSX: the one way every import and export goes.

An import reads a file into rows of text under known headers, then the caller checks every row
and imports all or nothing. Problems are Dutch sentences that name the row as a spreadsheet
shows it (the header is row 1). Exports are safe to open in a spreadsheet program: a cell that
looks like a formula is written so that it is shown, never run, and an export re-imports.

A format is a :class:`TableFormat`::

    PEOPLE = TableFormat(headers=("naam", "e-mail"), required=("naam",),
                         aliases={"email": "e-mail"}, noun=_("personen"))
    headers, rows = read_table(upload, PEOPLE)        # [(row number, {header: text})]
    ...check rows, collect problems with row_problem()...
    raise_problems(problems)                          # a ValidationError, capped
"""

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from processteps.services.sources import validate_upload

EXTENSIONS = ("csv", "xlsx")
MAX_ROWS = 2000
MAX_COLUMNS = 50
MAX_REPORTED_ERRORS = 200
# An XLSX is a zip: refuse one that unpacks to far more than any table of ours needs.
MAX_XLSX_UNPACKED = 100 * 1024 * 1024

# Spreadsheet programs run a cell that starts like a formula; an exported value never does.
_FORMULA_START = ("=", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"^[+-][\d\s().,\-/]*$")
_ILLEGAL_XLSX = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

YES = {"ja", "j", "yes", "y", "true", "waar", "1"}
NO = {"nee", "n", "no", "false", "onwaar", "0"}


@dataclass(frozen=True)
class TableFormat:
    """The columns of a file format. Headers are part of the format, so they are not
    translated: a file made in one language imports in the other."""

    headers: tuple[str, ...]
    required: tuple[str, ...] = ()
    # Other ways people write a header (compared after normalising case and spaces).
    aliases: dict = field(default_factory=dict)
    # Columns an export carries that an import knows and deliberately leaves alone.
    ignored: frozenset = frozenset()
    # What a row is, in the plural ("sleutelfiguren"), for "only a header and no …".
    noun: str = ""
    max_rows: int = MAX_ROWS

    def normalise(self, value) -> str:
        text = re.sub(r"\s+", " ", str(value or "").replace("\ufeff", "")).strip().casefold()
        return self.aliases.get(text, text)


def name_key(name: str) -> str:
    """A name as compared: case and spacing do not matter."""
    return re.sub(r"\s+", " ", name).strip().casefold()


def cell_text(value) -> str:
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
    # Undo the export's guard against formulas (see ``safe_for_spreadsheet``).
    if text.startswith("'") and text[1:2] in ("=", "@", "+", "-"):
        text = text[1:]
    return text


def safe_for_spreadsheet(text) -> str:
    """Make sure a spreadsheet program shows ``text`` instead of running it as a formula."""
    text = "" if text is None else str(text)
    if text.startswith(_FORMULA_START) or (
        text.startswith(("+", "-")) and not _SIGNED_NUMBER.match(text)
    ):
        return "'" + text
    return text


def parse_yes_no(text: str, *, default: bool | None = None) -> bool | None:
    """ja/nee (and the like) as a bool; ``default`` for an empty cell; None if neither."""
    value = text.strip().casefold()
    if value == "":
        return default
    if value in YES:
        return True
    if value in NO:
        return False
    return None


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


def _rows_from_xlsx(upload, max_rows: int) -> list[list]:
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
            if len(rows) > max_rows + 1:
                break
        return rows
    finally:
        workbook.close()


def read_table(upload, fmt: TableFormat) -> tuple[list[str], list[tuple[int, dict]]]:
    """The file's rows as ``(row number, {header: text})``, blank rows left out.

    Row numbers are those a spreadsheet shows: the header is row 1. Unknown, missing or doubled
    headers, an empty file and too many rows are refused with Dutch messages.
    """
    kind = check_upload(upload)
    raw_rows = _rows_from_csv(upload) if kind == "csv" else _rows_from_xlsx(upload, fmt.max_rows)
    while raw_rows and not any(cell_text(v) for v in raw_rows[-1]):
        raw_rows.pop()
    if not raw_rows:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    headers = [fmt.normalise(v) for v in raw_rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    known = ", ".join(fmt.headers)
    problems = [
        _("De kolom '%(column)s' ontbreekt in de eerste rij. Gebruik de kolomnamen: %(headers)s.")
        % {"column": column, "headers": known}
        for column in fmt.required
        if column not in headers
    ]
    unknown = [h for h in headers if h and h not in fmt.headers and h not in fmt.ignored]
    if unknown:
        problems.append(
            _("Onbekende kolom(men): %(unknown)s. Bekende kolommen: %(headers)s.")
            % {"unknown": ", ".join(f"'{h}'" for h in unknown), "headers": known}
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
        cells = [cell_text(v) for v in values]
        if not any(cells):
            continue
        rows.append(
            (number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h})
        )
    if not rows:
        raise ValidationError(
            _("Het bestand bevat alleen een kopregel en geen %(noun)s.")
            % {"noun": fmt.noun or _("rijen")},
            code="empty",
        )
    if len(rows) > fmt.max_rows:
        raise ValidationError(
            _("Het bestand heeft meer dan %(max)s rijen; splits het in kleinere bestanden.")
            % {"max": fmt.max_rows},
            code="too_many_rows",
        )
    return headers, rows


# --- reporting problems -----------------------------------------------------------------------


def row_problem(number: int, label: str, error: ValidationError, value) -> str:
    """One problem of one row as a Dutch sentence: "Rij 7: e-mailadres 'jan@' is ongeldig"."""
    params = {"row": number, "column": label, "value": value}
    if error.code in ("blank", "required", "null"):
        return _("Rij %(row)s: %(column)s ontbreekt") % params
    if error.code == "max_length":
        return _("Rij %(row)s: %(column)s is te lang (%(length)s tekens, maximaal %(max)s)") % {
            **params,
            "length": len(str(value)),
            "max": (error.params or {}).get("limit_value", "?"),
        }
    message = error.message % error.params if error.params else error.message
    if value not in ("", None) and not hasattr(value, "pk"):
        return _("Rij %(row)s: %(column)s '%(value)s': %(message)s") % {
            **params,
            "message": message,
        }
    return _("Rij %(row)s: %(column)s: %(message)s") % {**params, "message": message}


def raise_problems(problems: list[str]) -> None:
    """Raise the problems of a file as one ValidationError (at most MAX_REPORTED_ERRORS are
    listed, then how many more there are); do nothing when there are none."""
    if not problems:
        return
    shown = problems[:MAX_REPORTED_ERRORS]
    if len(problems) > MAX_REPORTED_ERRORS:
        rest = len(problems) - MAX_REPORTED_ERRORS
        shown.append(
            ngettext("… en nog %(count)s probleem.", "… en nog %(count)s problemen.", rest)
            % {"count": rest}
        )
    raise ValidationError(shown, code="rows")


# --- writing ----------------------------------------------------------------------------------


def write_csv(headers, rows) -> bytes:
    """CSV as Dutch Excel opens it by a double click: UTF-8 with a BOM, ``;`` between cells."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([safe_for_spreadsheet(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(sheets) -> bytes:
    """A workbook of ``sheets``: [(title, headers, rows)]; every cell is text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                cell.value = _ILLEGAL_XLSX.sub("", "" if value is None else str(value))
                cell.data_type = "s"
        sheet.freeze_panes = "A2"
        for c, header in enumerate(headers, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = max(
                12, len(str(header)) + 2
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
