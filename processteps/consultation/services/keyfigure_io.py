"""Import and export of the key-figure register (step 2) as CSV or XLSX.

One file format both ways: a header row with Dutch column names (``COLUMNS``), one key figure a
row. An export re-imports. An import is all or nothing: every row is checked first (the model's
own validation, the angles of the project, ja/nee, duplicates) and a file with any bad row
imports nothing and returns every problem, row by row, in Dutch.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from processteps import tabular
from processteps.consultation.models import KeyFigure
from processteps.models import Project
from processteps.services.audit import audit_record
from processteps.tabular import TableFormat, name_key

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

# Other ways people write the same header (compared after ``TableFormat.normalise``).
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

YES = tabular.YES | {"usual", "usual suspect"}
NO = tabular.NO | {"unusual", "unusual suspect"}

KEY_FIGURES = TableFormat(
    headers=tuple(HEADERS),
    required=("naam",),
    aliases=ALIASES,
    ignored=frozenset(IGNORED_COLUMNS),
    noun=gettext_lazy("sleutelfiguren"),
)


def read_table(upload) -> tuple[list[str], list[tuple[int, dict]]]:
    """The file's rows as ``(row number, {header: text})`` (see ``processteps.tabular``)."""
    return tabular.read_table(upload, KEY_FIGURES)


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
        functional = {name_key(a.name): a for a in angles if a.parent_id is None}
        sub, sub_by_name = {}, {}
        for angle in angles:
            if angle.parent_id is not None:
                sub[(angle.parent_id, name_key(angle.name))] = angle
                sub_by_name.setdefault(name_key(angle.name), []).append(angle)
        return cls(functional, sub, sub_by_name)

    def known(self) -> str:
        names = [a.name for a in self.functional.values()]
        if not names:
            return _("dit project heeft nog geen invalshoeken")
        shown = ", ".join(names[:10])
        return shown + (" …" if len(names) > 10 else "")


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
    if error.code == "invalid" and field == "email":
        return _("Rij %(row)s: e-mailadres '%(value)s' is ongeldig") % {
            "row": number,
            "value": value,
        }
    return tabular.row_problem(number, _field_label(field), error, value)


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
        angle = angles.functional.get(name_key(angle_name))
        if angle is None:
            row_errors.append(
                _("Rij %(row)s: invalshoek '%(value)s' bestaat niet in dit project (%(known)s)")
                % {"row": number, "value": angle_name, "known": angles.known()}
            )
    if sub_name:
        if angle is not None:
            subangle = angles.sub.get((angle.pk, name_key(sub_name)))
            if subangle is None:
                elsewhere = angles.sub_by_name.get(name_key(sub_name))
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
            candidates = angles.sub_by_name.get(name_key(sub_name), [])
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
    name = name_key(fields["name"])
    if fields["email"]:
        return (name, "email", fields["email"].strip().casefold())
    return (name, "organisation", name_key(fields["organisation"]))


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
    tabular.raise_problems(errors)
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
    return tabular.write_csv(HEADERS, export_rows(project))


def template_csv() -> bytes:
    """An empty file with the headers, to fill in and import."""
    return tabular.write_csv(HEADERS, [])


def export_xlsx(project: Project) -> bytes:
    return tabular.write_xlsx([(_("Sleutelfiguren"), HEADERS, export_rows(project))])
