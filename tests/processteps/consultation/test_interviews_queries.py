"""The consultation pages cost the same number of queries for a small and a large round."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from processteps.consultation.models import FragmentTheme, TranscriptPassage
from processteps.consultation.services import interviews as interview_services
from processteps.consultation.services import reports as report_services
from processteps.models import Role
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.matrix import built_once

from .test_interviews_support import (
    accepted_report_with_transcript,
    fragment,
    interview,
    key_figure,
    report,
    theme,
)

# every request renders its page: these count what rendering costs (not the page cache)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


def build(*, leader, member, name, large: bool):
    project = ProjectFactory(leader=leader, name=name)
    project.leader = leader
    project.member = MembershipFactory(project=project, user=member, role=Role.MEMBER).user
    team = [member]
    if large:
        team += [MembershipFactory(project=project, role=Role.MEMBER).user for _ in range(4)]
    count = 12 if large else 1
    due = datetime.date.today() - datetime.timedelta(days=1)
    for n in range(count):
        people = [team[n % len(team)], leader] if n % 2 else [team[n % len(team)]]
        planned = interview(
            project, key_figure(project, name=f"Persoon {n}"), interviewers=people, report_due=due
        )
        if n % 3 == 1:
            report(planned, status="submitted")
        elif n % 3 == 2:
            report(planned)
    for n in range(count):
        key_figure(project, name=f"Vrij {n}")  # claimable
    # Claimable by the member, with someone already interviewing them.
    interview(project, key_figure(project, name="Bij de leider"), interviewers=[leader])
    # One accepted report with a transcript and fragments under themes.
    accepted = accepted_report_with_transcript(
        project, key_figure(project, name="Anna"), interviewers=[member]
    )
    transcript = accepted.transcript
    if large:
        TranscriptPassage.objects.bulk_create(
            TranscriptPassage(
                transcript=transcript, index=10 + i, start=100.0 + i, end=101.0 + i,
                speaker=f"Spreker {i % 3}", text=f"Passage {i} over wonen en zorg.",
            )
            for i in range(150)
        )  # fmt: skip
    wonen = theme(project, "Wonen")
    themes = [wonen, theme(project, "Betaalbaar", parent=wonen)]
    if large:
        themes += [theme(project, f"Thema {i}") for i in range(5)]
    passages = list(transcript.passages.all())
    for i in range(30 if large else 1):
        fragment(
            accepted, f"Citaat {i}", *themes[i % len(themes) : i % len(themes) + 2],
            passage=passages[i % len(passages)] if i % 2 else None,
        )  # fmt: skip
    if large:
        other = report(
            interview(project, key_figure(project, name="Bert"), quote_consent="by_name"),
            status="accepted",
        )
        for i in range(10):
            fragment(other, f"Met naam {i}", wonen)
        for i in range(5):
            report_services.attachment_add(
                actor=member,
                report=accepted,
                title=f"Bijlage {i}",
                file=ContentFile(b"x", name=f"b{i}.txt"),
            )
    interview_services.briefing_publish(actor=leader, project=project, text="Briefing")
    return project, accepted


@pytest.fixture(scope="module")
def small_and_large(django_db_setup, django_db_blocker, tmp_path_factory):
    """Both rounds, built once for the module (every test here only reads them)."""
    media = str(tmp_path_factory.mktemp("media"))
    with built_once(django_db_blocker), override_settings(MEDIA_ROOT=media):
        leader = UserFactory(username="leider", first_name="Lotte")
        member = UserFactory(username="teamlid", first_name="Tim")
        small = build(leader=leader, member=member, name="Klein", large=False)
        large = build(leader=leader, member=member, name="Groot", large=True)
        assert FragmentTheme.objects.filter(theme__project=large[0]).count() > 40
        yield {"leader": leader, "member": member}, small, large


def count_queries(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def assert_same_count(client, user, url_small, url_large):
    client.force_login(user)
    client.get(url_small)  # warm up (session, content types)
    small_count, _ = count_queries(client, url_small)
    large_count, large_sql = count_queries(client, url_large)
    assert large_count == small_count, "\n".join(large_sql)
    return large_count


PAGES = {
    "interviews": lambda project, report: reverse("consultation:interviews", args=[project.pk]),
    "report": lambda project, report: reverse("consultation:report", args=[project.pk, report.pk]),
    "report-filtered": lambda project, report: reverse(
        "consultation:report", args=[project.pk, report.pk]
    ) + "?q=wonen",
    "fragments": lambda project, report: reverse("consultation:fragments", args=[project.pk]),
    "fragment_create": lambda project, report: reverse(
        "consultation:fragment_create", args=[project.pk, report.pk]
    ),
    "themes": lambda project, report: reverse("consultation:themes", args=[project.pk]),
    "invitation": lambda project, report: reverse("consultation:invitation", args=[project.pk]),
    "sent_mails": lambda project, report: reverse("consultation:sent_mails", args=[project.pk]),
    "briefing": lambda project, report: reverse("consultation:briefing", args=[project.pk]),
    "search": lambda project, report: reverse("consultation:search", args=[project.pk])
    + "?q=wonen",
}  # fmt: skip


LEADERS_PAGES = {"themes", "invitation", "sent_mails"}


@pytest.mark.parametrize(
    "page, role",
    [
        (page, role)
        for page in PAGES
        for role in ("leader", "member")
        if role == "leader" or page not in LEADERS_PAGES
    ],
)
def test_consultation_pages_do_not_grow_with_the_round(page, role, small_and_large, client):
    people, (small, small_report), (large, large_report) = small_and_large
    url_of = PAGES[page]
    assert_same_count(
        client, people[role], url_of(small, small_report), url_of(large, large_report)
    )


def test_the_large_pages_show_everything(small_and_large, client):
    people, _small, (large, accepted) = small_and_large
    client.force_login(people["leader"])
    page = client.get(reverse("consultation:interviews", args=[large.pk])).content.decode()
    assert page.count('<tr id="interview-') == 12 + 3
    report_page = client.get(
        reverse("consultation:report", args=[large.pk, accepted.pk])
    ).content.decode()
    assert report_page.count('class="border-bottom py-1" id="passage-') == 3 + 150
    assert report_page.count("<blockquote") == 30
    fragments = client.get(reverse("consultation:fragments", args=[large.pk])).content.decode()
    assert "Een sleutelfiguur (huurdersorganisatie)" in fragments  # anonymous by default
    assert fragments.count("Bert (Woonbond Noord)") == 10
