"""The Uitvoeringsplan of step 11, compiled from the project's data, and the Beleidskompas
crosswalk as a document of its own.

Outline of the Uitvoeringsplan:

1. *Inleiding*: written by the team.
2. *Uitvoeringsorganisatie*: who steers, who executes, who advises, each with its task
   (contact data stay out: they are the team's).
3. *Aansturing van de uitvoering*: the steering rhythm (meetings and reports, how often, who
   organises them, for whom).
4. *Planning*: the actions of the action book on a timeline (inline SVG, with a table beside
   it); without an action book, the planning of the process steps.
5. *RACI*: per action who is responsible, accountable, consulted and informed.
6. *Monitoring*: the status per action, the progress rolled up to the goals, and the
   indicators with their measurements as charts (inline SVG).
7. *Gegevensbanken*: the state of the gegevensbank and the step's sources.
8. *Beleidskompas*: the six questions answered from the project's own data.
9. *Integraal raamwerk*: the domains × current situation and goals, and × parties.
10. *Verantwoording*: the checklist and the uncertainty reduction.

Everything is read in a fixed number of queries (:class:`PlanData`), however many actions and
indicators there are.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.builders import compiled
from documents.builders.base import Builder, SectionSpec
from documents.builders.types import ACCOUNT
from processteps.goals.charts import indicator_chart
from processteps.goals.selectors import indicators_with_measurements

from . import selectors
from .timeline import actions_timeline, steps_timeline

S = SectionSpec


class PlanData:
    """What the Uitvoeringsplan shows, loaded once."""

    def __init__(self, project):
        self.project = project
        self.organisation = selectors.organisation(project)
        self.organisation_problems = selectors.organisation_problems(self.organisation)
        self.moments = list(selectors.moments_of(project))
        self.steering_problems = selectors.steering_problems(self.moments)
        self.databank = selectors.databank(project)
        self.plan = selectors.ActionsPlan(project)

    @cached_property
    def timeline(self):
        if self.plan.actions:
            return actions_timeline(self.plan.actions, links=False)
        return steps_timeline(list(self.project.steps.order_by("number")))

    @cached_property
    def raci(self):
        return self.plan.raci()

    @cached_property
    def goals(self):
        return selectors.goal_progress(self.project, self.plan)

    @cached_property
    def indicators(self):
        indicators = indicators_with_measurements(self.project)
        for indicator in indicators:
            indicator.chart = indicator_chart(
                indicator, indicator.measurement_list, chart_id=f"grafiek-{indicator.pk}"
            )
            indicator.latest = (
                indicator.measurement_list[-1] if indicator.measurement_list else None
            )
        return indicators

    @cached_property
    def answers(self):
        return selectors.compass(self.project, links=False)

    @cached_property
    def framework(self):
        return selectors.framework(
            self.project, links=False, actions=selectors.framework_actions(self.project)
        )


class Uitvoeringsplan(Builder):
    document_type = "uitvoeringsplan"
    outline = (
        S("inleiding", gettext_lazy("Inleiding")),
        S("organisatie", gettext_lazy("Uitvoeringsorganisatie"), "plan_organisation"),
        S("aansturing", gettext_lazy("Aansturing van de uitvoering"), "plan_steering"),
        S("planning", gettext_lazy("Planning"), "plan_planning"),
        S("raci", gettext_lazy("Rollen per actie (RACI)"), "plan_raci"),
        S("monitoring", gettext_lazy("Monitoring"), "plan_monitoring"),
        S("gegevensbanken", gettext_lazy("Gegevensbanken"), "plan_databank"),
        S("beleidskompas", gettext_lazy("Beleidskompas"), "plan_compass"),
        S("raamwerk", gettext_lazy("Integraal raamwerk"), "plan_framework"),
        ACCOUNT,
    )

    def template_names(self) -> list[str]:
        return ["implementation/documents/print_uitvoeringsplan.html"]

    @cached_property
    def data(self) -> PlanData:
        return PlanData(self.project)

    def _render(self, name: str, **context) -> str:
        return render_to_string(
            f"implementation/documents/{name}.html",
            {"project": self.project, "step": self.step, "d": self.data, **context},
        )

    # -- compiled sections (named in the outline) ----------------------------------------------
    def plan_organisation(self) -> str:
        return self._render("organisation")

    def plan_steering(self) -> str:
        return self._render("steering")

    def plan_planning(self) -> str:
        return self._render("planning", chart=self.data.timeline)

    def plan_raci(self) -> str:
        return self._render("raci", raci=self.data.raci)

    def plan_monitoring(self) -> str:
        return self._render("monitoring", goals=self.data.goals, indicators=self.data.indicators)

    def plan_databank(self) -> str:
        return self._render("databank") + compiled.step_sources(self)

    def plan_compass(self) -> str:
        return self._render("compass", answers=self.data.answers)

    def plan_framework(self) -> str:
        return self._render("framework", framework=self.data.framework)


class BeleidskompasExport:
    """The Beleidskompas crosswalk of a project as one document of its own: the six questions
    answered from the project's data, with the integral framework; rendered on request (it is
    not a process document and is never stored)."""

    def __init__(self, project):
        self.project = project

    def html(self) -> str:
        project = self.project
        return render_to_string(
            "implementation/documents/print_compass.html",
            {
                "document_title": _("Beleidskompas"),
                "project": project,
                "step_label": _("De zes vragen beantwoord met het eigen materiaal van het project"),
                "date": timezone.localdate(),
                "client": project.client_organisation,
                "language": "nl",
                "answers": selectors.compass(project, links=False),
                "framework": selectors.framework(
                    project, links=False, actions=selectors.framework_actions(project)
                ),
                "toc": [
                    {"id": "kompas", "title": _("Beleidskompas"), "level": 1},
                    {"id": "raamwerk", "title": _("Integraal raamwerk"), "level": 1},
                ],
            },
        )
