"""Fixtures for the processteps tests: one project with a person in every role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from processteps.models import Role
from tests.factories import AdminFactory, MembershipFactory, ProjectFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of a test land in a directory of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def project(db):
    """A project with a leader, a team member and a client (``project.leader`` etc.)."""
    leader = UserFactory(username="leider", first_name="Lotte", last_name="Leider")
    project = ProjectFactory(leader=leader, name="Leefbare wijk")
    project.leader = leader
    project.member = MembershipFactory(
        project=project,
        role=Role.MEMBER,
        user=UserFactory(username="teamlid", first_name="Tim", last_name="Teamlid"),
    ).user
    project.client = MembershipFactory(
        project=project,
        role=Role.CLIENT,
        user=UserFactory(username="opdrachtgever", first_name="Olga", last_name="Opdracht"),
    ).user
    return project


@pytest.fixture
def leader(project):
    return project.leader


@pytest.fixture
def member(project):
    return project.member


@pytest.fixture
def client_user(project):
    return project.client


@pytest.fixture
def users(project):
    """Someone in every role towards ``project``."""
    return {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(username="buitenstaander"),
        "client": project.client,
        "member": project.member,
        "leader": project.leader,
        "admin": AdminFactory(username="beheerder"),
    }


@pytest.fixture
def client_as(users):
    """``client_as("member")`` (or a user): a test client logged in as that person."""

    def make(who) -> Client:
        user = users[who] if isinstance(who, str) else who
        browser = Client()
        if user.is_authenticated:
            browser.force_login(user)
        return browser

    return make
