"""The page cache (processteps/pagecache.py): a page is rendered once per change of its project,
and what a user sees after a change is the change, for every way a change can come in."""

import re

import pytest
from celery import shared_task
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from processteps.models import Project
from tests.factories import (
    AdminFactory,
    TaskFactory,
    TeamAgreementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def client_for(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def dashboard(project) -> str:
    return reverse("processteps:dashboard", kwargs={"project": project.pk})


def revision(project) -> int:
    return Project.objects.values_list("revision", flat=True).get(pk=project.pk)


def test_a_second_view_of_a_page_is_served_from_the_cache(project):
    leader = project.leader
    client = client_for(leader)
    first = client.get(dashboard(project))
    with CaptureQueriesContext(connection) as queries:
        second = client.get(dashboard(project))
    assert second.status_code == 200
    # the session, the user and the project's revision; nothing of the page itself
    assert len(queries) == 3, [q["sql"] for q in queries.captured_queries]
    assert _without_tokens(second) == _without_tokens(first)


def test_a_change_through_the_app_shows_at_once(project):
    leader, member = project.leader, project.member
    leader_client, member_client = client_for(leader), client_for(member)
    assert "Om tien uur beginnen" not in member_client.get(dashboard(project)).content.decode()
    before = revision(project)
    response = leader_client.post(
        reverse("processteps:agreement_add", kwargs={"project": project.pk}),
        {"text": "Om tien uur beginnen"},
    )
    assert response.status_code == 302
    assert revision(project) == before + 1
    # the member's copy was made before the change: it is not served again
    assert "Om tien uur beginnen" in member_client.get(dashboard(project)).content.decode()


def test_a_refused_post_leaves_the_revision_and_the_cache_alone(project):
    member = project.member
    before = revision(project)
    response = client_for(member).post(
        reverse("processteps:agreement_add", kwargs={"project": project.pk}), {"text": "Nee"}
    )
    assert response.status_code == 403
    assert revision(project) == before
    assert Client().post(dashboard(project)).status_code == 302  # to the login page
    assert revision(project) == before


def test_each_user_gets_their_own_page(project):
    leader, member = project.leader, project.member
    TaskFactory(project=project, title="Taak van de leider", assignee=leader)
    TaskFactory(project=project, title="Taak van het teamlid", assignee=member)
    leader_page = client_for(leader).get(dashboard(project)).content.decode()
    member_page = client_for(member).get(dashboard(project)).content.decode()
    assert "Taak van de leider" in leader_page and "Taak van het teamlid" not in leader_page
    assert "Taak van het teamlid" in member_page and "Taak van de leider" not in member_page


def test_a_role_that_may_not_see_a_page_gets_403_though_another_role_has_it_cached(project):
    fragments = reverse("consultation:fragments", kwargs={"project": project.pk})
    assert client_for(project.leader).get(fragments).status_code == 200
    assert client_for(project.client).get(fragments).status_code == 403
    assert Client().get(fragments).status_code == 302  # to the login page
    outsider = client_for(UserFactory(username="buitenstaander"))
    assert outsider.get(fragments).status_code == 404


def test_a_user_who_lost_access_gets_404_not_the_cached_page(project):
    leader, member = project.leader, project.member
    member_client = client_for(member)
    assert member_client.get(dashboard(project)).status_code == 200
    membership = project.memberships.get(user=member)
    response = client_for(leader).post(
        reverse(
            "processteps:member_remove",
            kwargs={"project": project.pk, "membership": membership.pk},
        )
    )
    assert response.status_code == 302
    assert member_client.get(dashboard(project)).status_code == 404


def test_a_cached_page_carries_a_csrf_token_that_works_for_the_request(project):
    leader = project.leader
    other = client_for(leader, enforce_csrf_checks=True)
    client_for(leader, enforce_csrf_checks=True).get(dashboard(project))  # someone else's copy
    page = other.get(dashboard(project))
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', page.text))
    assert tokens, "the dashboard has forms"
    response = other.post(
        reverse("processteps:agreement_add", kwargs={"project": project.pk}),
        {"text": "Met het token van de pagina", "csrfmiddlewaretoken": tokens.pop()},
    )
    assert response.status_code == 302
    assert project.agreements.filter(text="Met het token van de pagina").exists()


def test_the_message_after_a_redirect_is_shown_once_and_not_cached(project):
    leader = project.leader
    client = client_for(leader)
    client.get(dashboard(project))
    response = client.post(
        reverse("processteps:agreement_add", kwargs={"project": project.pk}),
        {"text": "Koffie erbij"},
        follow=True,
    )
    assert "De afspraak is toegevoegd." in response.content.decode()
    again = client.get(dashboard(project)).content.decode()
    assert "Koffie erbij" in again and "De afspraak is toegevoegd." not in again


def test_the_language_the_user_chose_is_its_own_copy(project):
    leader = project.leader
    client = client_for(leader)
    assert 'lang="nl"' in client.get(dashboard(project)).content.decode()
    client.cookies["django_language"] = "en"
    assert 'lang="en"' in client.get(dashboard(project)).content.decode()


def test_the_admin_site_changing_anything_renders_every_project_afresh(project):
    member = project.member
    agreement = TeamAgreementFactory(project=project, text="Oude afspraak")
    member_client = client_for(member)
    assert "Oude afspraak" in member_client.get(dashboard(project)).content.decode()
    admin = client_for(AdminFactory())
    url = reverse("admin:processteps_teamagreement_change", args=[agreement.pk])
    form = admin.get(url)
    assert form.status_code == 200
    response = admin.post(url, {"project": project.pk, "text": "Nieuwe afspraak", "position": 0})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Nieuwe afspraak" in member_client.get(dashboard(project)).content.decode()


@shared_task
def _rename_project(project_id: int, name: str) -> None:
    Project.objects.filter(pk=project_id).update(name=name)


@shared_task
def _read_project(project_id: int) -> str:
    return Project.objects.get(pk=project_id).name


def test_a_celery_task_that_wrote_renders_the_projects_afresh(project):
    leader = project.leader
    client = client_for(leader)
    assert "Leefbare wijk" in client.get(dashboard(project)).content.decode()
    before = revision(project)
    _read_project.delay(project.pk)  # reads only: the copies stay good
    assert revision(project) == before
    _rename_project.delay(project.pk, "Wijkkracht")  # a task writes outside any request
    assert revision(project) > before
    assert "Wijkkracht" in client.get(dashboard(project)).content.decode()


def test_the_heavy_pages_and_the_public_page_are_cached():
    from documents.views.public import public_project
    from processteps.consultation.views import fragments, interviews, keyfigures
    from processteps.views.projects import dashboard as dashboard_view
    from processteps.views.steps import step_detail

    for view in (
        dashboard_view,
        step_detail,
        keyfigures.keyfigure_list,
        interviews.interviews,
        fragments.fragments,
        public_project,
    ):
        assert getattr(view, "page_cached", False) or getattr(
            getattr(view, "__wrapped__", None), "page_cached", False
        ), view


# Every URL without a project argument, and why a write there does not need to render any
# project's pages afresh. A new one must be added here with its reason (or take the project).
NOT_OF_A_PROJECT = {
    "home": "reads only",
    "login": "signs in: no project's data changes",
    "logout": "signs out",
    "password_change": "the user's password is on no page",
    "password_change_done": "reads only",
    "password_reset": "sends a mail",
    "password_reset_done": "reads only",
    "password_reset_confirm": "the user's password is on no page",
    "password_reset_complete": "reads only",
    "set_language": "the language is part of every cached page's key",
    "project_create": "a new project: no page of it is cached yet",
    "my_tasks": "reads only",
    "public_project": "reads only",
    "public_document": "reads only",
    "public_pdf": "reads only",
    "calendar_feed": "reads only",
}


def _names(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.name


def test_every_url_outside_a_project_is_known_not_to_change_a_project():
    outside = {
        name
        for route, name in _names(get_resolver())
        if "<project>" not in route
        and "<int:project>" not in route
        and not route.startswith("admin/")
    }
    assert outside == set(NOT_OF_A_PROJECT)


def _without_tokens(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())


def test_a_page_from_the_cache_keeps_the_views_headers(project):
    leader = project.leader
    client = client_for(leader)
    first = client.get(dashboard(project))
    second = client.get(dashboard(project))
    assert second["Content-Type"] == first["Content-Type"] == "text/html; charset=utf-8"
    assert second["Content-Language"] == "nl"


def test_a_page_is_rendered_afresh_every_hour(project, monkeypatch):
    """What a page says of the time (a task overdue, the next meeting) holds for the hour."""
    import datetime

    from django.utils import timezone

    from processteps import pagecache

    leader = project.leader
    client = client_for(leader)
    client.get(dashboard(project))
    later = timezone.localtime() + datetime.timedelta(hours=1)
    monkeypatch.setattr(pagecache.timezone, "localtime", lambda *a: later)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(dashboard(project)).status_code == 200
    assert len(queries) > 3  # rendered: the dashboard's own queries ran
