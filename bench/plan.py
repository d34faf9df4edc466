"""Benchmark: the plan of steps 9-11 at size — the goal tree with its indicators (step 9) and,
from the steps 10-11 side, the actions and the implementation plan.

    .venv/bin/python bench/plan.py [--scale 1.0] [--render] [--keep DIR]

1. Makes a throwaway database: a temporary SQLite file, or, when ``DATABASE_URL`` is set, a
   database next to that one (``bench_plan_<name>``, dropped afterwards). Migrations run first.
2. Builds a large project and a small one, part by part (``PARTS``, in the method's order: a
   later part may build on an earlier one's data), with ``bulk_create`` (the services are
   tested elsewhere; here only the size matters). ``--scale 0.1`` makes the large one a tenth
   as big, for a quick run.

   - **Step 9** (``GOALS``): a team analysis with a root cause per concrete goal; a team tree
     of 300 goals on four levels (5 top goals, 25, 75 and 195 concrete ones), every goal below
     the top under a more abstract one and removing a cause, every concrete goal with two
     means; 1,000 goal indicators with 20 measurements each; two options per goal on the top
     two levels and a decision per top goal. The small project: 12 goals, 10 indicators with
     3 measurements.
   - **Step 10** (``ACTIONS``): 600 complete action forms on the concrete goals and the causes
     above, each with two parties, a budget line, two milestones and an implementation
     indicator with 20 measurements, one intervention point, and 300 interview quotes (by
     name, anonymous, not quotable) as evidence for the causes. The small project: 12 actions,
     indicators with 3 measurements, 6 quotes.

3. Measures, after a warm-up on the small project (templates, Graphviz, fontconfig): every page
   a part names (a GET through Django's test client, as the project leader: wall clock and CPU
   time, SQL queries) and every document it compiles (``builder.sections()`` and
   ``build_html``, what ``version_create`` does: time, queries, HTML size), each on the small
   and the large project. A page or a compile whose number of queries differs between the two
   is marked ``<- NOT constant`` and the script exits with 1.
4. ``--render``: renders each compiled document of the large project through the app's sealed
   renderer and through bare WeasyPrint on the same HTML with the same PDF/A-3a options and
   pydyf fix, each render in a fresh process, ``--rounds`` rounds in alternating order, and
   prints each round and the median of the per-round ratios against the 1.1x target
   (``bench/renderpair.py``).
"""

import argparse
import datetime
import gc
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenleving.settings.test")
_TMP = None
if not os.environ.get("DATABASE_URL"):
    _TMP = Path(tempfile.mkdtemp(prefix="bench-plan-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'bench.sqlite3'}"
    USE_TEST_DATABASE = False
else:
    USE_TEST_DATABASE = True

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from documents.builders import builder_for  # noqa: E402
from documents.diagrams import render_svg  # noqa: E402
from documents.services.documents import document_ensure  # noqa: E402
from processteps.causes.models import (  # noqa: E402
    AnalysisKind,
    CausalAnalysis,
    CausalFactor,
    FactorKind,
)
from processteps.goals.models import (  # noqa: E402
    Goal,
    GoalCause,
    GoalDecision,
    GoalTree,
    Indicator,
    IndicatorKind,
    Means,
    Measurement,
    PolicyOption,
    TreeKind,
    TreeStatus,
)
from processteps.goals.selectors import TreeData, tree_diagram  # noqa: E402
from processteps.services.projects import project_create  # noqa: E402

_WORDS = (
    "nieuwkomers woningen buurt werk taal vertrouwen gemeente opvang statushouders school "
    "vrijwilligers werkgevers wachtlijst procedure gezondheid zorg jongeren ouderen erkenning "
    "diploma's ontmoeting veiligheid huisvesting inburgering maatjes corporaties"
)
WORDS = _WORDS.split()


def phrase(rng: random.Random, low: int = 4, high: int = 9) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:]


# -- the parts ---------------------------------------------------------------------------------


@dataclass
class Part:
    """One tool's share of the benchmark: how to fill a project (``build(project, leader,
    size, rng)``, where ``size`` is "large" or "small" and ``scale`` applies to the large one),
    the pages to time (``pages(project) -> [(label, url)]``) and the documents to compile
    (catalogue keys of their steps)."""

    name: str
    build: Callable
    pages: Callable
    documents: tuple[str, ...] = ()
    describe: Callable = field(default=lambda project: "")


# Step 9: the goal tree, indicators and measurements ------------------------------------------

GOAL_SIZES = {
    "large": {"levels": (5, 25, 75, 195), "indicators": 1000, "measurements": 20},
    "small": {"levels": (1, 2, 3, 6), "indicators": 10, "measurements": 3},
}


def build_goals(project, leader, size: str, rng: random.Random, scale: float = 1.0) -> None:
    spec = GOAL_SIZES[size]
    factor = scale if size == "large" else 1.0
    levels = [max(1, round(n * factor)) for n in spec["levels"]]
    indicators = max(1, round(spec["indicators"] * factor))
    measurements = spec["measurements"]

    analysis = CausalAnalysis.objects.create(project=project, kind=AnalysisKind.TEAM)
    kinds = (FactorKind.SYMPTOM, FactorKind.SYMPTOM, FactorKind.CAUSE, FactorKind.ROOT_CAUSE)
    tree = GoalTree.objects.create(project=project, kind=TreeKind.TEAM)
    previous: list[Goal] = []
    goals: list[Goal] = []
    for level, count in enumerate(levels):
        made = Goal.objects.bulk_create(
            Goal(
                tree=tree,
                parent=previous[i % len(previous)] if previous else None,
                statement=phrase(rng),
                description=phrase(rng, 10, 20) + ".",
                level=level,
                domain=rng.choice(("wonen", "werken", "integreren", "ontwikkelen", "")),
                position=i,
                created_by=leader,
            )
            for i in range(count)
        )
        factors = CausalFactor.objects.bulk_create(
            CausalFactor(
                analysis=analysis,
                statement=f"{phrase(rng)} ({level}.{i})",
                kind=kinds[level],
                position=level * 1000 + i,
            )
            for i in range(count)
            if level > 0
        )
        GoalCause.objects.bulk_create(
            GoalCause(goal=goal, cause=cause, derived=True)
            for goal, cause in zip(made[: len(factors)], factors, strict=False)
        )
        goals += made
        previous = made
    concrete = previous
    Means.objects.bulk_create(
        Means(goal=goal, description=phrase(rng, 3, 6), details=phrase(rng, 8, 14), position=p)
        for goal in concrete
        for p in (1, 2)
    )
    today = datetime.date(2025, 6, 30)
    made_indicators = Indicator.objects.bulk_create(
        Indicator(
            project=project,
            kind=IndicatorKind.GOAL,
            goal=goals[i % len(goals)],
            name=f"Indicator {i + 1}: {phrase(rng, 2, 4)}",
            definition=phrase(rng, 8, 16),
            unit=rng.choice(("personen", "%", "woningen", "weken")),
            baseline_value=rng.randint(10, 100),
            baseline_date=datetime.date(2023, 1, 1),
            target_value=rng.randint(120, 400),
            target_date=datetime.date(2026, 12, 31),
            source="Gemeentelijke monitor",
            method="Telling",
            frequency="monthly",
            measured_by="Team onderzoek",
        )
        for i in range(indicators)
    )
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            measured_on=today - datetime.timedelta(days=30 * (measurements - m)),
            value=rng.randint(10, 400),
            entered_by=leader,
        )
        for indicator in made_indicators
        for m in range(measurements)
    )
    weighed = [g for g in goals if g.level <= 1]
    options = PolicyOption.objects.bulk_create(
        PolicyOption(
            goal=goal,
            title=phrase(rng, 3, 6),
            description=phrase(rng, 10, 20),
            consequences=phrase(rng, 10, 20),
            is_preferred=(n == 0),
            position=n,
        )
        for goal in weighed
        for n in range(2)
    )
    GoalDecision.objects.bulk_create(
        GoalDecision(
            goal=option.goal,
            body="council",
            body_name="Gemeenteraad",
            reference=f"Raadsbesluit 2024-{option.pk:04d}",
            decided_on=datetime.date(2024, 5, 23),
            chosen_option=option,
        )
        for option in options
        if option.is_preferred and option.goal.level == 0
    )
    GoalTree.objects.filter(pk=tree.pk).update(status=TreeStatus.ADOPTED)


def goal_pages(project) -> list[tuple[str, str]]:
    step = project.steps.get(key="decision_making")
    goal = Goal.objects.filter(tree__project=project, level=0).first()
    indicator = Indicator.objects.filter(project=project).first()
    return [
        ("step 9 page", reverse("processteps:step", args=[project.pk, step.number])),
        ("goal tree page", reverse("goals:overview", args=[project.pk])),
        ("indicator list (1st page)", reverse("goals:indicator_list", args=[project.pk])),
        ("a top goal's page", reverse("goals:goal_detail", args=[project.pk, goal.pk])),
        ("an indicator's page", reverse("goals:indicator_detail", args=[project.pk, indicator.pk])),
    ]


def describe_goals(project) -> str:
    goals = Goal.objects.filter(tree__project=project).count()
    indicators = Indicator.objects.filter(project=project).count()
    measurements = Measurement.objects.filter(indicator__project=project).count()
    return f"{goals} goals, {indicators} indicators, {measurements} measurements"


GOALS = Part(
    name="step 9: goal tree",
    build=build_goals,
    pages=goal_pages,
    documents=("decision_making",),
    describe=describe_goals,
)


# Step 10: the action book -----------------------------------------------------------------

ACTION_SIZES = {
    "large": {"actions": 600, "measurements": 20, "quotes": 300},
    "small": {"actions": 12, "measurements": 3, "quotes": 6},
}


def build_actions(project, leader, size: str, rng: random.Random, scale: float = 1.0) -> None:
    """600 complete action forms on the concrete goals and the causes built by ``GOALS``, each
    with two parties, a budget line, two milestones and an implementation indicator with 20
    measurements (``tests.factories.grow_actions``), an intervention point on a cause, and
    quotes from interviews (all three consents) as evidence for the causes."""
    from processteps.causes.models import Evidence
    from processteps.consultation.models import (
        Fragment,
        Interview,
        InterviewReport,
        KeyFigure,
        QuoteConsent,
        ReportStatus,
    )
    from processteps.meetings.models import InterventionPoint
    from tests.factories import grow_actions

    spec = ACTION_SIZES[size]
    factor = scale if size == "large" else 1.0
    count = max(2, round(spec["actions"] * factor))
    quotes = max(2, round(spec["quotes"] * factor))
    goals = list(Goal.objects.filter(tree__project=project, children__isnull=True).order_by("id"))
    causes = list(
        CausalFactor.objects.filter(analysis__project=project)
        .exclude(kind=FactorKind.SYMPTOM)
        .order_by("id")
    )
    point = InterventionPoint.objects.create(project=project, cause=causes[0], title=phrase(rng))
    grow_actions(
        project, count=count, goals=goals, causes=causes, point=point,
        measurements=spec["measurements"],
    )  # fmt: skip
    consents = (QuoteConsent.BY_NAME, QuoteConsent.ANONYMOUS, QuoteConsent.NONE)
    figures = KeyFigure.objects.bulk_create(
        KeyFigure(project=project, name=f"Sleutelfiguur {n}", organisation=phrase(rng, 1, 2))
        for n in range(quotes)
    )
    interviews = Interview.objects.bulk_create(
        Interview(project=project, key_figure=f, quote_consent=consents[n % 3])
        for n, f in enumerate(figures)
    )
    reports = InterviewReport.objects.bulk_create(
        InterviewReport(interview=i, status=ReportStatus.ACCEPTED, causes=phrase(rng, 10, 20))
        for i in interviews
    )
    fragments = Fragment.objects.bulk_create(
        Fragment(project=project, report=r, source_field="causes", text=phrase(rng, 8, 16))
        for r in reports
    )
    Evidence.objects.bulk_create(
        Evidence(factor=causes[n % len(causes)], fragment=f) for n, f in enumerate(fragments)
    )


def action_pages(project) -> list[tuple[str, str]]:
    from processteps.actions.models import Action

    step = project.steps.get(key="actions")
    action = Action.objects.filter(project=project).order_by("id").first()
    cause = action.causes.first()
    args = [project.pk, action.pk]
    return [
        ("step 10 page", reverse("processteps:step", args=[project.pk, step.number])),
        ("action list", reverse("actions:action_list", args=[project.pk])),
        ("incomplete forms", reverse("actions:incomplete", args=[project.pk])),
        ("gaps in the chain", reverse("actions:gaps", args=[project.pk])),
        ("an action's page", reverse("actions:action_detail", args=args)),
        ("an action's form", reverse("actions:action_edit", args=args)),
        ("an action's evidence chain", reverse("actions:action_chain", args=args)),
        ("a cause's chain", reverse("actions:cause_chain", args=[project.pk, cause.pk])),
        ("actions export (XLSX)", reverse("actions:export_xlsx", args=[project.pk])),
    ]


def describe_actions(project) -> str:
    from processteps.actions.models import Action, ActionIndicator

    actions = Action.objects.filter(project=project).count()
    indicators = ActionIndicator.objects.filter(action__project=project).count()
    measurements = Measurement.objects.filter(
        indicator__project=project, indicator__kind=IndicatorKind.IMPLEMENTATION
    ).count()
    return f"{actions} actions, {indicators} implementation indicators, {measurements} measurements"


ACTIONS = Part(
    name="step 10: action book",
    build=build_actions,
    pages=action_pages,
    documents=("actions",),
    describe=describe_actions,
)

# The parts in the method's order (a later part may read what an earlier one made).
PARTS: list[Part] = [GOALS, ACTIONS]


# -- measuring ---------------------------------------------------------------------------------


def make_project(name: str):
    User = get_user_model()
    leader = User.objects.create(
        username=f"{name}-leider", first_name="Lotte", last_name="Leider", email=f"{name}@x.nl"
    )
    project = project_create(
        actor=leader,
        name=f"Bench {name}",
        issue="Hoe pakken we het migratievraagstuk aan?",
        client_organisation="Coöperatie Samenwereld",
        start_date=datetime.date(2024, 1, 1),
    )
    return project, leader


def timed(function):
    gc.collect()
    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        result = function()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return result, wall, cpu, len(queries)


def get_page(browser, url):
    def run():
        response = browser.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(response.content)

    return run


def compile_document(project, step_key):
    def run():
        builder = builder_for(document_ensure(project.steps.get(key=step_key)))
        sections = builder.sections()
        return builder.build_html(sections, version_label="Versie 1")

    return run


def maxrss_mib() -> float:
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the large project")
    parser.add_argument(
        "--render", action="store_true", help="also render the large project's documents"
    )
    parser.add_argument("--keep", type=Path, help="write the compiled HTML (and PDFs) here")
    parser.add_argument("--rounds", type=int, default=3, help="render rounds with --render")
    args = parser.parse_args()
    scale = max(args.scale, 0.01)

    test_db = None
    if USE_TEST_DATABASE:
        settings_dict = connection.settings_dict
        settings_dict.setdefault("TEST", {})["NAME"] = f"bench_plan_{settings_dict['NAME']}"
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    failures = 0
    try:
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        large, large_leader = make_project("groot")
        small, small_leader = make_project("klein")
        for part in PARTS:
            start = time.perf_counter()
            part.build(large, large_leader, "large", random.Random(2024), scale=scale)
            built = time.perf_counter() - start
            part.build(small, small_leader, "small", random.Random(7))
            print(
                f"{part.name}: large {part.describe(large)} (built in {built:.1f} s); "
                f"small {part.describe(small)}"
            )

        # Django's test client asks as "testserver".
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        browsers = {}
        for project, leader in ((small, small_leader), (large, large_leader)):
            browser = Client()
            browser.force_login(leader)
            browsers[project.pk] = browser

        # Warm-up: templates, Graphviz, translations, on the small project; both projects get
        # their documents (made the first time they are needed, which is not what is measured).
        for part in PARTS:
            for _label, url in part.pages(small):
                get_page(browsers[small.pk], url)()
            for key in part.documents:
                compile_document(small, key)()
                document_ensure(large.steps.get(key=key))

        print(f"\n{'':34}{'small':^23}    {'large':^23}")
        print(
            f"{'':34}{'wall':>9} {'CPU':>7} {'SQL':>5}    {'wall':>9} {'CPU':>7} {'SQL':>5}  size"
        )
        compiled = {}
        for part in PARTS:
            rows = [(label, small_url, large_url, "page") for (label, small_url), (_l, large_url)
                    in zip(part.pages(small), part.pages(large), strict=True)]  # fmt: skip
            rows += [(f"compile {key}", key, key, "compile") for key in part.documents]
            for label, small_target, large_target, kind in rows:
                results = []
                for project, target in ((small, small_target), (large, large_target)):
                    action = (
                        get_page(browsers[project.pk], target)
                        if kind == "page"
                        else compile_document(project, target)
                    )
                    results.append(timed(action))
                (_r0, w0, c0, q0), (r1, w1, c1, q1) = results
                size = f"{r1 / 1e3:.0f} kB" if kind == "page" else f"{len(r1) / 1e6:.2f} MB HTML"
                if kind == "compile":
                    compiled[large_target] = r1
                flag = "" if q0 == q1 else "  <- NOT constant"
                failures += q0 != q1
                print(
                    f"{label:34}{w0:8.3f}s {c0:6.3f}s {q0:5}    {w1:8.3f}s {c1:6.3f}s {q1:5}  "
                    f"{size}{flag}"
                )

        # The diagram alone (Graphviz), for the large tree.
        tree = GoalTree.objects.get(project=large, kind=TreeKind.TEAM)
        data = TreeData(tree)
        start = time.perf_counter()
        svg = render_svg(tree_diagram(data, links=True))
        print(
            f"\nGraphviz diagram of the large tree: {time.perf_counter() - start:.2f} s wall, "
            f"{len(data.goals)} goals, {len(svg) / 1e3:.0f} kB SVG"
        )

        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for key, html in compiled.items():
                (args.keep / f"{key}.html").write_text(html)
        if args.render:
            from renderpair import compare, describe

            # Each render in a fresh process of its own (this one holds the large project),
            # the app's renderer against bare WeasyPrint on the same HTML, like for like.
            print()
            for key, html in compiled.items():
                keep = None
                if args.keep:
                    keep = args.keep / key
                    keep.mkdir(parents=True, exist_ok=True)
                result = compare(html, rounds=args.rounds, keep=keep)
                for line in describe(f"render {key}", result):
                    print(line)
        print(f"\npeak RSS of the process: {maxrss_mib():.0f} MiB")
        return 1 if failures else 0
    finally:
        if test_db is not None:
            connection.creation.destroy_test_db(test_db, verbosity=0)
        connection.close()
        if _TMP is not None:
            shutil.rmtree(_TMP, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
