"""Benchmark: the causal complexes of step 5 at size.

    .venv/bin/python bench/causal.py [--scale 1.0] [--no-render] [--keep DIR]

1. Makes a throwaway database: a temporary SQLite file, or, when ``DATABASE_URL`` is set, a
   database next to that one (``bench_causal_<name>``, dropped afterwards). Migrations run.
2. Builds a large project: a model of 500 factors (100 symptoms, 250 causes, 150 root causes)
   in 10 complexes with 1,500 links, and 8 team members who each proposed a random 60% of it
   (with the links between what they proposed, and evidence for their root causes from 30
   fragments of every consent level), all submitted. The small project: 2 analysts and a model
   of 12 factors. Written with ``bulk_create`` (the services are tested elsewhere).
3. Measures, on both projects: the merge of every own analysis into the team analysis (the
   real service, ``analysis_merge_all``), the validation (load and check), the Graphviz
   diagrams (every complex, uncached), the step-5 pages as the leader (first request, which
   draws the diagrams, and a second one, which finds them in the cache), the compile of the
   Probleem- en oorzakenanalyse, and (unless ``--no-render``) its PDF render. Wall clock, CPU
   time and SQL queries. A page or compile whose number of queries differs between the small
   and the large project is marked ``<- NOT constant``; the targets (the team page <= 300 ms,
   the validation <= 100 ms at the large size) are marked ``<- over target``; either makes the
   script exit with 1.
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
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenleving.settings.test")
_TMP = None
if not os.environ.get("DATABASE_URL"):
    _TMP = Path(tempfile.mkdtemp(prefix="bench-causal-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'bench.sqlite3'}"
    USE_TEST_DATABASE = False
else:
    USE_TEST_DATABASE = True

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from documents.builders import builder_for  # noqa: E402
from documents.diagrams import render_svg  # noqa: E402
from documents.rendering import render  # noqa: E402
from documents.services.documents import document_ensure  # noqa: E402
from processteps.causes.models import (  # noqa: E402
    AnalysisKind,
    AnalysisStatus,
    CausalAnalysis,
    CausalComplex,
    CausalFactor,
    CausalLink,
    Evidence,
    FactorKind,
)
from processteps.causes.selectors import (  # noqa: E402
    AnalysisData,
    analysis_problems,
    complex_diagrams,
    team_analysis,
)
from processteps.causes.services.merge import analysis_merge_all  # noqa: E402
from processteps.consultation.models import (  # noqa: E402
    Fragment,
    Interview,
    InterviewReport,
    KeyFigure,
    QuoteConsent,
    ReportStatus,
)
from processteps.models import Membership, Role  # noqa: E402
from processteps.services.projects import project_create  # noqa: E402

PAGE_TARGET = 0.300
VALIDATION_TARGET = 0.100
WORDS = [
    "woningen",
    "wachtlijst",
    "opvang",
    "werk",
    "taal",
    "buurt",
    "vertrouwen",
    "procedure",
    "regels",
    "diploma",
    "school",
    "gezin",
    "zorg",
    "geld",
    "tijd",
    "contact",
    "media",
    "debat",
    "gemeente",
    "vrijwilligers",
    "kosten",
    "ruimte",
    "onzekerheid",
]


def phrase(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()


# -- building ----------------------------------------------------------------------------------


def make_project(name: str):
    User = get_user_model()
    leader = User.objects.create(username=f"{name}-leider", first_name="Lotte", last_name="Leider")
    project = project_create(
        actor=leader,
        name=f"Bench {name}",
        issue="Hoe pakken we het migratievraagstuk aan?",
        client_organisation="Coöperatie Samenwereld",
        start_date=datetime.date(2024, 1, 1),
    )
    return project, leader


def make_fragments(project, leader, count: int) -> list:
    consents = [QuoteConsent.BY_NAME, QuoteConsent.ANONYMOUS, QuoteConsent.NONE]
    fragments = []
    for n in range(count):
        figure = KeyFigure.objects.create(
            project=project, name=f"Sleutelfiguur {n}", organisation_type="Gemeente"
        )
        interview = Interview.objects.create(
            project=project, key_figure=figure, quote_consent=consents[n % 3]
        )
        report = InterviewReport.objects.create(
            interview=interview, author=leader, status=ReportStatus.ACCEPTED
        )
        fragments.append(
            Fragment.objects.create(
                project=project, report=report, text=f"Citaat {n}: dit is wat ik zie in de wijk."
            )
        )
    return fragments


def canonical_model(rng, *, factors: int, complexes: int, links: int):
    """(statement, kind, complex index) per factor and (source, target) index pairs: every
    symptom with a cause below it, links from a lower layer up or within the causes (from a
    later cause to an earlier one, so no cycle)."""
    kinds = (
        [FactorKind.SYMPTOM] * (factors // 5)
        + [FactorKind.CAUSE] * (factors // 2)
        + [FactorKind.ROOT_CAUSE] * (factors - factors // 5 - factors // 2)
    )
    spec = [(f"{phrase(rng)} {n}", kind, n % complexes) for n, kind in enumerate(kinds)]
    by = {}
    for n, (_s, kind, c) in enumerate(spec):
        by.setdefault((kind, c), []).append(n)
    pairs = set()
    for n, (_s, kind, c) in enumerate(spec):
        if kind == FactorKind.SYMPTOM:
            pairs.add((rng.choice(by[(FactorKind.CAUSE, c)]), n))
        elif kind == FactorKind.ROOT_CAUSE:
            pairs.add((n, rng.choice(by[(FactorKind.CAUSE, c)])))
    while len(pairs) < links:
        c = rng.randrange(complexes)
        roll = rng.random()
        if roll < 0.4:
            a, b = rng.choice(by[(FactorKind.CAUSE, c)]), rng.choice(by[(FactorKind.SYMPTOM, c)])
        elif roll < 0.75:
            a, b = rng.choice(by[(FactorKind.ROOT_CAUSE, c)]), rng.choice(by[(FactorKind.CAUSE, c)])
        else:
            a, b = sorted(rng.sample(by[(FactorKind.CAUSE, c)], 2), reverse=True)
        pairs.add((a, b))
    return spec, sorted(pairs)


def build(project, leader, *, analysts: int, factors: int, complexes: int, links: int, seed: int):
    rng = random.Random(seed)
    fragments = make_fragments(project, leader, 30 if factors > 50 else 6)
    spec, pairs = canonical_model(rng, factors=factors, complexes=complexes, links=links)
    User = get_user_model()
    for a in range(analysts):
        user = User.objects.create(username=f"{project.pk}-analist-{a}", first_name=f"Analist {a}")
        Membership.objects.create(project=project, user=user, role=Role.MEMBER)
        analysis = CausalAnalysis.objects.create(
            project=project, kind=AnalysisKind.INDIVIDUAL, owner=user,
            status=AnalysisStatus.SUBMITTED,
        )  # fmt: skip
        clusters = CausalComplex.objects.bulk_create(
            CausalComplex(analysis=analysis, name=f"Complex {c + 1}", position=c)
            for c in range(complexes)
        )
        chosen = sorted(rng.sample(range(len(spec)), max(2, int(len(spec) * 0.6))))
        made = dict(
            zip(
                chosen,
                CausalFactor.objects.bulk_create(
                    CausalFactor(
                        analysis=analysis,
                        statement=spec[n][0],
                        kind=spec[n][1],
                        complex=clusters[spec[n][2]],
                        position=i,
                        created_by=user,
                    )
                    for i, n in enumerate(chosen)
                ),  # fmt: skip
                strict=True,
            )
        )
        CausalLink.objects.bulk_create(
            CausalLink(analysis=analysis, source=made[s], target=made[t], created_by=user)
            for s, t in pairs
            if s in made and t in made
        )
        Evidence.objects.bulk_create(
            Evidence(factor=factor, fragment=rng.choice(fragments), added_by=user)
            for factor in made.values()
            if factor.kind == FactorKind.ROOT_CAUSE
        )


# -- measuring ---------------------------------------------------------------------------------


def timed(function):
    gc.collect()
    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        result = function()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return result, wall, cpu, len(queries)


def merge_all(project, leader):
    def run():
        analyses = CausalAnalysis.objects.filter(project=project, kind=AnalysisKind.INDIVIDUAL)
        for analysis in analyses.order_by("pk"):
            analysis_merge_all(actor=leader, analysis=analysis)

    return run


def validate(project):
    def run():
        return analysis_problems(AnalysisData(team_analysis(project)))

    return run


def draw_all(project):
    def run():
        data = AnalysisData(team_analysis(project))
        return [
            render_svg(diagram, links=True, element_id=f"c{n}")
            for n, (_c, _f, diagram) in enumerate(complex_diagrams(data, links_on=True))
        ]

    return run


def get_page(browser, url):
    def run():
        response = browser.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(response.content)

    return run


def compile_document(project):
    def run():
        builder = builder_for(document_ensure(project.steps.get(key="causal_complexes")))
        return builder.build_html(builder.sections(), version_label="Versie 1")

    return run


def pages(project) -> list[tuple[str, str]]:
    p = {"project": project.pk}
    step = project.steps.get(key="causal_complexes").number
    return [
        ("team analysis", reverse("causes:overview", kwargs=p)),
        ("step-5 page", reverse("processteps:step", kwargs={**p, "number": step})),
        ("merge page", reverse("causes:merge", kwargs=p)),
        ("compare page", reverse("causes:compare", kwargs=p)),
        ("problems page", reverse("causes:problems", kwargs=p)),
    ]


def maxrss_mib() -> float:
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def row(label, small, large, note=""):
    (_r0, w0, c0, q0), (_r1, w1, c1, q1) = small, large
    print(f"{label:34}{w0:8.3f}s {c0:6.3f}s {q0:5}    {w1:8.3f}s {c1:6.3f}s {q1:5}  {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the large project")
    parser.add_argument("--no-render", action="store_true", help="skip the PDF render")
    parser.add_argument("--keep", type=Path, help="write the compiled HTML (and PDF) here")
    args = parser.parse_args()
    scale = max(args.scale, 0.02)

    test_db = None
    if USE_TEST_DATABASE:
        settings_dict = connection.settings_dict
        settings_dict.setdefault("TEST", {})["NAME"] = f"bench_causal_{settings_dict['NAME']}"
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    failures = 0
    try:
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        large, large_leader = make_project("groot")
        small, small_leader = make_project("klein")
        start = time.perf_counter()
        build(large, large_leader, analysts=8, factors=int(500 * scale),
              complexes=max(2, int(10 * scale)), links=int(1500 * scale), seed=2024)  # fmt: skip
        print(f"built the large project in {time.perf_counter() - start:.1f} s")
        build(small, small_leader, analysts=2, factors=12, complexes=2, links=14, seed=7)

        print(f"\n{'':34}{'small':^23}    {'large':^23}")
        print(f"{'':34}{'wall':>9} {'CPU':>7} {'SQL':>5}    {'wall':>9} {'CPU':>7} {'SQL':>5}")
        row("merge 8 (2) own analyses", timed(merge_all(small, small_leader)),
            timed(merge_all(large, large_leader)))  # fmt: skip
        team = team_analysis(large)
        print(
            f"{'':34}team analysis: {team.factors.count()} factors, {team.links.count()} links, "
            f"{team.complexes.count()} complexes"
        )
        small_v, large_v = timed(validate(small)), timed(validate(large))
        over = large_v[1] > VALIDATION_TARGET and scale >= 1
        failures += over
        row("validation (load + check)", small_v, large_v,
            f"{len(large_v[0])} problems" + ("  <- over target" if over else ""))  # fmt: skip
        data = AnalysisData(team)
        check = timed(lambda: analysis_problems(data))
        print(f"{'  of which the check':34}{'':23}    {check[1]:8.3f}s {check[2]:6.3f}s")
        cache.clear()
        row("Graphviz, every complex", timed(draw_all(small)), timed(draw_all(large)))

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        browsers = {}
        for project, leader in ((small, small_leader), (large, large_leader)):
            browser = Client()
            browser.force_login(leader)
            browsers[project.pk] = browser
            get_page(browser, reverse("home"))()  # warm-up: templates, translations
        cache.clear()
        for (label, small_url), (_l, large_url) in zip(pages(small), pages(large), strict=True):
            for attempt in ("first", "again") if label == "team analysis" else ("again",):
                if attempt == "again":
                    get_page(browsers[small.pk], small_url)()
                    get_page(browsers[large.pk], large_url)()
                results = [timed(get_page(browsers[p.pk], u))
                           for p, u in ((small, small_url), (large, large_url))]  # fmt: skip
                notes = []
                if results[0][3] != results[1][3]:
                    notes.append("<- NOT constant")
                    failures += 1
                if (
                    label == "team analysis"
                    and attempt == "again"
                    and (results[1][1] > PAGE_TARGET and scale >= 1)
                ):
                    notes.append("<- over target")
                    failures += 1
                name = f"{label} ({'drawn' if attempt == 'first' else 'cached'})"
                row(name if label == "team analysis" else label, *results,
                    f"{results[1][0] / 1e3:.0f} kB " + " ".join(notes))  # fmt: skip
        small_c, large_c = timed(compile_document(small)), timed(compile_document(large))
        flag = "" if small_c[3] == large_c[3] else "  <- NOT constant"
        failures += small_c[3] != large_c[3]
        row("compile the analysis", small_c, large_c,
            f"{len(large_c[0]) / 1e6:.2f} MB HTML{flag}")  # fmt: skip
        html = large_c[0]
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / "probleem_oorzakenanalyse.html").write_text(html)
        if not args.no_render:
            gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            result = render(html)
            print(
                f"\nPDF render of the large analysis: {time.perf_counter() - start:.2f} s wall "
                f"({time.process_time() - cpu:.2f} s CPU), {result.pages} pages, "
                f"{len(result.data) / 1e6:.2f} MB"
            )
            if args.keep:
                (args.keep / "probleem_oorzakenanalyse.pdf").write_bytes(result.data)
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
