"""The Doelenboom, inclusief middelen (beleidsnota) of step 9, compiled from the team's tree.

Outline:

1. *Inleiding*: written by the team.
2. *Doelenboom: van abstract naar concreet*: the tree's state (adopted or draft), its diagram
   (Graphviz, inline SVG without links), the goals level by level with the goal above them and
   the causes of step 5 they remove, and the result of the check "logische opbouw".
3. *Middelen*: the means of every goal, concrete goals first.
4. *Doelindicatoren*: per goal its indicators with the fields of a results framework and a
   chart of the measurements against baseline and target (inline SVG).
5. *Politiek-bestuurlijke afweging*: per goal the options considered with their consequences,
   the preferred option and the decision (body, reference, date).
6. *Beleidskompas*: questions 3-6 of the national Beleidskompas (goal, options, consequences,
   preferred option) answered from the chapters above.
7. *Data die betrekking hebben op doelindicatoren*: the step's sources.
8. *Verantwoording*: the checklist and the uncertainty reduction.

Everything is read in a fixed number of queries (:class:`DoelenboomData`), however large the
tree is.
"""

from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy, pgettext_lazy

from documents.builders.base import Builder, SectionSpec
from documents.builders.types import ACCOUNT
from documents.diagrams import DiagramError, render_svg
from processteps.catalogue import BELEIDSKOMPAS_QUESTIONS
from processteps.causes.models import FactorKind
from processteps.causes.selectors import team_factors

from .charts import indicator_chart
from .selectors import TreeData, team_tree, tree_diagram, tree_problems

# The Beleidskompas questions this document answers (seed 003).
QUESTIONS = (3, 4, 5, 6)

S = SectionSpec


class DoelenboomData:
    """The team's tree with everything the document shows, loaded once."""

    def __init__(self, project):
        self.project = project
        self.tree = team_tree(project)
        self.root_causes = list(team_factors(project, kinds=(FactorKind.ROOT_CAUSE,)))
        if self.tree is None:
            self.data, self.problems = None, []
            return
        self.data = TreeData(self.tree, indicators=True, weighing=True)
        self.problems = tree_problems(self.data, root_causes=self.root_causes)
        for goal in self.data.goals:
            for indicator in goal.indicator_list:
                indicator.goal = goal
                indicator.chart = indicator_chart(
                    indicator, indicator.measurement_list, chart_id=f"grafiek-{indicator.pk}"
                )
                indicator.latest = (
                    indicator.measurement_list[-1] if indicator.measurement_list else None
                )

    @property
    def goals(self):
        return self.data.goals if self.data else []

    def decision_of(self, goal):
        return getattr(goal, "decision", None)


class Doelenboom(Builder):
    document_type = "doelenboom"
    outline = (
        S("inleiding", gettext_lazy("Inleiding")),
        S(
            "doelenboom",
            gettext_lazy("Doelenboom: van abstract naar concreet"),
            "doelenboom_tree",
            gettext_lazy("Gevolgd door de tekening en de doelen per niveau, uit de doelenboom."),
        ),
        S("middelen", pgettext_lazy("goal tree", "Middelen"), "doelenboom_means"),
        S("indicatoren", gettext_lazy("Doelindicatoren"), "doelenboom_indicators"),
        S("afweging", gettext_lazy("Politiek-bestuurlijke afweging"), "doelenboom_weighing"),
        S("beleidskompas", gettext_lazy("Beleidskompas"), "doelenboom_compass"),
        S(
            "bronnen",
            gettext_lazy("Data die betrekking hebben op doelindicatoren"),
            "step_sources",
        ),
        ACCOUNT,
    )

    def template_names(self) -> list[str]:
        return ["goals/documents/print_doelenboom.html"]

    @cached_property
    def data(self) -> DoelenboomData:
        return DoelenboomData(self.project)

    def _render(self, name: str, **context) -> str:
        return render_to_string(
            f"goals/documents/{name}.html",
            {"project": self.project, "step": self.step, "d": self.data, **context},
        )

    # -- compiled sections (named in the outline) ----------------------------------------------
    def doelenboom_tree(self) -> str:
        data = self.data
        svg = ""
        if data.goals:
            try:
                svg = render_svg(
                    tree_diagram(data.data, links=False), links=False, element_id="doelenboom"
                )
            except DiagramError:
                svg = ""
        return self._render(
            "tree",
            svg=svg,
            levels=data.data.levels if data.data else [],
            problems=data.problems,
        )

    def doelenboom_means(self) -> str:
        goals = sorted(self.data.goals, key=lambda g: (bool(g.sub_goals), -g.level, g.position))
        return self._render("means", goals=[g for g in goals if g.means_list or not g.sub_goals])

    def doelenboom_indicators(self) -> str:
        goals = [g for g in self.data.goals if g.indicator_list]
        return self._render("indicators", goals=goals)

    def doelenboom_weighing(self) -> str:
        goals = [
            g for g in self.data.goals if g.option_list or self.data.decision_of(g) is not None
        ]
        for goal in goals:
            goal.the_decision = self.data.decision_of(goal)
        return self._render("weighing", goals=goals)

    def doelenboom_compass(self) -> str:
        data = self.data
        goals = data.goals
        options = [o for g in goals for o in g.option_list]
        preferred = [(g, o) for g in goals for o in g.option_list if o.is_preferred]
        decided = [(g, data.decision_of(g)) for g in goals if data.decision_of(g) is not None]
        questions = dict(BELEIDSKOMPAS_QUESTIONS)
        rows = [
            {
                "number": 3,
                "question": questions[3],
                "top_goals": [g for g in goals if g.level == 0],
                "goal_count": len(goals),
            },
            {
                "number": 4,
                "question": questions[4],
                "option_count": len(options),
                "weighed_goals": len({o.goal_id for o in options}),
            },
            {
                "number": 5,
                "question": questions[5],
                "with_consequences": sum(1 for o in options if o.consequences.strip()),
                "option_count": len(options),
            },
            {"number": 6, "question": questions[6], "preferred": preferred, "decided": decided},
        ]
        return self._render("compass", rows=rows)
