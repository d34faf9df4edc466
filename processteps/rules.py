"""Named permission rules (django-rules), built from small predicates.

Every rule takes the project (or an object inside it) as its object. A user outside the project
never reaches a rule: the access helper answers 404 before (see ``processteps.access``).
"""

import rules

from .models import Role


def role_in(user, project):
    """The user's role in the project, cached on the project object for this request."""
    if not user.is_authenticated or project is None:
        return None
    cache = project.__dict__.setdefault("_role_cache", {})
    if user.pk not in cache:
        cache[user.pk] = (
            project.memberships.filter(user=user).values_list("role", flat=True).first()
        )
    return cache[user.pk]


def _project_of(obj):
    """The project of a project, or of an object inside one: anything with a ``project``
    (a task, a key figure, a report…) or a ``step`` (a data source)."""
    for path in ("project", "step.project"):
        current = obj
        for attr in path.split("."):
            current = getattr(current, attr, None)
            if current is None:
                break
        if current is not None:
            return current
    return obj


@rules.predicate
def is_admin(user, obj=None):
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_leader(user, obj):
    return role_in(user, _project_of(obj)) == Role.LEADER


@rules.predicate
def is_team_member(user, obj):
    return role_in(user, _project_of(obj)) == Role.MEMBER


@rules.predicate
def is_client(user, obj):
    return role_in(user, _project_of(obj)) == Role.CLIENT


@rules.predicate
def is_assignee_or_team_task(user, task):
    return task.assignee_id is None or task.assignee_id == user.pk


@rules.predicate
def added_the_source(user, source):
    return source.added_by_id == user.pk


is_in_project = is_leader | is_team_member | is_client
runs_project = is_admin | is_leader
works_in_project = runs_project | is_team_member

rules.add_perm("processteps.add_project", rules.is_authenticated)
rules.add_perm("processteps.view_project", is_admin | is_in_project)
rules.add_perm("processteps.change_project", runs_project)
rules.add_perm("processteps.manage_members", runs_project)
rules.add_perm("processteps.view_members", works_in_project)
rules.add_perm("processteps.set_commitment", is_leader | is_team_member)
rules.add_perm("processteps.change_step", runs_project)
rules.add_perm("processteps.tick_checklist", works_in_project)
rules.add_perm("processteps.view_team_work", works_in_project)
rules.add_perm("processteps.manage_tasks", runs_project)
rules.add_perm(
    "processteps.update_task", runs_project | (is_team_member & is_assignee_or_team_task)
)
rules.add_perm("processteps.add_source", works_in_project)
rules.add_perm("processteps.delete_source", runs_project | (is_team_member & added_the_source))
