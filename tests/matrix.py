"""One permission-matrix runner for every app: every view × every role, data built once.

A matrix is a test class::

    class TestKeyFigureMatrix(PermissionMatrix):
        namespace = "consultation"                 # the URL namespace it covers…
        covers = staticmethod(lambda name: name.startswith("keyfigure_"))  # …or part of it
        expected = {
            #                            anonymous outsider client member leader admin
            ("keyfigure_list", "GET"):  (LOGIN,    404,     403,   200,   200,   200),
        }
        requests = {"keyfigure_list": Request()}

        @classmethod
        def build(cls, people):               # once per class, rolled back after it
            return SimpleNamespace(project=people.project, …)

Reading guide: ``LOGIN`` is a redirect to the login page with ``?next=``; 404 means the project
is not shown to that person at all; 403 means they see the project but their role may not do
this; 200/302 is success (a page, or a redirect after a change, never with an error message);
``REFUSED`` is a redirect with an error message (the service said no).

A view may be called in several ways (on a draft and on a published version, on an interview the
member conducts and on one they do not): name each ``"view:variant"`` in ``expected`` and
``requests``; the part before the colon is the URL name.

What every cell proves besides the status code:

- a GET, whoever asks, changes nothing: the row count of every table stays as it was;
- a refused request (login, 403, 404, ``REFUSED``) changes nothing: every row of every table
  stays as it was (a fingerprint of the whole database);
- a successful POST changes something (the fingerprint differs), unless the matrix names it
  in ``unchanged_successes`` (e.g. a form that only answers with a preview).

The data is built once per class inside a transaction that is rolled back after the class;
each cell runs in a savepoint of its own (pytest-django's ``db``), so cells never see each
other's changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.test import Client
from django.urls import get_resolver, reverse

LOGIN = "login"
REFUSED = "refused"
ROLES = ("anonymous", "outsider", "client", "member", "leader", "admin")

# Tables a request may touch without changing anything a user would call data.
IGNORED_TABLES = {"django_session"}


@dataclass
class Request:
    """How to call a view: its URL arguments and a valid payload (so success is a redirect).

    Both are functions of the world the class built; ``data`` is called anew for every cell
    (so uploaded files are fresh). ``query``: the query string of a GET (a dict, or a function
    of the world).
    """

    kwargs: Callable = field(default=lambda w: {"project": w.project.pk})
    data: Callable = field(default=lambda w: {})
    headers: dict = field(default_factory=dict)
    query: dict | Callable | None = None

    def query_of(self, world) -> dict:
        query = self.query(world) if callable(self.query) else self.query
        return query or {}


def no_project(_world) -> dict:
    return {}


# -- the database fingerprint ------------------------------------------------------------------


def _tables() -> list[str]:
    return sorted(set(connection.introspection.table_names()) - IGNORED_TABLES)


def row_counts() -> dict[str, int]:
    """The number of rows of every table, in one query."""
    quote_name = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT '{table}', COUNT(*) FROM {quote_name(table)}"  # noqa: S608 - table names
        for table in _tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def fingerprint() -> dict[str, str]:
    """A digest of every row of every table: any change to any row changes it."""
    quote_name = connection.ops.quote_name
    result = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = " UNION ALL ".join(
                f"SELECT '{table}', md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), ''))"  # noqa: S608, E501
                f" FROM {quote_name(table)} t"
                for table in _tables()
            )
            cursor.execute(sql)
            return dict(cursor.fetchall())
        for table in _tables():
            cursor.execute(f"SELECT * FROM {quote_name(table)}")  # noqa: S608 - table names
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = hashlib.md5("|".join(rows).encode()).hexdigest()  # noqa: S324
    return result


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(table for table in after if before.get(table) != after[table])


# -- people ------------------------------------------------------------------------------------


def make_people():
    """A project with someone in every role (``people.project``, ``people.users[role]``)."""
    from processteps.models import Role
    from tests.factories import AdminFactory, MembershipFactory, ProjectFactory, UserFactory

    leader = UserFactory(username="leider", first_name="Lotte", last_name="Leider")
    project = ProjectFactory(leader=leader, name="Leefbare wijk")
    member = MembershipFactory(
        project=project,
        role=Role.MEMBER,
        user=UserFactory(username="teamlid", first_name="Tim", last_name="Teamlid"),
    ).user
    client = MembershipFactory(
        project=project,
        role=Role.CLIENT,
        user=UserFactory(username="opdrachtgever", first_name="Olga", last_name="Opdracht"),
    ).user
    project.leader, project.member, project.client = leader, member, client
    users = {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(username="buitenstaander"),
        "client": client,
        "member": member,
        "leader": leader,
        "admin": AdminFactory(username="beheerder"),
    }
    return SimpleNamespace(project=project, users=users, **users)


def ensure_catalogue() -> None:
    """The method's steps (a transactional test elsewhere may have flushed them)."""
    from processteps.catalogue_loader import load_catalogue
    from processteps.models import MethodChecklistItem, MethodStep

    if not MethodStep.objects.exists():
        load_catalogue(MethodStep, MethodChecklistItem)


def browser_for(user) -> Client:
    browser = Client()
    if user.is_authenticated:
        browser.force_login(user)
    return browser


# -- the runner --------------------------------------------------------------------------------


def cells_of(cls) -> list:
    return [
        pytest.param(view, method, role, expected, id=f"{view}-{method}-{role}")
        for (view, method), row in cls.expected.items()
        for role, expected in zip(ROLES, row, strict=True)
    ]


def generate_cells(metafunc) -> None:
    """Parametrise ``test_cell`` of every matrix class with its cells (a pytest hook, called
    from tests/conftest.py)."""
    cls = metafunc.cls
    if cls is not None and issubclass(cls, PermissionMatrix) and "cell" in metafunc.fixturenames:
        cells = cells_of(cls)
        metafunc.parametrize("cell", [p.values for p in cells], ids=[p.id for p in cells])


@pytest.fixture(scope="class")
def matrix_world(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The class's world, built once in a transaction rolled back after the class (uploads in
    a directory of the class's own)."""
    from django.test import override_settings

    cls = request.cls
    media_root = str(tmp_path_factory.mktemp("matrix-media"))
    with built_once(django_db_blocker), override_settings(MEDIA_ROOT=media_root):
        ensure_catalogue()
        people = make_people()
        world = cls.build(people)
        world.people = people
        world.media_root = media_root
        if not hasattr(world, "project"):
            world.project = people.project
        yield world


def world_once(build, django_db_blocker, media_root: str):
    """A matrix's world outside the matrix class (for the other tests of its module, in a
    module-scoped fixture): ``build(project)`` on a project with someone in every role, inside
    :func:`built_once`; ``world.people`` are those people. A generator: ``yield from`` it."""
    from django.test import override_settings

    with built_once(django_db_blocker), override_settings(MEDIA_ROOT=media_root):
        ensure_catalogue()
        people = make_people()
        world = build(people.project)
        world.people = people
        world.media_root = media_root
        yield world


@contextmanager
def built_once(django_db_blocker):
    """For a class- or module-scoped fixture (request ``django_db_setup`` and
    ``django_db_blocker``): what it builds inside lives in a transaction that is rolled back
    when the scope ends. Each test runs in a savepoint of its own (pytest-django's ``db``), so
    data built once is never changed by a test for the next one."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


class PermissionMatrix:
    namespace: str = ""
    covers: Callable[[str], bool] | None = None
    # URL names outside the namespace (e.g. "home") that this matrix also checks.
    extra_names: frozenset = frozenset()
    expected: dict = {}
    requests: dict = {}
    # (view, method) pairs whose success may leave the data as it was.
    unchanged_successes: frozenset = frozenset()

    @classmethod
    def build(cls, people):
        return SimpleNamespace(project=people.project)

    @classmethod
    def check_response(cls, world, view: str, method: str, role: str, response, body: bytes):
        """What a matrix checks beyond the status (e.g. what a public page shows)."""

    @classmethod
    def url_name(cls, view: str) -> str:
        view = view.split(":")[0]  # "view:variant"
        return view if view in cls.extra_names or not cls.namespace else f"{cls.namespace}:{view}"

    @classmethod
    def names(cls) -> set[str]:
        patterns = get_resolver().namespace_dict[cls.namespace][1].url_patterns
        names = {p.name for p in _flatten(patterns) if p.name}
        if cls.covers is not None:
            names = {n for n in names if cls.covers(n)}
        return names | set(cls.extra_names)

    def test_the_matrix_covers_every_view_and_every_role(self):
        names = self.names()
        assert {view.split(":")[0] for view, _method in self.expected} == names
        assert {view for view, _method in self.expected} == set(self.requests)
        assert all(len(row) == len(ROLES) for row in self.expected.values())

    def test_cell(self, cell, matrix_world, db, settings):
        view, method, role, expected = cell
        world = matrix_world
        settings.MEDIA_ROOT = world.media_root
        spec = self.requests[view]
        url = reverse(self.url_name(view), kwargs=spec.kwargs(world))
        browser = browser_for(world.people.users[role])
        get = method == "GET"
        data = None if get else spec.data(world)
        query = spec.query_of(world) if get else {}

        before_counts = row_counts()
        before = fingerprint() if not get else None
        response = (
            browser.get(url, query, headers=spec.headers)
            if get
            else browser.post(url, data, headers=spec.headers)
        )
        if getattr(response, "streaming", False):
            # Consuming the content closes the response the way the test client expects
            # (closing it again would close the database connection of the savepoint).
            body = b"".join(response.streaming_content)
        else:
            body = response.content

        if get:
            after_counts = row_counts()
            assert after_counts == before_counts, (
                f"GET {url} as {role} changed rows in: "
                f"{changed_tables(before_counts, after_counts)}"
            )
        if expected == LOGIN:
            full = f"{url}?{urlencode(query, doseq=True)}" if query else url
            assert response.status_code == 302
            assert response["Location"] == f"/accounts/login/?next={quote(full)}"
        elif expected == REFUSED:
            assert response.status_code == 302
            assert _errors_of(response), "a refusal says why"
        else:
            assert response.status_code == expected, body[:500]
        if expected == 302:
            assert not response["Location"].startswith("/accounts/login/")
            errors = _errors_of(response)
            assert errors == [], f"a success must not report an error: {errors}"
        self.check_response(world, view, method, role, response, body)
        if not get:
            after = fingerprint()
            if expected in (LOGIN, REFUSED, 403, 404):
                assert after == before, (
                    f"a refused POST {url} as {role} changed: {changed_tables(before, after)}"
                )
            elif (view, method) not in self.unchanged_successes:
                assert after != before, f"POST {url} as {role} succeeded but changed nothing"


def _errors_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def _flatten(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _flatten(pattern.url_patterns)
        else:
            yield pattern
