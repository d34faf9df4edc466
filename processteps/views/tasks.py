"""Tasks: add, edit (leader: everything; team member: progress of own and team tasks), delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import check, get_project
from processteps.forms import TaskForm
from processteps.models import Project, Task
from processteps.selectors import open_tasks_for
from processteps.services import tasks as task_services

from .common import apply_errors

MY_TASKS_PER_PAGE = 50


@login_required
def task_add(request, project):
    project = get_project(request, project, "processteps.manage_tasks")
    initial = {"status": "open", "step": request.GET.get("step")}
    form = TaskForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            task = task_services.task_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De taak is aangemaakt."))
            return redirect(task.step or project)
    return render(request, "processteps/task_form.html", {"project": project, "form": form})


@login_required
def task_edit(request, project, task):
    project = get_project(request, project, "processteps.view_team_work")
    task = get_object_or_404(Task.objects.filter(project=project).select_related("step"), pk=task)
    task.project = project
    check(request, "processteps.update_task", task)
    limited = not request.user.has_perm("processteps.manage_tasks", project)
    initial = {
        "title": task.title,
        "step": task.step_id,
        "assignee": task.assignee_id,
        "due_date": task.due_date,
        "status": task.status,
        "notes": task.notes,
    }
    form = TaskForm(
        request.POST or None,
        project=project,
        limited=limited,
        current_status=task.status,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            task_services.task_update(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De taak is opgeslagen."))
            return redirect(task.step or project)
    return render(
        request,
        "processteps/task_form.html",
        {"project": project, "form": form, "task": task, "limited": limited},
    )


@login_required
@require_POST
def task_delete(request, project, task):
    project = get_project(request, project, "processteps.manage_tasks")
    task = get_object_or_404(Task.objects.filter(project=project).select_related("step"), pk=task)
    task.project = project
    target = task.step or project
    task_services.task_delete(actor=request.user, task=task)
    messages.success(request, _("De taak is verwijderd."))
    return redirect(target)


@login_required
def my_tasks(request):
    """The user's open tasks in all their projects, or in one (``?project=``), a page at a time."""
    project = None
    if "project" in request.GET:  # one of the user's projects, or 404 as everywhere else
        wanted = request.GET["project"]
        if not wanted.isdigit():
            raise Http404
        project = get_object_or_404(Project.objects.for_user(request.user), pk=wanted)
    tasks = open_tasks_for(request.user, project)
    page = Paginator(tasks, MY_TASKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "processteps/my_tasks.html",
        {"tasks": page.object_list, "page": page, "project": project},
    )
