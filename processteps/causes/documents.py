"""The Probleem- en oorzakenanalyse of step 5, compiled from the team analysis.

Outline:

1. *Inleiding*: written by the team.
2. *Het probleem*: the project's issue and the team analysis's problem statement.
3. *Oorzakelijke complexen*: per complex its diagram (Graphviz, inline SVG without links:
   vector graphics in the PDF, nothing fetched) and its symptoms, causes and root causes, each
   with what it leads to and the quotes cited as evidence — only quotes whose consent allows
   publication, attributed as that consent says (by name or anonymised); the result of the
   check (logical design, layering).
4. *Symptomen*, 5. *Oorzaken en grondoorzaken*: written by the team.
6. *Empirisch en statistisch onderzoek*: the step's sources.
7. *Verantwoording*: the checklist and the uncertainty reduction.

Everything is read in a fixed number of queries (:class:`AnalysisData`), however large the
analysis is.
"""

from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from documents.builders.base import Builder, SectionSpec
from documents.builders.types import ACCOUNT
from documents.diagrams import DiagramError

from .selectors import AnalysisData, analysis_problems, complex_diagrams, draw, team_analysis

S = SectionSpec


class AnalysisDocumentData:
    """The team analysis with everything the document shows, loaded once."""

    def __init__(self, project):
        self.project = project
        self.analysis = team_analysis(project)
        if self.analysis is None:
            self.data, self.problems = None, []
            return
        self.data = AnalysisData(self.analysis, evidence=True)
        self.problems = analysis_problems(self.data)
        for owner in [*self.data.factors, *self.data.links]:
            owner.quotes = [e for e in owner.evidence_list if e.publishable]
            owner.withheld = len(owner.evidence_list) - len(owner.quotes)

    @property
    def factors(self):
        return self.data.factors if self.data else []


class ProbleemOorzakenanalyse(Builder):
    document_type = "probleem_oorzakenanalyse"
    outline = (
        S("inleiding", gettext_lazy("Inleiding")),
        S("probleem", gettext_lazy("Het probleem"), "causes_problem"),
        S(
            "complexen",
            gettext_lazy("Oorzakelijke complexen"),
            "causes_complexes",
            gettext_lazy(
                "Gevolgd door de tekening en de factoren van elk complex, met hun bewijs, uit "
                "de teamanalyse."
            ),
        ),
        S("symptomen", gettext_lazy("Symptomen")),
        S("oorzaken", gettext_lazy("Oorzaken en grondoorzaken")),
        S("bronnen", gettext_lazy("Empirisch en statistisch onderzoek"), "step_sources"),
        ACCOUNT,
    )

    def template_names(self) -> list[str]:
        return ["causes/documents/print_analysis.html"]

    @cached_property
    def data(self) -> AnalysisDocumentData:
        return AnalysisDocumentData(self.project)

    def _render(self, name: str, **context) -> str:
        return render_to_string(
            f"causes/documents/{name}.html",
            {"project": self.project, "step": self.step, "d": self.data, **context},
        )

    def causes_problem(self) -> str:
        return self._render("problem")

    def causes_complexes(self) -> str:
        data = self.data
        drawings = []
        if data.data is not None:
            for index, (complex_, factors, diagram) in enumerate(
                complex_diagrams(data.data, links_on=False), start=1
            ):
                try:
                    svg = draw(diagram, links=False, element_id=f"complex-{index}")
                except DiagramError:
                    svg = ""
                drawings.append(
                    {
                        "complex": complex_,
                        "title": diagram.title,
                        "svg": svg,
                        "layers": data.data.layers(factors),
                    }
                )
        return self._render("complexes", drawings=drawings, problems=data.problems)
