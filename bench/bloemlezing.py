"""Benchmark: compiling and rendering the Bloemlezing of a large consultation round.

    .venv/bin/python bench/bloemlezing.py [--scale 1.0] [--keep DIR]

1. Makes a throwaway database: a temporary SQLite file, or, when ``DATABASE_URL`` is set, a
   database next to that one (``bench_bloemlezing_<name>``, dropped afterwards). Migrations
   run first.
2. Builds a large consultation with ``bulk_create`` (the services are tested elsewhere; here
   only the size matters): 200 key figures over 5 functional and 15 subfunctional angles, 150
   interviews with accepted reports (a mix of quote consents: by name, anonymous, none), 1,500
   fragments under 12 themes (each with two sub-themes; a fifth of the fragments under two
   themes). ``--scale 0.1`` makes everything a tenth as big, for a quick run.
3. Builds a small consultation too (10 key figures, 8 interviews, 30 fragments, 3 themes), to
   show that the number of SQL queries of compiling does not grow with the harvest.
4. Compiles the Bloemlezing (the builder's sections and the print HTML: what
   ``version_create`` does) and renders it (``documents.rendering.render``: sealed fetcher,
   PDF/A-3a, tagged), after a warm-up render of the small one (fontconfig, hyphenation).

Prints the time to build the data, to compile and to render (wall clock, and CPU time of the
process: on a shared machine the second is the steadier figure), pages, pages per second, the SQL
queries of compiling (small and large), the Python allocation peak of compiling (tracemalloc)
and the process's peak RSS.
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
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenleving.settings.test")
_TMP = None
if not os.environ.get("DATABASE_URL"):
    _TMP = Path(tempfile.mkdtemp(prefix="bench-bloemlezing-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'bench.sqlite3'}"
    USE_TEST_DATABASE = False
else:
    USE_TEST_DATABASE = True

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from documents.builders import builder_for  # noqa: E402
from documents.rendering import render  # noqa: E402
from documents.services.documents import document_ensure  # noqa: E402
from processteps.consultation.models import (  # noqa: E402
    Angle,
    Dimension,
    Fragment,
    FragmentTheme,
    Interview,
    InterviewReport,
    KeyFigure,
    KeyFigureStatus,
    QuoteConsent,
    ReportStatus,
    Theme,
)
from processteps.models import Membership, Role  # noqa: E402
from processteps.services.projects import project_create  # noqa: E402

_FIRST = (
    "Anna Bram Carla Daan Eva Fatima Gert Hanna Ivo Jasmijn Karim Lieke Mohamed Noor Otto "
    "Priya Ruben Sanne Tarik Ursula Vera Wouter Yara Zeynep"
)
FIRST = _FIRST.split()
_LAST = (
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|Mulder|"
    "de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits"
)
LAST = _LAST.split("|")
ORG_TYPES = (
    "gemeente",
    "rijksoverheid",
    "uitvoeringsorganisatie",
    "maatschappelijke organisatie",
    "religieuze organisatie",
    "kennisinstelling",
    "school",
    "bedrijf",
    "brancheorganisatie",
    "burger",
)
ANGLES = (
    "Overheid",
    "Maatschappelijke organisaties",
    "Onderwijs en wetenschap",
    "Bedrijfsleven",
    "Burgers en ervaringsdeskundigen",
)
THEMES = (
    "Opvang en huisvesting",
    "Integratie en participatie",
    "Arbeid en economie",
    "Draagvlak en polarisatie",
    "Wet- en regelgeving",
    "Internationale samenwerking",
    "Onderwijs en taal",
    "Gezondheid en zorg",
    "Veiligheid",
    "Gezinshereniging",
    "Terugkeer",
    "Arbeidsmigratie",
)
_WORDS = (
    "de het een en van in op te met voor door over bij naar als dat die niet ook maar nog wel "
    "gemeente opvang woning wachtlijst statushouders nieuwkomers taal werk werkgever buurt "
    "vertrouwen procedure asiel vrijwilligers school kinderen gezin regels uitvoering Europa "
    "samenleving draagvlak gesprek onzekerheid toekomst meedoen erkenning diploma zorg"
)
WORDS = _WORDS.split()


QUOTE_MARK = '<figure class="fragment">'


def sentence(rng: random.Random, low: int, high: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:] + "."


def build(name: str, *, figures: int, interviews: int, fragments: int, themes: int, seed: int):
    """A project with a consultation round of the given size, written with bulk_create."""
    rng = random.Random(seed)
    User = get_user_model()
    leader = User.objects.create(username=f"{name}-leider", first_name="Lotte", last_name="Leider")
    project = project_create(
        actor=leader,
        name=f"Bench {name}",
        issue="Hoe pakken we het migratievraagstuk aan?",
        client_organisation="Coöperatie Samenwereld",
        start_date=datetime.date(2024, 1, 1),
    )
    members = [
        User.objects.create(username=f"{name}-lid{i}", first_name="Teamlid", last_name=str(i))
        for i in range(4)
    ]
    Membership.objects.bulk_create(
        Membership(project=project, user=u, role=Role.MEMBER) for u in members
    )
    interviewers = [leader, *members]

    angles = Angle.objects.bulk_create(
        Angle(project=project, name=a, position=i) for i, a in enumerate(ANGLES, 1)
    )
    subangles = Angle.objects.bulk_create(
        Angle(project=project, name=f"{a.name} {j}", parent=a, position=j)
        for a in angles
        for j in range(1, 4)
    )
    now = timezone.now()
    statuses = [KeyFigureStatus.DECLINED, KeyFigureStatus.AGREED, KeyFigureStatus.APPROACHED]
    key_figures = []
    for i in range(figures):
        angle = angles[i % len(angles)]
        sub = subangles[(i % len(angles)) * 3 + rng.randrange(3)]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        key_figures.append(
            KeyFigure(
                project=project,
                name=f"{first} {last} {i}",
                organisation=f"Organisatie {i}",
                organisation_type=rng.choice(ORG_TYPES),
                function="Adviseur",
                email=f"sleutelfiguur{i}@example.org",
                phone=f"06-{10000000 + i}",
                angle=angle,
                subangle=sub,
                is_usual_suspect=rng.random() < 0.6,
                proposed_by=leader,
                approved_by=leader,
                approved_at=now,
                status=(
                    KeyFigureStatus.INTERVIEWED if i < interviews else statuses[i % len(statuses)]
                ),
            )
        )
    key_figures = KeyFigure.objects.bulk_create(key_figures)
    consents = [QuoteConsent.BY_NAME] * 10 + [QuoteConsent.ANONYMOUS] * 7 + [QuoteConsent.NONE] * 3
    interview_objs = Interview.objects.bulk_create(
        Interview(
            project=project,
            key_figure=key_figures[i],
            scheduled_at=now,
            quote_consent=rng.choice(consents),
        )
        for i in range(interviews)
    )
    Through = Interview.interviewers.through
    Through.objects.bulk_create(
        Through(interview_id=interview.pk, user_id=interviewers[i % len(interviewers)].pk)
        for i, interview in enumerate(interview_objs)
    )
    reports = InterviewReport.objects.bulk_create(
        InterviewReport(
            interview=interview,
            author=leader,
            problem=sentence(rng, 20, 40),
            solutions=sentence(rng, 20, 40),
            status=ReportStatus.ACCEPTED,
            accepted_by=leader,
            accepted_at=now,
            processed_at=now,
        )
        for interview in interview_objs
    )
    main = Theme.objects.bulk_create(
        Theme(
            project=project,
            name=THEMES[i % len(THEMES)],
            position=i,
            description=sentence(rng, 8, 16),
        )
        for i in range(themes)
    )
    subs = Theme.objects.bulk_create(
        Theme(project=project, name=f"{t.name}: deelthema {j}", parent=t, position=j)
        for t in main
        for j in (1, 2)
    )
    all_themes = main + subs
    dimensions = list(Dimension.values)
    fragment_objs = Fragment.objects.bulk_create(
        Fragment(
            project=project,
            report=reports[i % len(reports)],
            source_field="problem",
            text=" ".join(sentence(rng, 8, 20) for _ in range(rng.randint(1, 3))),
            dimension=rng.choice(dimensions),
            created_by=leader,
        )
        for i in range(fragments)
    )
    positions: dict[int, int] = {}
    links = []
    for fragment in fragment_objs:
        chosen = rng.sample(all_themes, 2 if rng.random() < 0.2 else 1)
        for theme in chosen:
            positions[theme.pk] = positions.get(theme.pk, 0) + 1
            links.append(
                FragmentTheme(fragment=fragment, theme=theme, position=positions[theme.pk])
            )
    FragmentTheme.objects.bulk_create(links)
    return project


def compile_document(project):
    """What version_create does before it stores: the builder's sections and the print HTML."""
    document = document_ensure(project.steps.get(number=4))
    builder = builder_for(document)
    sections = builder.sections()
    return builder.build_html(sections, version_label="Versie 1")


def measured_compile(project):
    document = document_ensure(project.steps.get(number=4))
    gc.collect()
    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        builder = builder_for(document)
        sections = builder.sections()
        html = builder.build_html(sections, version_label="Versie 1")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return html, (seconds, cpu), len(queries)


def maxrss_mib() -> float:
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="size of the large consultation (default 1.0)"
    )
    parser.add_argument("--keep", type=Path, help="write the HTML and the PDF to this directory")
    args = parser.parse_args()

    scale = max(args.scale, 0.01)
    size = {
        "figures": max(10, round(200 * scale)),
        "interviews": max(8, round(150 * scale)),
        "fragments": max(30, round(1500 * scale)),
        "themes": 12,
    }
    test_db = None
    if USE_TEST_DATABASE:
        # A name of its own, so a test run on the same server is never clobbered.
        settings = connection.settings_dict
        settings.setdefault("TEST", {})["NAME"] = f"bench_bloemlezing_{settings['NAME']}"
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        vendor = f"{connection.vendor} ({connection.settings_dict['NAME']})"
        print(f"database: {vendor}")
        start = time.perf_counter()
        large = build("groot", seed=2024, **size)
        built = time.perf_counter() - start
        small = build("klein", figures=10, interviews=8, fragments=30, themes=3, seed=7)
        print(
            f"large consultation: {size['figures']} key figures, {size['interviews']} interviews, "
            f"{size['fragments']} fragments under {size['themes']} themes "
            f"(+{2 * size['themes']} sub-themes); built in {built:.2f} s"
        )

        # Warm-up (templates, fontconfig, hyphenation) with the small one; its queries count.
        small_html, _s, small_queries = measured_compile(small)
        small_pdf = render(small_html)
        html, (compile_seconds, compile_cpu), large_queries = measured_compile(large)

        gc.collect()
        tracemalloc.start()
        compile_document(large)
        compile_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()

        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        result = render(html)
        render_seconds, render_cpu = time.perf_counter() - start, time.process_time() - cpu
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / "bloemlezing.html").write_text(html)
            (args.keep / "bloemlezing.pdf").write_bytes(result.data)

        quotes = html.count(QUOTE_MARK)
        print(
            f"compile: {compile_seconds:7.3f} s wall ({compile_cpu:.3f} s CPU)  "
            f"{quotes} quotes, {len(html) / 1e6:.2f} MB HTML"
        )
        print(
            f"render:  {render_seconds:7.2f} s wall ({render_cpu:.2f} s CPU)  "
            f"{result.pages} pages  "
            f"{result.pages / render_seconds:5.1f} pages/s ({result.pages / render_cpu:.1f} per "
            f"CPU second)  PDF {len(result.data) / 1e6:.2f} MB"
        )
        print(
            f"SQL queries of compiling: small {small_queries} "
            f"({small_html.count(QUOTE_MARK)} quotes, {small_pdf.pages} pages), "
            f"large {large_queries} ({quotes} quotes)"
            + ("" if small_queries == large_queries else "  <- NOT constant")
        )
        print(
            f"memory: tracemalloc peak of compiling {compile_peak / 2**20:.1f} MiB, "
            f"peak RSS of the process {maxrss_mib():.0f} MiB"
        )
        return 0 if small_queries == large_queries else 1
    finally:
        if test_db is not None:
            connection.creation.destroy_test_db(test_db, verbosity=0)
        connection.close()
        if _TMP is not None:
            shutil.rmtree(_TMP, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
