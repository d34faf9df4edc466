"""The first draft of a goal tree, derived from steps 5 and 8.

- Every adopted target image of step 8 becomes a top goal (level 0) with its domain and
  horizon (``Goal.target_image`` keeps where it came from).
- Every factor of the team analysis of step 5 becomes the positive situation that removes it:
  a goal whose statement is a draft for the team to reword, at the level of the factor's layer
  (symptoms most abstract, root causes most concrete; below the target images when there are
  any), with ``GoalCause(derived=True)``: "this goal removes that cause".
- A strengthening causal link "A leads to B" becomes "the goal removing A serves the goal
  removing B": the sub-goal hangs under the closest more abstract goal it leads to (a
  weakening link is no reason to remove anything, so it is not followed). A goal from a
  symptom hangs under the only target image when there is exactly one.

Deriving again adds only what is missing: a factor some goal of the tree already removes and a
target image a goal already comes from are left alone, so the team's edits stay.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from processteps.causes.models import LAYER, Confidence, Polarity
from processteps.causes.selectors import team_factors, team_links
from processteps.meetings.selectors import adopted_target_images
from processteps.services.audit import audit_record

from ..models import Goal, GoalCause, GoalTree
from .trees import _sync_if_team, lock_tree, require_editable

STATEMENT_MAX = Goal._meta.get_field("statement").max_length
CONFIDENCE_RANK = {Confidence.HIGH: 0, Confidence.MEDIUM: 1, Confidence.LOW: 2}


@dataclass
class Derived:
    from_images: int = 0
    from_causes: int = 0
    linked: int = 0  # goals hung under a goal through a causal link or the one target image

    @property
    def total(self) -> int:
        return self.from_images + self.from_causes


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def draft_statement(cause) -> str:
    """The draft goal for a cause, in the project's language (the team rewords it)."""
    with translation.override(settings.LANGUAGE_CODE):
        prefix = _("Niet langer: ")
    return prefix + _shorten(cause.statement, STATEMENT_MAX - len(prefix))


def draft_description(cause) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Concept uit het oorzakelijk complex (%(kind)s: ‘%(cause)s’). Formuleer de "
            "positieve situatie die ontstaat als dit is weggenomen."
        ) % {"kind": cause.get_kind_display().lower(), "cause": cause.statement}


def tree_derive(*, actor, tree: GoalTree) -> Derived:
    """Add the draft goals from the target images and the causal complex (see the module)."""
    result = Derived()
    with transaction.atomic():
        tree = lock_tree(tree)
        require_editable(tree)
        project = tree.project
        images = list(adopted_target_images(project).order_by("domain", "horizon", "position"))
        factors = list(team_factors(project))
        links = [link for link in team_links(project) if link.polarity == Polarity.STRENGTHENS]

        existing = list(tree.goals.values("pk", "level", "target_image_id"))
        image_goals = {g["target_image_id"]: g["pk"] for g in existing if g["target_image_id"]}
        level_of = {g["pk"]: g["level"] for g in existing}
        goal_of_cause: dict[int, int] = {}
        for goal_id, cause_id in GoalCause.objects.filter(goal__tree=tree).values_list(
            "goal_id", "cause_id"
        ):
            goal_of_cause.setdefault(cause_id, goal_id)
        positions = dict(
            tree.goals.values("level").annotate(m=Max("position")).values_list("level", "m")
        )

        def next_position(level):
            positions[level] = (positions.get(level) or 0) + 1
            return positions[level]

        # The target images: top goals.
        new_images = [image for image in images if image.pk not in image_goals]
        created = Goal.objects.bulk_create(
            Goal(
                tree=tree,
                statement=_shorten(image.title, STATEMENT_MAX),
                description=image.text,
                level=0,
                domain=image.domain,
                horizon=image.horizon,
                target_image=image,
                position=next_position(0),
                created_by=actor,
            )
            for image in new_images
        )
        for goal in created:
            image_goals[goal.target_image_id] = goal.pk
            level_of[goal.pk] = 0
        result.from_images = len(created)

        # The factors, layer by layer from the most abstract, so a parent exists before its
        # sub-goals.
        offset = 1 if image_goals else 0
        only_image_goal = next(iter(image_goals.values())) if len(image_goals) == 1 else None
        outgoing: dict[int, list] = {}
        for link in links:
            outgoing.setdefault(link.source_id, []).append(link)
        domain_of = dict(tree.goals.values_list("pk", "domain"))
        for layer in sorted(set(LAYER.values())):
            todo = [f for f in factors if LAYER[f.kind] == layer and f.pk not in goal_of_cause]
            if not todo:
                continue
            level = layer + offset
            goals = []
            for factor in todo:
                parent_id = _parent_for(factor, level, outgoing, goal_of_cause, level_of)
                if parent_id is None and layer == 0 and only_image_goal is not None:
                    parent_id = only_image_goal
                if parent_id is not None:
                    result.linked += 1
                goals.append(
                    Goal(
                        tree=tree,
                        parent_id=parent_id,
                        statement=draft_statement(factor),
                        description=draft_description(factor),
                        level=level,
                        domain=domain_of.get(parent_id, "") if parent_id else "",
                        position=next_position(level),
                        created_by=actor,
                    )
                )
            goals = Goal.objects.bulk_create(goals)
            GoalCause.objects.bulk_create(
                GoalCause(goal=goal, cause=factor, derived=True)
                for goal, factor in zip(goals, todo, strict=True)
            )
            for goal, factor in zip(goals, todo, strict=True):
                goal_of_cause[factor.pk] = goal.pk
                level_of[goal.pk] = level
                domain_of[goal.pk] = goal.domain
            result.from_causes += len(goals)

        if result.total:
            audit_record(
                actor=actor,
                project=project,
                action="goaltree.derived",
                target=tree,
                data={"count": result.total},
            )
            _sync_if_team(tree)
    return result


def _parent_for(factor, level, outgoing, goal_of_cause, level_of):
    """The goal this factor's goal serves: of the effects it leads to, the one whose goal is
    the closest more abstract one (then the surest link, then the causal complex's order)."""
    candidates = []
    for link in outgoing.get(factor.pk, ()):
        goal_id = goal_of_cause.get(link.target_id)
        if goal_id is None or level_of[goal_id] >= level:
            continue
        candidates.append(
            (
                -level_of[goal_id],
                CONFIDENCE_RANK.get(link.confidence, 3),
                link.target.position,
                link.target_id,
                goal_id,
            )
        )
    return min(candidates)[-1] if candidates else None
