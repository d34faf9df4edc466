"""One way for views to fetch a project-scoped object with object-level permission.

A project the user is not in answers 404 (its existence is not revealed); a role that may not
act answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Project


def get_project(request, project_pk, perm: str = "processteps.view_project", queryset=None):
    queryset = queryset if queryset is not None else Project.objects.all()
    project = get_object_or_404(queryset.for_user(request.user), pk=project_pk)
    if perm and not request.user.has_perm(perm, project):
        raise PermissionDenied
    return project


def check(request, perm: str, obj) -> None:
    """403 unless the user holds ``perm`` on ``obj`` (an object inside an accessible project)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
