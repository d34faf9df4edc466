"""The action book as a workbook (XLSX): the action forms, their parties, budget, milestones,
and the implementation indicators with every measurement (formula-safe text cells, by
``processteps.tabular``)."""

from django.utils.translation import gettext as _

from processteps.goals.services.indicators import format_value
from processteps.goals.services.measurement_io import INDICATOR_HEADERS, MEASUREMENTS
from processteps.tabular import write_xlsx

ACTION_HEADERS = (
    "nummer",
    "actie",
    "status",
    "volledig (%)",
    "ontbreekt",
    "beschrijving",
    "domein",
    "doelen",
    "oorzaken",
    "interventiepunt",
    "eigenaar",
    "startdatum",
    "einddatum",
    "begroting totaal",
    "wat van burgers gevraagd wordt",
    "risico's",
    "aannames",
)
PARTY_HEADERS = ("nummer", "actie", "partij", "rol", "contactpersoon", "e-mailadres", "telefoon")
BUDGET_HEADERS = ("nummer", "actie", "jaar", "bedrag", "financieringsbron")
MILESTONE_HEADERS = ("nummer", "actie", "mijlpaal", "datum", "gehaald")


def _date(value) -> str:
    return value.isoformat() if value else ""


def actions_xlsx(actions) -> bytes:
    """``actions`` loaded with measurements (``selectors.actions_loaded(…, measurements=True)``)."""
    rows, parties, budget, milestones = [], [], [], []
    indicators, measurements, seen = [], [], set()
    for number, action in enumerate(actions, start=1):
        rows.append(
            [
                number,
                action.title,
                action.get_status_display(),
                action.score,
                "; ".join(action.missing),
                action.description,
                action.get_domain_display() if action.domain else "",
                "; ".join(g.statement for g in action.goal_list),
                "; ".join(c.statement for c in action.cause_list),
                action.intervention_point.title if action.intervention_point else "",
                action.owner.name if action.owner else "",
                _date(action.start_date),
                _date(action.end_date),
                format_value(action.budget_total),
                action.asked_of_citizens,
                action.risks,
                action.assumptions,
            ]
        )
        for p in action.party_list:
            parties.append(
                [number, action.title, p.name, p.get_role_display(), p.contact_name,
                 p.contact_email, p.contact_phone]
            )  # fmt: skip
        for b in action.budget_list:
            budget.append([number, action.title, b.year, format_value(b.amount), b.source])
        for m in action.milestone_list:
            milestones.append(
                [number, action.title, m.title, _date(m.date), _("ja") if m.done else _("nee")]
            )
        for indicator in action.indicator_list:
            if indicator.pk in seen:
                continue
            seen.add(indicator.pk)
            series = getattr(indicator, "measurement_list", [])
            latest = series[-1] if series else None
            indicators.append(
                [
                    indicator.name, indicator.get_kind_display(), action.title,
                    indicator.definition, indicator.unit, format_value(indicator.baseline_value),
                    _date(indicator.baseline_date), format_value(indicator.target_value),
                    _date(indicator.target_date), indicator.source, indicator.method,
                    indicator.get_frequency_display() if indicator.frequency else "",
                    indicator.measured_by, format_value(latest.value) if latest else "",
                    _date(latest.measured_on) if latest else "",
                ]
            )  # fmt: skip
            for m in series:
                measurements.append(
                    [indicator.name, _date(m.measured_on), format_value(m.value), indicator.unit,
                     m.note]
                )  # fmt: skip
    headers = list(INDICATOR_HEADERS)
    headers[2] = "actie"
    return write_xlsx(
        [
            (_("acties"), ACTION_HEADERS, rows),
            (_("partijen"), PARTY_HEADERS, parties),
            (_("begroting"), BUDGET_HEADERS, budget),
            (_("mijlpalen"), MILESTONE_HEADERS, milestones),
            (_("uitvoeringsindicatoren"), headers, indicators),
            (_("metingen"), MEASUREMENTS.headers, measurements),
        ]
    )
