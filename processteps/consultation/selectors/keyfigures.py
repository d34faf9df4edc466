"""Reads of the key-figure register (step 2): the register's counts, the coverage of the angles
with THE gap rule, the angles with their use. A fixed number of queries each, however many
key figures a project has."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from processteps.consultation.models import Angle, KeyFigure, KeyFigureStatus
from processteps.models import Project

# -- the register ------------------------------------------------------------------------------


def register_counts(project: Project) -> dict:
    """Key figures in all, active, waiting for approval, usual and unusual suspects, erased,
    and per status (one query). ``statuses``: the status counts in the pipeline's order."""
    active = Q(erased_at__isnull=True)
    counts = project.key_figures.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=active),
        pending=Count("pk", filter=Q(approved_at__isnull=True) & active),
        usual=Count("pk", filter=Q(is_usual_suspect=True) & active),
        unusual=Count("pk", filter=Q(is_usual_suspect=False) & active),
        erased=Count("pk", filter=Q(erased_at__isnull=False)),
        **{
            status: Count("pk", filter=Q(status=status) & active)
            for status in KeyFigureStatus.values
        },
    )
    counts["statuses"] = [
        {"value": status.value, "label": status.label, "count": counts[status.value]}
        for status in KeyFigureStatus
    ]
    return counts


# -- coverage ----------------------------------------------------------------------------------

COUNTED = ("proposed", "agreed", "interviewed", "usual", "unusual")


def coverage(project: Project) -> list[dict]:
    """Per functional angle (and its subfunctional ones): key figures per status and kind.

    Rows of ``level`` 1 (a functional angle, or ``angle`` None: key figures without one) and 2
    (a subfunctional angle under the row before). Two queries.
    """
    angles = list(project.angles.all())
    figures = list(
        project.key_figures.active().only(
            "project_id", "angle_id", "subangle_id", "status", "is_usual_suspect"
        )
    )

    def count(items):
        return {
            "total": len(items),
            "proposed": len(items),
            "agreed": sum(1 for k in items if k.status in ("agreed", "interviewed")),
            "interviewed": sum(1 for k in items if k.status == "interviewed"),
            "usual": sum(1 for k in items if k.is_usual_suspect),
            "unusual": sum(1 for k in items if not k.is_usual_suspect),
        }

    rows = []
    for angle in (a for a in angles if a.parent_id is None):
        mine = [k for k in figures if k.angle_id == angle.pk]
        rows.append({"angle": angle, "level": 1, **count(mine)})
        for sub in (a for a in angles if a.parent_id == angle.pk):
            rows.append(
                {
                    "angle": sub,
                    "level": 2,
                    **count([k for k in mine if k.subangle_id == sub.pk]),
                }
            )
    unassigned = [k for k in figures if k.angle_id is None]
    if unassigned:
        rows.append({"angle": None, "level": 1, **count(unassigned)})
    return rows


def coverage_gaps(row: dict) -> list[str]:
    """THE gap rule: an angle is not covered without a key figure who agreed to talk, nor
    without an unusual suspect. Key figures without an angle have no gaps."""
    if row["angle"] is None:
        return []
    gaps = []
    if row["agreed"] == 0:
        gaps.append(_("geen toezeggingen"))
    if row["unusual"] == 0:
        gaps.append(_("geen unusual suspects"))
    return gaps


def coverage_summary(project: Project) -> dict:
    """The coverage page: the rows with their ``gaps``, the totals of the functional level and
    how many functional angles lack agreements or unusual suspects."""
    rows = coverage(project)
    for row in rows:
        row["gaps"] = coverage_gaps(row)
    top = [r for r in rows if r["level"] == 1]
    functional = [r for r in top if r["angle"] is not None]
    return {
        "rows": rows,
        "totals": {key: sum(r[key] for r in top) for key in COUNTED},
        "without_agreed": sum(1 for r in functional if r["agreed"] == 0),
        "without_unusual": sum(1 for r in functional if r["unusual"] == 0),
        "functional_count": len(functional),
    }


# -- angles ------------------------------------------------------------------------------------


def angles_with_counts(project: Project) -> list[dict]:
    """The functional angles in order, each with its subfunctional ones; every angle carries
    ``figure_count`` (key figures under it as angle or subangle). One query."""
    angles = list(
        project.angles.annotate(
            figure_count=Count("key_figures", distinct=True)
            + Count("sub_key_figures", distinct=True)
        )
    )
    return [
        {"angle": a, "children": [c for c in angles if c.parent_id == a.pk]}
        for a in angles
        if a.parent_id is None
    ]


def angle_tree(project: Project) -> list[tuple[Angle, list[str]]]:
    """The functional angles with the names of their subfunctional ones (the import page's
    reference). One query."""
    angles = list(project.angles.select_related("parent"))
    return [
        (a, [c.name for c in angles if c.parent_id == a.pk]) for a in angles if a.parent_id is None
    ]


@dataclass(frozen=True)
class AngleUse:
    figures: int  # key figures under it (as angle or subangle, or under one of its subangles)
    subangles: int  # its subfunctional angles (a functional angle only)

    @property
    def in_use(self) -> bool:
        """THE "in use" rule: removing it would take something from key figures or angles."""
        return bool(self.figures or self.subangles)


def angle_use(angle: Angle) -> AngleUse:
    figures = KeyFigure.objects.filter(
        Q(angle=angle) | Q(subangle=angle) | Q(subangle__parent=angle)
    ).count()
    subangles = angle.children.count() if angle.parent_id is None else 0
    return AngleUse(figures=figures, subangles=subangles)
