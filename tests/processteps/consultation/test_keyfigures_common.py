"""Shared helpers of the key-figure tests (test_keyfigures_*.py): angles, key figures, uploads.

The situations are built through the real services, as a team would build them.
"""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from processteps.consultation.models import Angle, KeyFigure
from processteps.consultation.services import keyfigures as services
from processteps.models import Project

DATA = Path(__file__).parent / "data" / "keyfigures"

# Functional angles and their subfunctional ones, as most tests use them.
ANGLES = {
    "Zorg": ["Huisartsen", "Thuiszorg"],
    "Onderwijs": ["Basisonderwijs"],
    "Wonen": [],
    "Veiligheid": [],
}


def leader_of(project: Project):
    """The project leader (the ``project`` fixture says so; a factory project's creator)."""
    return getattr(project, "leader", None) or project.created_by


def make_angles(project: Project, actor=None) -> dict[str, Angle]:
    """The angles of ``ANGLES`` in ``project``, by name ("Zorg", "Huisartsen", ...)."""
    actor = actor or leader_of(project)
    made = {}
    for name, subs in ANGLES.items():
        parent = services.angle_add(actor=actor, project=project, name=name)
        made[name] = parent
        for sub in subs:
            made[sub] = services.angle_add(actor=actor, project=project, name=sub, parent=parent)
    return made


def make_key_figure(
    project: Project, *, actor=None, approve=False, statuses=(), **fields
) -> KeyFigure:
    """A key figure proposed (and if asked approved, and moved along ``statuses``)."""
    leader = leader_of(project)
    actor = actor or leader
    fields.setdefault("name", "Jan Jansen")
    key_figure = services.key_figure_propose(actor=actor, project=project, **fields)
    if approve or statuses:
        key_figure = services.key_figure_approve(actor=leader, key_figure=key_figure)
    for status in statuses:
        key_figure = services.key_figure_set_status(
            actor=leader, key_figure=key_figure, status=status
        )
    return key_figure


def data_file(name: str, upload_name: str | None = None) -> SimpleUploadedFile:
    """A file of tests/processteps/consultation/data/keyfigures as an upload."""
    return SimpleUploadedFile(upload_name or name, (DATA / name).read_bytes())


def upload(name: str, content: bytes | str) -> SimpleUploadedFile:
    if isinstance(content, str):
        content = content.encode("utf-8")
    return SimpleUploadedFile(name, content)


def url(name: str, project: Project, **kwargs) -> str:
    return reverse(f"consultation:{name}", kwargs={"project": project.pk, **kwargs})


def kf_url(name: str, key_figure: KeyFigure) -> str:
    return url(name, key_figure.project, key_figure=key_figure.pk)


def test_the_helpers_build_the_angles_under_their_parents(project):
    angles = make_angles(project)
    assert angles["Huisartsen"].parent == angles["Zorg"]
    assert angles["Wonen"].parent is None
    assert project.angles.count() == 7
