"""State changes of goal trees: trees (own, team; submit, adopt, reopen), goals, the causes a
goal removes, and means.

Every change to a tree locks its row first (``select_for_update``), so two people editing one
tree never build a cycle or a wrong level between them. A submitted own tree and an adopted
team tree are read-only until they are reopened.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from processteps.causes.models import CausalFactor
from processteps.services.audit import audit_record
from processteps.services.steps import checklist_derive

from ..models import Goal, GoalCause, GoalTree, Means, TreeKind, TreeStatus
from ..selectors import TREE_ADOPTED, TREE_LOGICAL

GOAL_FIELDS = ("statement", "description", "level", "domain", "horizon", "parent")
MEANS_FIELDS = ("description", "details")


def goals_checklist_sync(project) -> None:
    """Tick or untick step 9's items "Doelenboom" and "Logische opbouw van concreet naar
    abstract" as the team's tree now is."""
    checklist_derive(project=project, key=TREE_ADOPTED)
    checklist_derive(project=project, key=TREE_LOGICAL)


def _sync_if_team(tree: GoalTree) -> None:
    if tree.kind == TreeKind.TEAM:
        goals_checklist_sync(tree.project)


def lock_tree(tree: GoalTree) -> GoalTree:
    """The tree's row, locked for the rest of the transaction."""
    return (
        GoalTree.objects.select_for_update(of=("self",))
        .select_related("project", "owner")
        .get(pk=tree.pk)
    )


def require_editable(tree: GoalTree) -> None:
    if tree.status == TreeStatus.ADOPTED:
        raise ValidationError(
            _("De doelenboom is vastgesteld. Heropen hem eerst om hem te wijzigen.")
        )
    if tree.status == TreeStatus.SUBMITTED:
        raise ValidationError(
            _("Deze doelenboom is ingediend. Trek hem eerst terug om hem te wijzigen.")
        )


# -- trees -------------------------------------------------------------------------------------


def team_tree_ensure(*, actor, project) -> GoalTree:
    """The project's team tree, made the first time it is needed."""
    tree = GoalTree.objects.filter(project=project, kind=TreeKind.TEAM).first()
    if tree is not None:
        return tree
    with transaction.atomic():
        tree, created = GoalTree.objects.get_or_create(project=project, kind=TreeKind.TEAM)
        if created:
            audit_record(actor=actor, project=project, action="goaltree.created", target=tree)
    return tree


def own_tree_ensure(*, actor, project) -> GoalTree:
    """The actor's own tree in the project, made the first time."""
    tree = GoalTree.objects.filter(project=project, kind=TreeKind.INDIVIDUAL, owner=actor).first()
    if tree is not None:
        return tree
    with transaction.atomic():
        tree, created = GoalTree.objects.get_or_create(
            project=project, kind=TreeKind.INDIVIDUAL, owner=actor
        )
        if created:
            audit_record(actor=actor, project=project, action="goaltree.created", target=tree)
    return tree


def tree_submit(*, actor, tree: GoalTree) -> GoalTree:
    """A team member hands their own tree to the leader to merge."""
    with transaction.atomic():
        tree = lock_tree(tree)
        if tree.kind != TreeKind.INDIVIDUAL:
            raise ValidationError(_("Alleen een eigen doelenboom wordt ingediend."))
        if tree.status == TreeStatus.SUBMITTED:
            return tree
        if not tree.goals.exists():
            raise ValidationError(_("Een lege doelenboom kan niet worden ingediend."))
        tree.status, tree.submitted_at = TreeStatus.SUBMITTED, timezone.now()
        tree.full_clean()
        tree.save(update_fields=["status", "submitted_at", "updated_at"])
        audit_record(actor=actor, project=tree.project, action="goaltree.submitted", target=tree)
    return tree


def tree_adopt(*, actor, tree: GoalTree) -> GoalTree:
    """The leader adopts (stelt vast) the team's tree: it is read-only from then on."""
    with transaction.atomic():
        tree = lock_tree(tree)
        if tree.kind != TreeKind.TEAM:
            raise ValidationError(_("Alleen de doelenboom van het team wordt vastgesteld."))
        if tree.status == TreeStatus.ADOPTED:
            return tree
        if not tree.goals.exists():
            raise ValidationError(_("Een lege doelenboom kan niet worden vastgesteld."))
        tree.status, tree.adopted_at, tree.adopted_by = TreeStatus.ADOPTED, timezone.now(), actor
        tree.full_clean()
        tree.save(update_fields=["status", "adopted_at", "adopted_by", "updated_at"])
        audit_record(actor=actor, project=tree.project, action="goaltree.adopted", target=tree)
        _sync_if_team(tree)
    return tree


def tree_reopen(*, actor, tree: GoalTree) -> GoalTree:
    """Back to draft: the leader reopens the adopted team tree, a member withdraws their
    submitted tree."""
    with transaction.atomic():
        tree = lock_tree(tree)
        if tree.status == TreeStatus.DRAFT:
            return tree
        tree.status = TreeStatus.DRAFT
        tree.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, project=tree.project, action="goaltree.reopened", target=tree)
        _sync_if_team(tree)
    return tree


# -- goals -------------------------------------------------------------------------------------


def _ancestors(goal_id: int, parents: dict) -> set:
    seen = set()
    current = parents.get(goal_id)
    while current is not None and current not in seen:
        seen.add(current)
        current = parents.get(current)
    return seen


def _check_place(tree: GoalTree, goal: Goal) -> None:
    """The goal's parent is in the same tree, more abstract, and not below the goal itself
    (no cycle); its own sub-goals stay more concrete than it is."""
    if goal.parent_id is None:
        if goal.pk is not None:
            _check_children(goal)
        return
    if goal.parent.tree_id != tree.pk:
        raise ValidationError({"parent": _("Het hogere doel staat in een andere doelenboom.")})
    if goal.pk is not None:
        parents = dict(tree.goals.values_list("pk", "parent_id"))
        parents[goal.pk] = goal.parent_id
        if goal.parent_id == goal.pk or goal.pk in _ancestors(goal.pk, parents):
            raise ValidationError(
                {
                    "parent": _(
                        "‘%(parent)s’ hangt zelf (via andere doelen) onder dit doel; "
                        "eronder hangen zou een kring in de doelenboom maken."
                    )
                    % {"parent": goal.parent.statement}
                }
            )
        _check_children(goal)
    if goal.parent.level >= goal.level:
        raise ValidationError(
            {
                "parent": _(
                    "Het hogere doel ‘%(parent)s’ staat op niveau %(parent_level)s; een subdoel "
                    "moet concreter zijn (een hoger niveau dan %(parent_level)s)."
                )
                % {"parent": goal.parent.statement, "parent_level": goal.parent.level}
            }
        )


def _check_children(goal: Goal) -> None:
    lowest = goal.children.order_by("level").values_list("level", flat=True).first()
    if lowest is not None and lowest <= goal.level:
        raise ValidationError(
            {
                "level": _(
                    "Een subdoel van dit doel staat op niveau %(level)s; dit doel moet "
                    "abstracter blijven (een lager niveau)."
                )
                % {"level": lowest}
            }
        )


def _next_position(tree: GoalTree, level: int) -> int:
    last = tree.goals.filter(level=level).aggregate(m=Max("position"))["m"]
    return (last or 0) + 1


def goal_add(*, actor, tree: GoalTree, cause: CausalFactor | None = None, **fields) -> Goal:
    """A goal in the tree; with ``cause``, the cause it removes."""
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown goal fields: {sorted(unknown)}")
    with transaction.atomic():
        tree = lock_tree(tree)
        require_editable(tree)
        goal = Goal(tree=tree, created_by=actor, **fields)
        goal.statement = goal.statement.strip()
        _check_place(tree, goal)
        goal.full_clean(exclude=["position"])
        goal.position = _next_position(tree, goal.level)
        goal.save()
        if cause is not None:
            _link_cause(goal, cause, derived=False)
        audit_record(actor=actor, project=tree.project, action="goal.added", target=goal)
        _sync_if_team(tree)
    return goal


def goal_update(*, actor, goal: Goal, **fields) -> Goal:
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown goal fields: {sorted(unknown)}")
    with transaction.atomic():
        tree = lock_tree(goal.tree)
        require_editable(tree)
        goal = Goal.objects.select_related("parent").get(pk=goal.pk)
        if "statement" in fields:
            fields["statement"] = fields["statement"].strip()
        changed = {k: v for k, v in fields.items() if getattr(goal, k) != v}
        if not changed:
            return goal
        for key, value in changed.items():
            setattr(goal, key, value)
        goal.tree = tree
        _check_place(tree, goal)
        goal.full_clean()
        goal.save()
        audit_record(
            actor=actor,
            project=tree.project,
            action="goal.changed",
            target=goal,
            data={"fields": ", ".join(sorted(changed))},
        )
        _sync_if_team(tree)
    return goal


def goal_delete(*, actor, goal: Goal) -> None:
    """Delete a goal with its means and indicators; its sub-goals move up to its parent
    (when they stay more concrete than it) or lose their parent."""
    with transaction.atomic():
        tree = lock_tree(goal.tree)
        require_editable(tree)
        goal = Goal.objects.select_related("parent").get(pk=goal.pk)
        if goal.parent_id:
            goal.children.filter(level__gt=goal.parent.level).update(parent=goal.parent)
        audit_record(actor=actor, project=tree.project, action="goal.deleted", target=goal)
        goal.delete()
        _sync_if_team(tree)


def _link_cause(goal: Goal, cause: CausalFactor, *, derived: bool) -> GoalCause:
    existing = GoalCause.objects.filter(goal=goal, cause=cause).first()
    if existing is not None:
        return existing
    link = GoalCause(goal=goal, cause=cause, derived=derived)
    link.full_clean()
    link.save()
    return link


def goal_cause_add(*, actor, goal: Goal, cause: CausalFactor) -> GoalCause:
    """Record that the goal removes ``cause`` (a factor of this project's team analysis)."""
    with transaction.atomic():
        tree = lock_tree(goal.tree)
        require_editable(tree)
        if GoalCause.objects.filter(goal=goal, cause=cause).exists():
            raise ValidationError(
                {"cause": _("Dit doel neemt die oorzaak al weg.")}, code="duplicate"
            )
        link = _link_cause(goal, cause, derived=False)
        audit_record(
            actor=actor,
            project=tree.project,
            action="goal.cause_added",
            target=goal,
            data={"cause": cause.statement},
        )
        _sync_if_team(tree)
    return link


def goal_cause_remove(*, actor, link: GoalCause) -> None:
    with transaction.atomic():
        tree = lock_tree(link.goal.tree)
        require_editable(tree)
        audit_record(
            actor=actor,
            project=tree.project,
            action="goal.cause_removed",
            target=link.goal,
            data={"cause": link.cause.statement},
        )
        link.delete()
        _sync_if_team(tree)


# -- means -------------------------------------------------------------------------------------


def means_add(*, actor, goal: Goal, description: str, details: str = "") -> Means:
    with transaction.atomic():
        tree = lock_tree(goal.tree)
        require_editable(tree)
        last = goal.means.aggregate(m=Max("position"))["m"]
        means = Means(
            goal=goal, description=description.strip(), details=details, position=(last or 0) + 1
        )
        means.full_clean()
        means.save()
        audit_record(actor=actor, project=tree.project, action="means.added", target=means)
        _sync_if_team(tree)
    return means


def means_update(*, actor, means: Means, **fields) -> Means:
    unknown = set(fields) - set(MEANS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown means fields: {sorted(unknown)}")
    with transaction.atomic():
        tree = lock_tree(means.goal.tree)
        require_editable(tree)
        means = Means.objects.get(pk=means.pk)
        if "description" in fields:
            fields["description"] = fields["description"].strip()
        changed = {k: v for k, v in fields.items() if getattr(means, k) != v}
        if not changed:
            return means
        for key, value in changed.items():
            setattr(means, key, value)
        means.full_clean()
        means.save()
        audit_record(actor=actor, project=tree.project, action="means.changed", target=means)
    return means


def means_delete(*, actor, means: Means) -> None:
    with transaction.atomic():
        tree = lock_tree(means.goal.tree)
        require_editable(tree)
        audit_record(actor=actor, project=tree.project, action="means.deleted", target=means)
        means.delete()
        _sync_if_team(tree)
