"""The Actieboek of step 10, compiled from the action forms.

Outline:

1. *Inleiding*: written by the team.
2. *Acties gericht op het wegnemen van oorzaken*: an overview table of every action (owner,
   causes removed, goals served, period, budget, completeness) and the totals.
3. *Actieformulieren*: one action form per page: description, the causes it removes with the
   quotes that evidence them (only those its interviewees allowed to be quoted), the goals it
   serves, the intervention point, owner and partners (RACI), budget, period and milestones,
   implementation indicators, risks, assumptions and what is asked of citizens.
4. *Organisaties en personen met een rol in de uitvoering*: each party with its actions and
   roles, and the responses recorded.
5. *Uitvoeringsindicatoren*: each implementation indicator with the fields of a results
   framework and a chart of its measurements against baseline and target (inline SVG).
6. *Data die betrekking hebben op uitvoeringsindicatoren*: the step's sources.
7. *Verantwoording*: the checklist and the uncertainty reduction.

Everything is read in a fixed number of queries (:class:`ActieboekData`), however many actions
there are. Budgets and contact data appear here: the Actieboek reaches a client only when the
leader publishes it.
"""

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from documents.builders.base import Builder, SectionSpec
from documents.builders.types import ACCOUNT
from processteps.goals.charts import indicator_chart

from .selectors import evidence_by_cause, project_actions, summary

S = SectionSpec


class ActieboekData:
    """The project's action forms with everything the document shows, loaded once."""

    def __init__(self, project):
        self.project = project
        self.actions = project_actions(project, measurements=True, comments=True)
        self.summary = summary(self.actions)
        cause_ids = {c.pk for a in self.actions for c in a.cause_list}
        quotes = evidence_by_cause(cause_ids)
        self.indicators, seen = [], set()
        for number, action in enumerate(self.actions, start=1):
            action.number = number
            action.causes_with_quotes = [
                (cause, [q for q in quotes.get(cause.pk, []) if q.publishable])
                for cause in action.cause_list
            ]
            for indicator in action.indicator_list:
                if indicator.pk in seen:
                    continue
                seen.add(indicator.pk)
                indicator.action = action
                indicator.chart = indicator_chart(
                    indicator, indicator.measurement_list, chart_id=f"grafiek-{indicator.pk}"
                )
                indicator.latest = (
                    indicator.measurement_list[-1] if indicator.measurement_list else None
                )
                self.indicators.append(indicator)

    @cached_property
    def parties(self) -> list[dict]:
        """Each organisation or person with the actions it has a role in (by name)."""
        by_name: dict[str, dict] = {}
        for action in self.actions:
            for party in action.party_list:
                entry = by_name.setdefault(
                    party.name.strip().casefold(), {"name": party.name, "roles": []}
                )
                entry["roles"].append((action, party))
        return sorted(by_name.values(), key=lambda e: e["name"].casefold())

    @property
    def comments(self):
        return [(a, c) for a in self.actions for c in a.comment_list]

    @property
    def budget_by_year(self) -> list[tuple[int, Decimal]]:
        years: dict[int, Decimal] = {}
        for action in self.actions:
            for line in action.budget_list:
                years[line.year] = years.get(line.year, Decimal(0)) + line.amount
        return sorted(years.items())


class Actieboek(Builder):
    document_type = "actieboek"
    chapter_pages = True
    outline = (
        S("inleiding", gettext_lazy("Inleiding")),
        S(
            "acties",
            gettext_lazy("Acties gericht op het wegnemen van oorzaken"),
            "actieboek_overview",
        ),
        S("actieformulieren", gettext_lazy("Actieformulieren"), "actieboek_forms"),
        S(
            "betrokkenen",
            gettext_lazy("Organisaties en personen met een rol in de uitvoering"),
            "actieboek_parties",
        ),
        S("indicatoren", gettext_lazy("Uitvoeringsindicatoren"), "actieboek_indicators"),
        S(
            "bronnen",
            gettext_lazy("Data die betrekking hebben op uitvoeringsindicatoren"),
            "step_sources",
        ),
        ACCOUNT,
    )

    def template_names(self) -> list[str]:
        return ["actions/documents/print_actieboek.html"]

    @cached_property
    def data(self) -> ActieboekData:
        return ActieboekData(self.project)

    def _render(self, name: str, **context) -> str:
        return render_to_string(
            f"actions/documents/{name}.html",
            {"project": self.project, "step": self.step, "d": self.data, **context},
        )

    def actieboek_overview(self) -> str:
        return self._render("overview")

    def actieboek_forms(self) -> str:
        return self._render("forms")

    def actieboek_parties(self) -> str:
        return self._render("parties")

    def actieboek_indicators(self) -> str:
        return self._render("indicators")
