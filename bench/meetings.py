"""Benchmark: the pages and documents of steps 6-8 for a project with many meetings.

    .venv/bin/python bench/meetings.py [--scale 1.0] [--render] [--keep DIR]

1. Makes a throwaway database: a temporary SQLite file, or, when ``DATABASE_URL`` is set, a
   database next to that one (``bench_meetings_<name>``, dropped afterwards). Migrations run
   first.
2. Builds a large project with ``bulk_create`` (the services are tested elsewhere; here only
   the size matters): a team analysis of step 5 with 30 causes, 40 meetings (20 expert
   meetings, 15 citizen dialogues as World Cafés with 3 rounds and 6 tables each, 5 political
   meetings), 400 participants with about 1,200 attendances, 8 fundamental questions answered
   in approved minutes, 20 intervention points, 3,000 harvest items (tagged to domains, causes
   and intervention points), 60 target images citing 900 of them, decided on, with justice
   tests, and a reasoned response for the rest. ``--scale 0.1`` makes everything a tenth as big.
3. Builds a small project too (4 meetings, 20 participants, 30 harvest items), to show that the
   number of SQL queries of a page or a compile does not grow with the data.
4. Requests the step pages of steps 6, 7 and 8 and the meetings' own pages as the project
   leader, and compiles the three process documents (the builder's sections and the print
   HTML: what ``version_create`` does). ``--render`` also renders the visienota to PDF.

Prints, per page and per document: the SQL queries (small and large) and the time of the large
one (wall clock and CPU); and the process's peak RSS. Exits non-zero when a count differs.
"""

import argparse
import datetime
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
    _TMP = Path(tempfile.mkdtemp(prefix="bench-meetings-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'bench.sqlite3'}"
    USE_TEST_DATABASE = False
else:
    USE_TEST_DATABASE = True

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from documents.builders import builder_for  # noqa: E402
from documents.services.documents import document_ensure  # noqa: E402
from processteps.causes.models import (  # noqa: E402
    AnalysisKind,
    CausalAnalysis,
    CausalFactor,
    FactorKind,
)
from processteps.consultation.models import Theme  # noqa: E402
from processteps.meetings.models import (  # noqa: E402
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CafeRound,
    CafeTable,
    Doability,
    FundamentalQuestion,
    HarvestDomain,
    HarvestItem,
    InterventionPoint,
    JusticeRow,
    JusticeTest,
    Meeting,
    MeetingFormat,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Participant,
    QuestionAnswer,
    TargetImage,
    TargetImageCitation,
    TargetImageDecision,
    TargetImageStatus,
)
from processteps.models import Domain, Horizon, Membership, PartyKind, Role  # noqa: E402
from processteps.services.projects import project_create  # noqa: E402

WORDS = [
    "buurt",
    "woning",
    "werk",
    "taal",
    "school",
    "gemeente",
    "opvang",
    "vrijwilligers",
    "ontmoeten",
    "kinderen",
    "gezin",
    "regels",
    "vertrouwen",
    "toekomst",
    "meedoen",
    "samen",
    "plek",
    "wachten",
    "hulp",
    "sport",
    "geld",
    "veilig",
    "groen",
]


def sentence(rng, low, high) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:] + "."


def build(name, *, meetings, participants, harvest, seed):
    """A project with the meetings of steps 6-8 of the given size, written with bulk_create."""
    rng = random.Random(seed)
    User = get_user_model()
    leader = User.objects.create(username=f"{name}-leider", first_name="Lotte", last_name="Leider")
    project = project_create(
        actor=leader,
        name=f"Bench {name}",
        issue="Hoe leven we samen?",
        client_organisation="Gemeente",
        start_date=datetime.date(2024, 1, 1),
    )
    member = User.objects.create(username=f"{name}-lid", first_name="Tim", last_name="Teamlid")
    Membership.objects.create(project=project, user=member, role=Role.MEMBER)
    analysis = CausalAnalysis.objects.create(project=project, kind=AnalysisKind.TEAM)
    causes = CausalFactor.objects.bulk_create(
        CausalFactor(
            analysis=analysis,
            statement=f"Oorzaak {i}: {sentence(rng, 3, 6)}"[:300],
            kind=FactorKind.CAUSE if i % 3 else FactorKind.ROOT_CAUSE,
            position=i,
        )
        for i in range(max(3, meetings * 3 // 4))
    )
    themes = Theme.objects.bulk_create(
        Theme(project=project, name=f"Thema {i}", position=i) for i in range(6)
    )
    now = timezone.now()
    start = now - datetime.timedelta(days=400)
    kinds = (
        [MeetingKind.EXPERT] * (meetings // 2)
        + [MeetingKind.DIALOGUE] * (meetings * 3 // 8)
        + [MeetingKind.POLITICAL] * max(1, meetings // 8)
    )
    formats = {
        MeetingKind.EXPERT: MeetingFormat.EXPERT_MEETING,
        MeetingKind.DIALOGUE: MeetingFormat.WORLD_CAFE,
        MeetingKind.POLITICAL: MeetingFormat.PUBLIC_MEETING,
    }
    meeting_objs = Meeting.objects.bulk_create(
        Meeting(
            project=project,
            kind=kind,
            format=formats[kind],
            title=f"{kind.label} {i}",
            theme=themes[i % len(themes)],
            starts_at=start + datetime.timedelta(days=i * 7),
            ends_at=start + datetime.timedelta(days=i * 7, hours=3),
            place="Wijkcentrum",
            chair=member if kind == MeetingKind.DIALOGUE else leader,
            status=MeetingStatus.HELD,
            walk_ins=rng.randint(0, 10) if kind == MeetingKind.DIALOGUE else 0,
            freedom="yes" if kind == MeetingKind.DIALOGUE else "",
            logistics_room=sentence(rng, 5, 10),
        )
        for i, kind in enumerate(kinds)
    )
    by_kind = {k: [m for m in meeting_objs if m.kind == k] for k in MeetingKind}
    questions = FundamentalQuestion.objects.bulk_create(
        FundamentalQuestion(project=project, text=f"Vraag {i}?", position=i) for i in range(8)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, title=f"Agendapunt {j}", duration_minutes=30, position=j)
        for m in meeting_objs
        for j in range(4)
    )
    AgendaItem.causes.through.objects.bulk_create(
        AgendaItem.causes.through(agendaitem_id=item.pk, causalfactor_id=rng.choice(causes).pk)
        for item in items
    )
    AgendaItem.questions.through.objects.bulk_create(
        AgendaItem.questions.through(agendaitem_id=item.pk, fundamentalquestion_id=q.pk)
        for item in items[1::4]
        for q in questions
        if item.meeting.kind == MeetingKind.EXPERT
    )
    Minutes.objects.bulk_create(
        Minutes(meeting=m, text=f"<p>{sentence(rng, 40, 80)}</p>", status=MinutesStatus.APPROVED,
                approved_by=m.chair, approved_at=now)
        for m in meeting_objs
    )  # fmt: skip
    QuestionAnswer.objects.bulk_create(
        QuestionAnswer(meeting=m, question=q, answer=sentence(rng, 10, 30))
        for m in by_kind[MeetingKind.EXPERT]
        for q in questions
    )
    people = Participant.objects.bulk_create(
        Participant(
            project=project,
            name=f"Deelnemer {i}",
            organisation=f"Organisatie {i % 50}",
            expertise="Expertise",
            group=rng.choice(PartyKind.values),
            email=f"deelnemer{i}@example.org",
            phone=f"06-{20000000 + i}",
            declared_interests="Belang" if i % 7 == 0 else "",
        )
        for i in range(participants)
    )
    attendances = []
    for meeting in meeting_objs:
        for person in rng.sample(people, min(len(people), 3 * participants // meetings)):
            attendances.append(
                Attendance(
                    meeting=meeting,
                    participant=person,
                    status=AttendanceStatus.PRESENT if rng.random() < 0.8 else "absent",
                )
            )
    Attendance.objects.bulk_create(attendances)
    points = InterventionPoint.objects.bulk_create(
        InterventionPoint(project=project, cause=causes[i % len(causes)], title=f"Punt {i}",
                          who_can_act="Gemeente", argument=sentence(rng, 10, 20), position=i)
        for i in range(max(2, meetings // 2))
    )  # fmt: skip
    InterventionPoint.supporting_meetings.through.objects.bulk_create(
        InterventionPoint.supporting_meetings.through(interventionpoint_id=p.pk, meeting_id=m.pk)
        for p in points
        for m in rng.sample(by_kind[MeetingKind.EXPERT], min(3, len(by_kind[MeetingKind.EXPERT])))
    )
    rounds, tables = {}, {}
    for meeting in by_kind[MeetingKind.DIALOGUE]:
        rounds[meeting.pk] = CafeRound.objects.bulk_create(
            CafeRound(meeting=meeting, number=n, question=f"Vraag {n}?", duration_minutes=30)
            for n in (1, 2, 3)
        )
        tables[meeting.pk] = CafeTable.objects.bulk_create(
            CafeTable(meeting=meeting, number=n, host_name=f"Gastheer {n}", participant_count=7)
            for n in range(1, 7)
        )
    dialogues = by_kind[MeetingKind.DIALOGUE]
    harvest_objs = []
    for i in range(harvest):
        meeting = dialogues[i % len(dialogues)]
        harvest_objs.append(
            HarvestItem(
                project=project,
                meeting=meeting,
                round=rng.choice(rounds[meeting.pk]),
                table=rng.choice(tables[meeting.pk]),
                text=sentence(rng, 8, 25),
                created_by=member,
            )
        )
    harvest_objs = HarvestItem.objects.bulk_create(harvest_objs)
    HarvestDomain.objects.bulk_create(
        HarvestDomain(item=item, domain=d)
        for item in harvest_objs
        for d in rng.sample(Domain.values, rng.randint(1, 2))
    )
    HarvestItem.causes.through.objects.bulk_create(
        HarvestItem.causes.through(harvestitem_id=item.pk, causalfactor_id=rng.choice(causes).pk)
        for item in harvest_objs
    )
    HarvestItem.intervention_points.through.objects.bulk_create(
        HarvestItem.intervention_points.through(
            harvestitem_id=item.pk, interventionpoint_id=rng.choice(points).pk
        )
        for item in harvest_objs[::3]
    )
    image_count = max(4, harvest // 50)
    images = TargetImage.objects.bulk_create(
        TargetImage(
            project=project,
            domain=Domain.values[i % len(Domain.values)],
            horizon=Horizon.values[i % 2],
            title=f"Streefbeeld {i}",
            text=sentence(rng, 10, 20),
            status=[TargetImageStatus.ADOPTED, TargetImageStatus.CHANGED,
                    TargetImageStatus.REJECTED][i % 3],
            position=i,
        )
        for i in range(image_count)
    )  # fmt: skip
    cited = harvest_objs[: harvest * 3 // 10]
    TargetImageCitation.objects.bulk_create(
        TargetImageCitation(target_image=images[i % len(images)], item=item)
        for i, item in enumerate(cited)
    )
    HarvestItem.objects.filter(pk__in=[i.pk for i in harvest_objs[len(cited) :]]).update(
        response="Valt buiten het vraagstuk", responded_by=leader, responded_at=now
    )
    political = by_kind[MeetingKind.POLITICAL][0]
    TargetImageDecision.objects.bulk_create(
        TargetImageDecision(
            target_image=image,
            meeting=political,
            outcome=image.status,
            political_argument=sentence(rng, 8, 16),
            title_before=image.title,
            text_before=image.text,
            title_after=image.title,
            text_after=image.text,
            review_date=datetime.date(2030, 1, 1),
            decided_by=leader,
        )
        for image in images
    )
    tests = JusticeTest.objects.bulk_create(
        JusticeTest(target_image=image, doability=Doability.PARTLY,
                    doability_explanation=sentence(rng, 8, 16),
                    justification=sentence(rng, 8, 16))
        for image in images
        if image.status != TargetImageStatus.REJECTED
    )  # fmt: skip
    JusticeRow.objects.bulk_create(
        JusticeRow(test=test, party=party, domain=Domain.HOUSING, burdens="Lasten",
                   benefits="Lusten")
        for test in tests
        for party in PartyKind.values[:3]
    )  # fmt: skip
    counts = {
        "meetings": len(meeting_objs),
        "participants": len(people),
        "attendances": len(attendances),
        "harvest": len(harvest_objs),
        "images": len(images),
    }
    return project, leader, counts


def pages(project) -> dict:
    p = project.pk
    dialogue = project.meetings.filter(kind=MeetingKind.DIALOGUE).order_by("id").first()
    return {
        "step 6": reverse("processteps:step", args=[p, 6]),
        "step 7": reverse("processteps:step", args=[p, 7]),
        "step 8": reverse("processteps:step", args=[p, 8]),
        "meetings": reverse("meetings:meetings", args=[p]),
        "a dialogue": reverse("meetings:meeting_detail", args=[p, dialogue.pk]),
        "its harvest": reverse("meetings:meeting_harvest", args=[p, dialogue.pk]),
        "all harvest": reverse("meetings:harvest", args=[p]),
        "responses": reverse("meetings:responses", args=[p]),
        "participants": reverse("meetings:participants", args=[p]),
        "participation": reverse("meetings:participation", args=[p]),
        "target images": reverse("meetings:target_images", args=[p]),
        "questions": reverse("meetings:questions", args=[p]),
        "intervention points": reverse("meetings:intervention_points", args=[p]),
    }


def measure_pages(project, leader) -> dict:
    browser = Client()
    browser.force_login(leader)
    results = {}
    for label, url in pages(project).items():
        browser.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            start, cpu = time.perf_counter(), time.process_time()
            response = browser.get(url)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert response.status_code == 200, (url, response.status_code)
        results[label] = (len(queries), seconds, cpu, len(response.content))
    return results


DOCUMENTS = (("expert_meetings", "interventiepunten"), ("citizen_dialogues", "concept-visie"),
             ("political_meeting", "visienota"))  # fmt: skip


def measure_documents(project) -> dict:
    results = {}
    for key, label in DOCUMENTS:
        document = document_ensure(project.steps.get(key=key))
        with CaptureQueriesContext(connection) as queries:
            start, cpu = time.perf_counter(), time.process_time()
            builder = builder_for(document)
            html = builder.build_html(builder.sections(), version_label="Versie 1")
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        results[label] = (len(queries), seconds, cpu, html)
    return results


def maxrss_mib() -> float:
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the large project")
    parser.add_argument("--render", action="store_true", help="also render the visienota")
    parser.add_argument("--keep", type=Path, help="write the documents' HTML (and PDF) here")
    args = parser.parse_args()
    scale = max(args.scale, 0.05)
    size = {
        "meetings": max(8, round(40 * scale)),
        "participants": max(20, round(400 * scale)),
        "harvest": max(30, round(3000 * scale)),
    }
    setup_test_environment()
    test_db = None
    if USE_TEST_DATABASE:
        settings = connection.settings_dict
        settings.setdefault("TEST", {})["NAME"] = f"bench_meetings_{settings['NAME']}"
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        start = time.perf_counter()
        large, large_leader, counts = build("groot", seed=2024, **size)
        built = time.perf_counter() - start
        small, small_leader, small_counts = build("klein", meetings=8, participants=20,
                                                  harvest=30, seed=7)  # fmt: skip
        print(
            "large project: "
            + ", ".join(f"{v} {k}" for k, v in counts.items())
            + f"; built in {built:.1f} s"
        )
        print("small project: " + ", ".join(f"{v} {k}" for k, v in small_counts.items()))
        constant = True
        print(f"\n{'page (as the leader)':<22}{'queries small':>14}{'large':>8}{'large: wall':>14}"
              f"{'CPU':>9}{'HTML':>10}")  # fmt: skip
        small_pages, large_pages = (
            measure_pages(small, small_leader),
            measure_pages(large, large_leader),
        )
        for label, (queries, seconds, cpu, size_bytes) in large_pages.items():
            same = small_pages[label][0] == queries
            constant &= same
            print(
                f"{label:<22}{small_pages[label][0]:>14}{queries:>8}{seconds * 1000:>11.0f} ms"
                f"{cpu * 1000:>6.0f} ms{size_bytes / 1024:>7.0f} kB"
                + ("" if same else "  <- NOT constant")
            )
        print(f"\n{'document (compile)':<22}{'queries small':>14}{'large':>8}{'large: wall':>14}"
              f"{'CPU':>9}{'HTML':>10}")  # fmt: skip
        small_docs, large_docs = measure_documents(small), measure_documents(large)
        for label, (queries, seconds, cpu, html) in large_docs.items():
            same = small_docs[label][0] == queries
            constant &= same
            print(
                f"{label:<22}{small_docs[label][0]:>14}{queries:>8}{seconds * 1000:>11.0f} ms"
                f"{cpu * 1000:>6.0f} ms{len(html) / 1024:>7.0f} kB"
                + ("" if same else "  <- NOT constant")
            )
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{label}.html").write_text(html)
        if args.render:
            from documents.rendering import render

            render(small_docs["visienota"][3])  # warm-up (fontconfig, hyphenation)
            start, cpu = time.perf_counter(), time.process_time()
            result = render(large_docs["visienota"][3])
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(
                f"\nrender visienota: {seconds:.1f} s wall ({cpu:.1f} s CPU), {result.pages} "
                f"pages, {result.pages / seconds:.1f} pages/s, PDF {len(result.data) / 1e6:.2f} MB"
            )
            if args.keep:
                (args.keep / "visienota.pdf").write_bytes(result.data)
        print(f"\npeak RSS of the process: {maxrss_mib():.0f} MiB")
        print("query counts constant: " + ("yes" if constant else "NO"))
        return 0 if constant else 1
    finally:
        if test_db is not None:
            connection.creation.destroy_test_db(test_db, verbosity=0)
        connection.close()
        if _TMP is not None:
            shutil.rmtree(_TMP, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
