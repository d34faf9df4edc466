"""The main pages cost the same number of queries for a small and for a large project."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from processteps.models import Role
from processteps.selectors import open_tasks_for
from tests.factories import (
    AuditEntryFactory,
    ChecklistItemFactory,
    DataSourceFactory,
    MembershipFactory,
    ProjectFactory,
    TaskFactory,
    TeamAgreementFactory,
    UserFactory,
)

# every request renders its page: these count what rendering costs (not the page cache)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


def build(*, leader, member, name, large: bool):
    """A project with one of everything; ``large`` adds many more of each."""
    project = ProjectFactory(leader=leader, name=name)
    MembershipFactory(project=project, user=member, role=Role.MEMBER)
    step_1 = project.steps.get(number=1)
    TaskFactory(project=project, step=step_1, assignee=member)
    TaskFactory(project=project, assignee=None)
    DataSourceFactory(step=step_1, added_by=member)
    TeamAgreementFactory(project=project)
    AuditEntryFactory(project=project, actor=leader)
    step_1.checklist_items.update(is_done=True, done_by=member, done_at=timezone.now())
    if large:
        extra_members = [
            MembershipFactory(project=project, role=Role.MEMBER).user for _ in range(5)
        ]
        people = [None, leader, member, *extra_members]
        for step in project.steps.all():
            ChecklistItemFactory.create_batch(20, step=step)
        for n in range(50):
            TaskFactory(
                project=project,
                step=step_1 if n % 2 else project.steps.get(number=1 + n % 11),
                assignee=people[n % len(people)],
            )
        for n in range(20):
            DataSourceFactory(step=step_1, added_by=people[1 + n % (len(people) - 1)])
        AuditEntryFactory.create_batch(30, project=project, actor=leader)
        TeamAgreementFactory.create_batch(5, project=project)
    return project


@pytest.fixture
def small_and_large(db):
    leader = UserFactory(username="leider")
    member = UserFactory(username="teamlid")
    small = build(leader=leader, member=member, name="Klein", large=False)
    large = build(leader=leader, member=member, name="Groot", large=True)
    return {"leader": leader, "member": member}, small, large


def count_queries(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def dashboard_url(project):
    return reverse("processteps:dashboard", args=[project.pk])


def step_url(project):
    return reverse("processteps:step", args=[project.pk, 1])


def assert_same_count(client, user, small, large, url_of):
    client.force_login(user)
    client.get(url_of(small))  # warm up (session, content types)
    small_count, _ = count_queries(client, url_of(small))
    large_count, large_sql = count_queries(client, url_of(large))
    assert large_count == small_count, "\n".join(large_sql)


@pytest.mark.parametrize("role", ["leader", "member"])
def test_dashboard_queries_do_not_grow_with_the_project(role, small_and_large, client):
    people, small, large = small_and_large
    assert_same_count(client, people[role], small, large, dashboard_url)


@pytest.mark.parametrize("role", ["leader", "member"])
def test_step_page_queries_do_not_grow_with_the_project(role, small_and_large, client):
    # Regression (BUG found by this suite, since fixed in step_context): the per-row
    # `has_perm` checks of tasks and sources fetched the project and the role again per row.
    people, small, large = small_and_large
    assert_same_count(client, people[role], small, large, step_url)


def test_large_project_pages_show_everything(small_and_large, client):
    people, _small, large = small_and_large
    client.force_login(people["leader"])
    page = client.get(step_url(large)).content.decode()
    assert page.count('<li id="check-') == 4 + 20  # the method's items and the extra ones
    # 21 sources, ten a page; the total is in the heading, the rest on the next pages.
    assert 'id="source-total">21<' in page
    assert page.count("<strong>Bron ") == 10
    url = step_url(large)
    sources = [
        client.get(url, {"bronnen": n}).content.decode().count("<strong>Bron ") for n in (1, 2, 3)
    ]
    assert sources == [10, 10, 1]
    # 29 tasks of step 1, twenty a page; a page link keeps the page of the other list.
    assert large.steps.get(number=1).tasks.count() == 29
    assert 'id="task-total">29<' in page
    assert page.count('">bewerken<span class="visually-hidden"> ') == 20
    second = client.get(url, {"bronnen": 2, "taken": 2}).content.decode()
    assert second.count('">bewerken<span class="visually-hidden"> ') == 9
    assert "?bronnen=2&amp;taken=1#tasks-heading" in second  # "Vorige" keeps the sources' page
    assert second.count("<strong>Bron ") == 10
    dashboard = client.get(dashboard_url(large)).content.decode()
    assert ">4/24<" in dashboard  # step 1: the method's 4 ticked, 20 extra open
    assert ">0/25<" in dashboard  # step 2: 5 + 20 open


@pytest.mark.parametrize("url", ["home", "processteps:my_tasks"])
def test_home_and_my_tasks_do_not_grow_with_projects_and_tasks(url, db, client):
    member = UserFactory(username="teamlid")
    client.force_login(member)
    for name in ("Eerste", "Tweede"):
        project = ProjectFactory(name=name)
        MembershipFactory(project=project, user=member, role=Role.MEMBER)
        TaskFactory(project=project, step=project.steps.get(number=2), assignee=member)
    client.get(reverse(url))
    before, _ = count_queries(client, reverse(url))

    for n in range(8):
        project = ProjectFactory(name=f"Project {n}")
        MembershipFactory(project=project, user=member, role=Role.MEMBER)
        for number in range(1, 6):
            TaskFactory(project=project, step=project.steps.get(number=number), assignee=member)
            TaskFactory(project=project, step=project.steps.get(number=number), assignee=None)
    after, sql = count_queries(client, reverse(url))

    assert after == before, "\n".join(sql)
    page = client.get(reverse(url)).content.decode()
    if url == "home":  # the next ten of 82, and a link to all of them
        assert page.count('<li class="list-group-item">') == 10
        assert f'href="{reverse("processteps:my_tasks")}">Alle 82 taken<' in page
    else:  # 82 open tasks, 50 a page: the count, the first 50 and the rest on page 2
        assert "82 openstaande taken" in page
        assert page.count('<li class="list-group-item">') == 50
        second = client.get(reverse(url), {"page": 2}).content.decode()
        assert second.count('<li class="list-group-item">') == 32


def test_the_step_page_reads_the_list_of_steps_once(project, client):
    # Regression (BUG found by this suite, since fixed): the step navigation deferred
    # project_id, which each link's get_absolute_url() needs: one extra query per step.
    client.force_login(project.leader)
    with CaptureQueriesContext(connection) as ctx:
        client.get(step_url(project))
    step_reads = [
        q["sql"] for q in ctx.captured_queries if 'FROM "processteps_processstep"' in q["sql"]
    ]
    assert len(step_reads) == 2, "\n".join(step_reads)  # the step itself and the navigation


def test_the_dashboard_shows_the_next_ten_tasks_and_links_to_all(small_and_large, client):
    people, _small, large = small_and_large
    client.force_login(people["leader"])
    mine = open_tasks_for(people["leader"], large)
    total = mine.count()
    assert total > 10
    dashboard = client.get(dashboard_url(large)).content.decode()
    first_ten = list(mine[:10])
    section = dashboard[
        dashboard.index('id="mytasks-heading"') : dashboard.index('id="agreements-heading"')
    ]
    assert section.count('<li class="list-group-item">') == 10
    assert all(task.title in section for task in first_ten)
    link = f"{reverse('processteps:my_tasks')}?project={large.pk}"
    assert f'href="{link}">Alle {total} taken<' in section
    # The full list of that project: all of them, and no other project's.
    full = client.get(link).content.decode()
    assert f"{total} openstaande taken" in full
    assert full.count('<li class="list-group-item">') == total
    assert "Klein ·" not in full


def test_the_home_page_shows_the_next_ten_tasks_of_all_projects_and_links_to_all(
    small_and_large, client
):
    people, _small, _large = small_and_large
    client.force_login(people["leader"])
    mine = open_tasks_for(people["leader"])
    total = mine.count()
    assert total > 10
    home = client.get(reverse("home")).content.decode()
    section = home[home.index('id="tasks-heading"') :]
    assert section.count('<li class="list-group-item">') == 10
    assert all(task.title in section for task in mine[:10])
    assert f'href="{reverse("processteps:my_tasks")}">Alle {total} taken<' in section
    # the same cost for a user with many tasks as for one with few
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    few_tasks = UserFactory(username="weinig")
    project = ProjectFactory(name="Eén taak")
    MembershipFactory(project=project, user=few_tasks, role=Role.MEMBER)
    TaskFactory(project=project, assignee=few_tasks)
    client.force_login(few_tasks)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_my_tasks_of_a_project_outside_mine_is_not_found(small_and_large, client):
    """``?project=`` names one of the user's projects, or the page is 404 (not a silent list of
    every project's tasks)."""
    people, small, large = small_and_large
    outsider = UserFactory(username="buitenstaander")
    client.force_login(outsider)
    url = reverse("processteps:my_tasks")
    assert client.get(url, {"project": large.pk}).status_code == 404
    assert client.get(url, {"project": "groot"}).status_code == 404
    assert client.get(url).status_code == 200
    client.force_login(people["member"])
    assert "Groot ·" in client.get(url).content.decode()  # all projects: the large one's too
    page = client.get(url, {"project": small.pk})
    assert page.status_code == 200 and "Groot ·" not in page.content.decode()
