"""The permission matrix of the key-figure register: every view × every role.

Reading guide as in test_permissions.py: ``LOGIN`` is a redirect to the login page with
``?next=``; 404 means the project is not shown to that person at all; 403 means they see the
project but their role may not do this; 200/302 is success (a page, or a redirect after a
change, never with an error message). Contact details are for the leader and the team: the
client gets 403 on every view here.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from processteps.consultation.models import Angle, KeyFigure, KeyFigureStatus
from processteps.models import Project
from tests.factories import ProjectFactory
from tests.matrix import LOGIN, PermissionMatrix, Request, browser_for, world_once

from .test_keyfigures_common import data_file, make_angles, make_key_figure

pytestmark = pytest.mark.django_db

# THE MATRIX: view and method -> what each role gets. Columns in the order of ROLES.
#                                       anonymous outsider client member leader admin
EXPECTED = {
    ("keyfigure_list", "GET"):            (LOGIN, 404, 403, 200, 200, 200),
    ("keyfigure_add", "GET"):             (LOGIN, 404, 403, 200, 200, 200),
    ("keyfigure_add", "POST"):            (LOGIN, 404, 403, 302, 302, 302),
    ("keyfigure_detail", "GET"):          (LOGIN, 404, 403, 200, 200, 200),
    ("keyfigure_edit", "GET"):            (LOGIN, 404, 403, 200, 200, 200),
    ("keyfigure_edit", "POST"):           (LOGIN, 404, 403, 302, 302, 302),
    ("keyfigure_approve", "POST"):        (LOGIN, 404, 403, 403, 302, 302),
    ("keyfigure_status", "POST"):         (LOGIN, 404, 403, 302, 302, 302),
    ("keyfigure_erase", "GET"):           (LOGIN, 404, 403, 403, 200, 200),
    ("keyfigure_erase", "POST"):          (LOGIN, 404, 403, 403, 302, 302),
    ("keyfigure_coverage", "GET"):        (LOGIN, 404, 403, 200, 200, 200),
    ("keyfigure_import", "GET"):          (LOGIN, 404, 403, 403, 200, 200),
    ("keyfigure_import", "POST"):         (LOGIN, 404, 403, 403, 302, 302),
    ("keyfigure_template", "GET"):        (LOGIN, 404, 403, 200, 200, 200),
    ("keyfigure_export_csv", "GET"):      (LOGIN, 404, 403, 200, 200, 200),
    ("keyfigure_export_xlsx", "GET"):     (LOGIN, 404, 403, 200, 200, 200),
    ("angle_list", "GET"):                (LOGIN, 404, 403, 200, 200, 200),
    ("angle_add", "POST"):                (LOGIN, 404, 403, 403, 302, 302),
    ("angle_remove", "POST"):             (LOGIN, 404, 403, 403, 302, 302),
}  # fmt: skip


@dataclass
class World:
    """What the URLs of the matrix point at, in the project of the ``users`` fixture."""

    project: Project
    angles: dict
    proposed: KeyFigure  # proposed by the team member, not yet approved
    approved: KeyFigure  # approved, status "proposed": may move on to "approached"
    unused_angle: Angle


def build_world(project) -> World:
    angles = make_angles(project)
    proposed = make_key_figure(
        project,
        actor=project.member,
        name="Petra Voorstel",
        email="petra@example.org",
        angle=angles["Zorg"],
    )
    approved = make_key_figure(
        project, name="Gerrit Goedgekeurd", approve=True, angle=angles["Wonen"]
    )
    unused = Angle.objects.create(project=project, name="Ongebruikt", position=99)
    return World(project, angles, proposed, approved, unused)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's world once more, built once for the tests after the matrix class (each runs
    in a savepoint of its own)."""
    yield from world_once(build_world, django_db_blocker, str(tmp_path_factory.mktemp("media")))


@pytest.fixture
def world(module_world, settings) -> World:
    settings.MEDIA_ROOT = module_world.media_root
    return module_world


@pytest.fixture
def client_as(world):
    """``client_as("member")``: a test client logged in as that person of the world."""
    return lambda who: browser_for(world.people.users[who])


def of(attr):
    return lambda w: {"project": w.project.pk, "key_figure": getattr(w, attr).pk}


def key_figure_payload(w):
    return {
        "name": "Nina Nieuw",
        "organisation": "Wijkcentrum",
        "organisation_type": "maatschappelijke organisatie",
        "function": "opbouwwerker",
        "address": "Dorpsstraat 1",
        "postcode": "1234 AB",
        "city": "Voorbeeld",
        "email": "nina@example.org",
        "phone": "06 12345678",
        "angle": w.angles["Zorg"].pk,
        "subangle": w.angles["Thuiszorg"].pk,
        "is_usual_suspect": "False",
        "proposal_reason": "Kent iedereen",
        "notes": "",
    }


REQUESTS = {
    "keyfigure_list": Request(),
    "keyfigure_add": Request(data=key_figure_payload),
    "keyfigure_detail": Request(of("proposed")),
    "keyfigure_edit": Request(of("proposed"), key_figure_payload),
    "keyfigure_approve": Request(of("proposed")),
    "keyfigure_status": Request(of("approved"), lambda w: {"status": "approached"}),
    "keyfigure_erase": Request(of("proposed")),
    "keyfigure_coverage": Request(),
    "keyfigure_import": Request(data=lambda w: {"file": data_file("good.csv")}),
    "keyfigure_template": Request(),
    "keyfigure_export_csv": Request(),
    "keyfigure_export_xlsx": Request(),
    "angle_list": Request(),
    "angle_add": Request(data=lambda w: {"name": "Economie", "parent": ""}),
    "angle_remove": Request(lambda w: {"project": w.project.pk, "angle": w.unused_angle.pk}),
}


class TestKeyFigureMatrix(PermissionMatrix):
    namespace = "consultation"
    covers = staticmethod(lambda name: name.startswith(("keyfigure_", "angle_")))
    expected = EXPECTED
    requests = REQUESTS

    @classmethod
    def build(cls, people):
        return build_world(people.project)


def test_a_refused_role_changes_nothing(world, client_as):
    """Client and team member try the leader's actions: nothing happens."""
    for role in ("client", "member"):
        browser = client_as(role)
        browser.post(reverse("consultation:keyfigure_approve", kwargs=of("proposed")(world)))
        browser.post(reverse("consultation:keyfigure_erase", kwargs=of("proposed")(world)))
        browser.post(
            reverse("consultation:angle_remove",
                    kwargs={"project": world.project.pk, "angle": world.unused_angle.pk}),
        )  # fmt: skip
        browser.post(
            reverse("consultation:keyfigure_import", kwargs={"project": world.project.pk}),
            {"file": data_file("good.csv")},
        )
    world.proposed.refresh_from_db()
    assert world.proposed.approved_at is None
    assert world.proposed.erased_at is None
    assert world.proposed.name == "Petra Voorstel"
    assert Angle.objects.filter(pk=world.unused_angle.pk).exists()
    assert world.project.key_figures.count() == 2


def test_the_client_status_change_is_refused(world, client_as):
    url = reverse("consultation:keyfigure_status", kwargs=of("approved")(world))
    assert client_as("client").post(url, {"status": "approached"}).status_code == 403
    world.approved.refresh_from_db()
    assert world.approved.status == KeyFigureStatus.PROPOSED


@pytest.mark.parametrize(
    "view, kwargs",
    [
        ("keyfigure_approve", of("proposed")),
        ("keyfigure_status", of("approved")),
        ("angle_add", lambda w: {"project": w.project.pk}),
        ("angle_remove", lambda w: {"project": w.project.pk, "angle": w.unused_angle.pk}),
    ],
)
def test_changes_are_never_made_by_a_get(view, kwargs, world, client_as):
    response = client_as("leader").get(reverse(f"consultation:{view}", kwargs=kwargs(world)))
    assert response.status_code == 405
    world.proposed.refresh_from_db()
    assert world.proposed.approved_at is None
    assert Angle.objects.filter(pk=world.unused_angle.pk).exists()


def test_a_get_of_the_erase_page_erases_nothing(world, client_as):
    response = client_as("leader").get(
        reverse("consultation:keyfigure_erase", kwargs=of("proposed")(world))
    )
    assert response.status_code == 200
    world.proposed.refresh_from_db()
    assert (world.proposed.erased_at, world.proposed.name) == (None, "Petra Voorstel")


# --- ids from another project ---------------------------------------------------------------


@pytest.fixture
def elsewhere(world):
    """A key figure and an angle in another project led by the same leader."""
    other = ProjectFactory(leader=world.project.leader, name="Andere wijk")
    angle = Angle.objects.create(project=other, name="Elders")
    key_figure = make_key_figure(other, name="Eline Elders")
    return other, key_figure, angle


@pytest.mark.parametrize(
    "view, method",
    [
        ("keyfigure_detail", "GET"),
        ("keyfigure_edit", "GET"),
        ("keyfigure_approve", "POST"),
        ("keyfigure_status", "POST"),
        ("keyfigure_erase", "GET"),
        ("keyfigure_erase", "POST"),
    ],
)
def test_a_key_figure_of_another_project_is_not_found(view, method, world, elsewhere, client_as):
    _other, key_figure, _angle = elsewhere
    url = reverse(
        f"consultation:{view}", kwargs={"project": world.project.pk, "key_figure": key_figure.pk}
    )
    browser = client_as("leader")
    response = browser.get(url) if method == "GET" else browser.post(url, {"status": "approached"})
    assert response.status_code == 404
    key_figure.refresh_from_db()
    assert (key_figure.name, key_figure.approved_at, key_figure.erased_at) == (
        "Eline Elders",
        None,
        None,
    )


def test_an_angle_of_another_project_is_not_found(world, elsewhere, client_as):
    _other, _kf, angle = elsewhere
    url = reverse(
        "consultation:angle_remove", kwargs={"project": world.project.pk, "angle": angle.pk}
    )
    assert client_as("leader").post(url, {"confirm": "1"}).status_code == 404
    assert Angle.objects.filter(pk=angle.pk).exists()


def test_an_angle_of_another_project_cannot_be_chosen(world, elsewhere, client_as):
    _other, _kf, angle = elsewhere
    payload = {"name": "Xander", "angle": angle.pk, "is_usual_suspect": "True"}
    response = client_as("member").post(
        reverse("consultation:keyfigure_add", kwargs={"project": world.project.pk}), payload
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not KeyFigure.objects.filter(name="Xander").exists()
