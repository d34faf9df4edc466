"""Moving the consultation round into its own app loses nothing.

On a database with the demo project's consultation round, the migrations are run back to before
the move (``processteps 0004``: the models belong to ``processteps`` again) and forward to today.
Every row of the consultation tables is there at both ends, unchanged; the content types and the
audit trail follow the models to their app and back.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from processteps.catalogue_loader import load_catalogue
from processteps.consultation.demo import demo_consultation_load
from processteps.demo import demo_load
from processteps.models import MethodChecklistItem, MethodStep, Role

BEFORE_THE_MOVE = [("processteps", "0004_unique_top_names")]
MODELS = (
    "angle", "keyfigure", "interview", "interviewreport", "transcript", "transcriptpassage",
    "theme", "fragment", "fragmenttheme", "briefing", "sentmail", "invitationtemplate",
)  # fmt: skip


def table_rows() -> dict[str, list]:
    """Every row of every consultation table, in a stable order."""
    rows = {}
    with connection.cursor() as cursor:
        for model in MODELS + ("interview_interviewers",):
            table = f"processteps_{model}"
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
            rows[table] = cursor.fetchall()
    return rows


def migrate_to(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_the_move_to_the_consultation_app_keeps_every_row(settings, tmp_path):
    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    settings.DEMO_DATA_ALLOWED = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    project, _password = demo_load(password="demo-wachtwoord-123")
    leader = project.memberships.get(role=Role.LEADER).user
    members = [m.user for m in project.memberships.filter(role=Role.MEMBER)]
    assert demo_consultation_load(project=project, leader=leader, members=members)
    before = table_rows()
    assert len(before["processteps_keyfigure"]) >= 25
    assert len(before["processteps_fragment"]) >= 40

    try:
        executor = migrate_to(BEFORE_THE_MOVE)
        old = executor.loader.project_state(BEFORE_THE_MOVE).apps
        # The models are processteps' again and read the same rows.
        assert old.get_model("processteps", "KeyFigure").objects.count() == len(
            before["processteps_keyfigure"]
        )
        assert old.get_model("processteps", "Fragment").objects.filter(
            project_id=project.pk
        ).count() == len(before["processteps_fragment"])
        ContentType = old.get_model("contenttypes", "ContentType")
        assert not ContentType.objects.filter(app_label="consultation").exists()
        assert ContentType.objects.filter(app_label="processteps", model="keyfigure").exists()
        AuditEntry = old.get_model("processteps", "AuditEntry")
        assert not AuditEntry.objects.filter(target_type__startswith="consultation.").exists()
        assert AuditEntry.objects.filter(target_type="processteps.keyfigure").exists()
        assert table_rows() == before
    finally:
        call_command("migrate", verbosity=0)

    assert table_rows() == before
    from django.contrib.contenttypes.models import ContentType

    from processteps.consultation.models import Fragment, KeyFigure
    from processteps.models import AuditEntry, ProcessStep

    assert KeyFigure.objects.filter(project=project).count() == len(before["processteps_keyfigure"])
    fragment = Fragment.objects.filter(project=project).select_related("report__interview").first()
    assert fragment.report.interview.project_id == project.pk
    assert ContentType.objects.get_for_model(KeyFigure).app_label == "consultation"
    assert not ContentType.objects.filter(app_label="processteps", model="keyfigure").exists()
    assert AuditEntry.objects.filter(target_type="consultation.keyfigure").exists()
    assert not AuditEntry.objects.filter(target_type="processteps.keyfigure").exists()
    # The steps got their catalogue keys back on the way forward.
    assert list(
        ProcessStep.objects.filter(project=project).order_by("number").values_list("key", flat=True)
    )[:4] == ["start", "key_figures", "interviews", "harvest"]
