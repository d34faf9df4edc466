"""The reads and rules the consultation views call, tested directly: the register's counts, the
coverage of the angles with its gap rule, the "angle in use" rule (and the service that keeps
to it), the fragment counts per theme and the anchors of the fragments page."""

import pytest
from django.core.exceptions import ValidationError

from processteps.consultation.models import Angle, KeyFigure
from processteps.consultation.selectors import (
    NO_THEME,
    accepted_reports,
    fragments_page,
    theme_tree_with_counts,
)
from processteps.consultation.selectors.keyfigures import (
    angle_tree,
    angle_use,
    angles_with_counts,
    coverage,
    coverage_gaps,
    coverage_summary,
    register_counts,
)
from processteps.consultation.services import keyfigures as services

from .test_interviews_support import accepted_report_with_transcript, fragment, theme
from .test_keyfigures_common import make_angles, make_key_figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(project):
    angles = make_angles(project)
    make_key_figure(
        project, name="Anna", angle=angles["Zorg"], subangle=angles["Huisartsen"],
        is_usual_suspect=False, statuses=("approached", "agreed"),
    )  # fmt: skip
    make_key_figure(project, name="Bert", angle=angles["Zorg"], is_usual_suspect=True)
    make_key_figure(project, name="Cor", angle=angles["Wonen"], is_usual_suspect=True)
    erased = make_key_figure(project, name="Dirk", angle=angles["Wonen"], approve=True)
    services.key_figure_erase(actor=project.leader, key_figure=erased)
    make_key_figure(project, name="Els", is_usual_suspect=False, approve=True)  # no angle
    return angles


def test_register_counts(project, register, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = register_counts(project)
    assert {k: counts[k] for k in ("total", "active", "pending", "usual", "unusual", "erased")} == {
        "total": 5, "active": 4, "pending": 2, "usual": 2, "unusual": 2, "erased": 1,
    }  # fmt: skip
    statuses = {s["value"]: s["count"] for s in counts["statuses"]}
    assert statuses["agreed"] == 1
    assert sum(statuses.values()) == counts["active"]


def test_coverage_counts_per_angle_and_subangle(project, register):
    rows = {(r["angle"].name if r["angle"] else None, r["level"]): r for r in coverage(project)}
    assert (rows[("Zorg", 1)]["proposed"], rows[("Zorg", 1)]["agreed"]) == (2, 1)
    assert rows[("Huisartsen", 2)]["unusual"] == 1
    assert rows[("Wonen", 1)]["proposed"] == 1, "an erased key figure is not counted"
    assert rows[(None, 1)]["proposed"] == 1


def test_the_gap_rule():
    angle = Angle(name="Zorg")
    assert coverage_gaps({"angle": angle, "agreed": 0, "unusual": 0}) == [
        "geen toezeggingen",
        "geen unusual suspects",
    ]
    assert coverage_gaps({"angle": angle, "agreed": 1, "unusual": 0}) == ["geen unusual suspects"]
    assert coverage_gaps({"angle": angle, "agreed": 2, "unusual": 1}) == []
    assert coverage_gaps({"angle": None, "agreed": 0, "unusual": 0}) == []


def test_coverage_summary(project, register):
    summary = coverage_summary(project)
    assert summary["functional_count"] == 4
    # Zorg has an agreement and an unusual suspect; Onderwijs, Wonen, Veiligheid have neither.
    assert (summary["without_agreed"], summary["without_unusual"]) == (3, 3)
    assert summary["totals"]["proposed"] == 4  # the functional level, "no angle" included
    zorg = next(r for r in summary["rows"] if r["angle"] and r["angle"].name == "Zorg")
    assert zorg["gaps"] == []


def test_angles_with_their_use(project, register):
    tree = {block["angle"].name: block for block in angles_with_counts(project)}
    assert tree["Zorg"]["angle"].figure_count == 2
    assert [c.name for c in tree["Zorg"]["children"]] == ["Huisartsen", "Thuiszorg"]
    assert [c.figure_count for c in tree["Zorg"]["children"]] == [1, 0]
    assert {a.name: subs for a, subs in angle_tree(project)}["Onderwijs"] == ["Basisonderwijs"]


def test_the_angle_in_use_rule(project, register):
    assert angle_use(register["Zorg"]).figures == 2
    assert angle_use(register["Zorg"]).subangles == 2
    assert angle_use(register["Huisartsen"]).in_use
    assert angle_use(register["Veiligheid"]).in_use is False
    assert angle_use(register["Onderwijs"]).in_use, "it has a subfunctional angle"


def test_an_angle_in_use_is_removed_only_when_confirmed(project, register):
    with pytest.raises(ValidationError, match="is in gebruik"):
        services.angle_remove(actor=project.leader, angle=register["Zorg"])
    assert Angle.objects.filter(name="Zorg").exists()
    services.angle_remove(actor=project.leader, angle=register["Zorg"], confirmed=True)
    assert not Angle.objects.filter(name__in=["Zorg", "Huisartsen", "Thuiszorg"]).exists()
    assert KeyFigure.objects.get(name="Anna").angle is None
    services.angle_remove(actor=project.leader, angle=register["Veiligheid"])
    assert not Angle.objects.filter(name="Veiligheid").exists()


def test_fragment_counts_per_theme_and_the_first_anchor(project, django_assert_num_queries):
    accepted = accepted_report_with_transcript(project)
    wonen = theme(project, "Wonen")
    betaalbaar = theme(project, "Betaalbaar", parent=wonen)
    zorg = theme(project, "Zorg")
    both = fragment(accepted, "Te weinig betaalbare woningen.", wonen, betaalbaar)
    fragment(accepted, "Nog een over wonen.", wonen)
    loose = fragment(accepted, "Zonder thema.")

    with django_assert_num_queries(2):
        tree = theme_tree_with_counts(project)
    counts = {t.name: t.fragment_count for main, subs in tree for t in [main, *subs]}
    assert counts == {"Wonen": 2, "Betaalbaar": 1, "Zorg": 0}
    assert [main for main, _subs in tree] == [wonen, zorg]

    section = fragments_page(project, str(wonen.pk), 1).section
    anchored = [
        (entry.fragment.pk, entry.anchor)
        for group in [section, *section.children]
        for entry in group.entries
    ]
    assert [anchor for pk, anchor in anchored if pk == both.pk] == [True, False]
    without_theme = fragments_page(project, NO_THEME, 1).without_theme
    assert [(e.fragment.pk, e.anchor) for e in without_theme] == [(loose.pk, True)]
    assert list(accepted_reports(project)) == [accepted]
