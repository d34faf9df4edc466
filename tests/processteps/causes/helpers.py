"""Shared helpers of the causal-complex tests: fragments of a consultation round (through the
consultation services, as step 4 makes them) and small models built through the services."""

from types import SimpleNamespace

from processteps.causes.models import FactorKind
from processteps.causes.services import analyses as analysis_services
from processteps.causes.services import factors as factor_services
from processteps.consultation.models import QuoteConsent, ReportStatus
from tests.processteps.consultation.test_interviews_support import (
    fragment,
    interview,
    key_figure,
    report,
)

S, C, R = FactorKind.SYMPTOM, FactorKind.CAUSE, FactorKind.ROOT_CAUSE


def fragments(project) -> SimpleNamespace:
    """Three fragments of accepted reports, one per consent level: by name (Anna de Vries,
    Woonbond Noord), anonymous (Kees Bakker of Bouwbedrijf Bakker, a Huurdersorganisatie) and
    none (Piet Geheim of Stichting Geheim)."""
    made = {}
    for consent, name, organisation, email, text in (
        (QuoteConsent.BY_NAME, "Anna de Vries", "Woonbond Noord", "anna@example.org",
         "Er zijn te weinig betaalbare woningen voor jonge gezinnen."),
        (QuoteConsent.ANONYMOUS, "Kees Bakker", "Bouwbedrijf Bakker", "kees@example.org",
         "De bouwprocedures duren jaren, ook voor kleine projecten."),
        (QuoteConsent.NONE, "Piet Geheim", "Stichting Geheim", "piet@example.org",
         "Ik zie de wachtlijst elke maand langer worden."),
    ):  # fmt: skip
        figure = key_figure(project, name=name, organisation=organisation, email=email)
        the_report = report(
            interview(project, figure, quote_consent=consent), status=ReportStatus.ACCEPTED
        )
        made[consent] = fragment(the_report, text)
    return SimpleNamespace(
        by_name=made[QuoteConsent.BY_NAME],
        anonymous=made[QuoteConsent.ANONYMOUS],
        none=made[QuoteConsent.NONE],
    )


def model(analysis, actor, spec, links=()):
    """Factors ``spec`` ({key: (statement, kind)}) and links [(from key, to key)] in
    ``analysis`` through the services; returns the factors by key."""
    factors = {
        key: factor_services.factor_add(
            actor=actor, analysis=analysis, statement=statement, kind=kind
        )
        for key, (statement, kind) in spec.items()
    }
    for source, target in links:
        factor_services.link_add(
            actor=actor, analysis=analysis, source=factors[source], target=factors[target]
        )
    return factors


# The smallest model that passes the check: root → cause → symptom, the root with evidence.
GOOD = {
    "symptom": ("Lange wachtlijsten voor een woning", S),
    "cause": ("Te weinig betaalbare woningen", C),
    "root": ("Trage bouwprocedures", R),
}
GOOD_LINKS = [("root", "cause"), ("cause", "symptom")]


def good_team(project, fragment_for_root) -> SimpleNamespace:
    team = analysis_services.team_analysis_ensure(actor=project.leader, project=project)
    factors = model(team, project.leader, GOOD, GOOD_LINKS)
    factor_services.evidence_add(
        actor=project.leader, factor=factors["root"], fragment=fragment_for_root
    )
    return SimpleNamespace(analysis=team, **factors)
