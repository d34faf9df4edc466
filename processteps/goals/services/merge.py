"""Merging the team members' own trees into the team's tree (as the causal analyses of step 5
are merged): the leader takes a proposed goal over as a new team goal, or maps it onto a team
goal that says the same. ``GoalMerge`` keeps who proposed what; the causes a proposal removes
and its means come along (without doubles).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from processteps.services.audit import audit_record

from ..models import Goal, GoalCause, GoalMerge, GoalTree, Means, TreeKind, TreeStatus
from ..selectors import team_tree
from .trees import _sync_if_team, lock_tree, require_editable, team_tree_ensure


@dataclass
class Merged:
    created: int = 0
    mapped: int = 0

    @property
    def total(self) -> int:
        return self.created + self.mapped


def _source_checks(source: Goal) -> None:
    tree = source.tree
    if tree.kind != TreeKind.INDIVIDUAL:
        raise ValidationError(_("Alleen doelen uit een eigen doelenboom worden samengevoegd."))
    if tree.status != TreeStatus.SUBMITTED:
        raise ValidationError(
            _("Deze doelenboom is nog niet ingediend; samenvoegen kan pas daarna.")
        )
    if GoalMerge.objects.filter(source_goal=source).exists():
        raise ValidationError(
            _("‘%(goal)s’ is al samengevoegd.") % {"goal": source.statement}, code="merged"
        )


def _merge_one(*, actor, team: GoalTree, source: Goal, into: Goal | None, team_goal_of) -> Goal:
    """Take ``source`` over (``into`` None) or map it onto ``into``; ``team_goal_of`` maps
    source goals merged earlier onto their team goals (to find the new goal's parent)."""
    if into is None:
        parent_id = team_goal_of.get(source.parent_id)
        parent_level = team.goals.filter(pk=parent_id).values_list("level", flat=True).first()
        if parent_level is None or parent_level >= source.level:
            parent_id = None
        last = team.goals.filter(level=source.level).aggregate(m=Max("position"))["m"]
        target = Goal.objects.create(
            tree=team,
            parent_id=parent_id,
            statement=source.statement,
            description=source.description,
            level=source.level,
            domain=source.domain,
            horizon=source.horizon,
            target_image=source.target_image,
            position=(last or 0) + 1,
            created_by=actor,
        )
    else:
        if into.tree_id != team.pk:
            raise ValidationError(
                {"into": _("Kies een doel uit de doelenboom van het team.")}, code="wrong_tree"
            )
        target = into
    have = set(GoalCause.objects.filter(goal=target).values_list("cause_id", flat=True))
    GoalCause.objects.bulk_create(
        GoalCause(goal=target, cause_id=link.cause_id, derived=link.derived)
        for link in source.cause_links.all()
        if link.cause_id not in have
    )
    known = {m.casefold() for m in target.means.values_list("description", flat=True)}
    position = target.means.aggregate(m=Max("position"))["m"] or 0
    new_means = []
    for means in source.means.order_by("position", "id"):
        if means.description.casefold() in known:
            continue
        known.add(means.description.casefold())
        position += 1
        new_means.append(
            Means(
                goal=target,
                description=means.description,
                details=means.details,
                position=position,
            )
        )
    Means.objects.bulk_create(new_means)
    GoalMerge.objects.create(team_goal=target, source_goal=source, merged_by=actor)
    team_goal_of[source.pk] = target.pk
    audit_record(
        actor=actor,
        project=team.project,
        action="goal.merged",
        target=target,
        data={"source": source.statement, "owner": str(source.tree)},
    )
    return target


def _merged_map(project) -> dict:
    return dict(
        GoalMerge.objects.filter(source_goal__tree__project=project).values_list(
            "source_goal_id", "team_goal_id"
        )
    )


def goal_merge(*, actor, source: Goal, into: Goal | None = None) -> Goal:
    """Merge one proposed goal into the team's tree: as a new goal, or onto ``into``."""
    project = source.tree.project
    team = team_tree(project) or team_tree_ensure(actor=actor, project=project)
    with transaction.atomic():
        team = lock_tree(team)
        require_editable(team)
        source = Goal.objects.select_related("tree", "target_image").get(pk=source.pk)
        _source_checks(source)
        target = _merge_one(
            actor=actor, team=team, source=source, into=into, team_goal_of=_merged_map(project)
        )
        _sync_if_team(team)
    return target


def tree_merge_all(*, actor, tree: GoalTree) -> Merged:
    """Merge every goal of a submitted own tree not merged yet, from the top down. A goal that
    removes a cause some team goal already removes, or comes from the same target image, is
    mapped onto that team goal; any other goal is taken over as a new one."""
    project = tree.project
    team = team_tree(project) or team_tree_ensure(actor=actor, project=project)
    result = Merged()
    with transaction.atomic():
        team = lock_tree(team)
        require_editable(team)
        tree = GoalTree.objects.select_related("project").get(pk=tree.pk)
        if tree.kind != TreeKind.INDIVIDUAL or tree.status != TreeStatus.SUBMITTED:
            raise ValidationError(
                _("Alleen een ingediende eigen doelenboom kan worden samengevoegd.")
            )
        team_goal_of = _merged_map(project)
        by_cause = {}
        for goal_id, cause_id in GoalCause.objects.filter(goal__tree=team).values_list(
            "goal_id", "cause_id"
        ):
            by_cause.setdefault(cause_id, goal_id)
        by_image = dict(
            team.goals.filter(target_image__isnull=False).values_list("target_image_id", "pk")
        )
        sources = (
            tree.goals.filter(merged_into__isnull=True)
            .select_related("target_image")
            .prefetch_related("cause_links")
            .order_by("level", "position", "id")
        )
        for source in sources:
            match = by_image.get(source.target_image_id) if source.target_image_id else None
            if match is None:
                match = next(
                    (by_cause[link.cause_id] for link in source.cause_links.all()
                     if link.cause_id in by_cause),
                    None,
                )  # fmt: skip
            into = team.goals.get(pk=match) if match else None
            target = _merge_one(
                actor=actor, team=team, source=source, into=into, team_goal_of=team_goal_of
            )
            if into is None:
                result.created += 1
            else:
                result.mapped += 1
            for link in source.cause_links.all():
                by_cause.setdefault(link.cause_id, target.pk)
            if source.target_image_id:
                by_image.setdefault(source.target_image_id, target.pk)
        _sync_if_team(team)
    return result
