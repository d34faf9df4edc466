"""The step page and the actions on a step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.forms import (
    ChecklistAddForm,
    CompleteForm,
    DecisionForm,
    SkipForm,
    SourceForm,
    StepForm,
    TaskForm,
    UncertaintyForm,
)
from processteps.models import ChecklistItem, ProcessStep
from processteps.pagecache import cached_page
from processteps.registry import step_panels
from processteps.services import steps as step_services
from processteps.services.steps import completion_blockers

from .common import apply_errors

STEP_TASKS_PER_PAGE = 20
STEP_SOURCES_PER_PAGE = 10


def _get_step(project, number, queryset=None):
    queryset = queryset if queryset is not None else ProcessStep.objects.all()
    step = get_object_or_404(queryset.filter(project=project), number=number)
    step.project = project
    return step


def step_context(request, project, step, **forms):
    user = request.user
    may_change = user.has_perm("processteps.change_step", project)
    may_see_team_work = user.has_perm("processteps.view_team_work", project)
    checklist = list(step.checklist_items.select_related("done_by"))
    task_page = Paginator(step.tasks.select_related("assignee"), STEP_TASKS_PER_PAGE).get_page(
        request.GET.get("taken")
    )
    tasks = list(task_page.object_list)
    source_page = None
    sources = []
    if may_see_team_work:
        source_page = Paginator(
            step.sources.select_related("added_by"), STEP_SOURCES_PER_PAGE
        ).get_page(request.GET.get("bronnen"))
        sources = list(source_page.object_list)
    for obj in tasks:
        obj.project = project  # the permission checks per row reuse the project's role cache
    for obj in sources:
        obj.step = step
    context = {
        "project": project,
        "step": step,
        "steps": project.steps.only("project_id", "number", "name", "status").order_by("number"),
        "checklist": checklist,
        "checklist_done": sum(1 for item in checklist if item.is_done),
        "tasks": tasks,
        "task_page": task_page,
        "sources": sources,
        "source_page": source_page,
        "may_change": may_change,
        "may_tick": user.has_perm("processteps.tick_checklist", project) and not step.is_closed,
        "may_add_source": user.has_perm("processteps.add_source", project),
        "may_see_team_work": may_see_team_work,
        "blockers": completion_blockers(step, checklist),
        "tool_panels": step_panels(request, project, step),
    }
    if may_change:
        context.update(
            complete_form=forms.get("complete_form") or CompleteForm(),
            skip_form=forms.get("skip_form") or SkipForm(),
            decision_form=forms.get("decision_form")
            or DecisionForm(
                initial={
                    "decision": step.decision if step.decision != "not_required" else "pending",
                    "form": step.decision_form,
                }
            ),
            uncertainty_form=forms.get("uncertainty_form")
            or UncertaintyForm(
                initial={
                    "status": step.uncertainty_status,
                    "justification": step.uncertainty_justification,
                }
            ),
            checklist_form=forms.get("checklist_form") or ChecklistAddForm(),
            task_form=forms.get("task_form")
            or TaskForm(project=project, initial={"step": step.pk, "status": "open"}),
        )
    if context["may_add_source"]:
        context["source_form"] = forms.get("source_form") or SourceForm()
    return context


@login_required
@cached_page
def step_detail(request, project, number):
    project = get_project(request, project)
    step = _get_step(
        project,
        number,
        ProcessStep.objects.select_related("completed_by", "decision_by", "uncertainty_judged_by"),
    )
    return render(request, "processteps/step.html", step_context(request, project, step))


@login_required
def step_edit(request, project, number):
    project = get_project(request, project, "processteps.change_step")
    step = _get_step(project, number)
    form = StepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        fresh = _get_step(project, number)
        try:
            step_services.step_update(actor=request.user, step=fresh, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De stap is opgeslagen."))
            return redirect(fresh)
    return render(
        request, "processteps/step_form.html", {"project": project, "step": step, "form": form}
    )


def _rerender(request, project, number, status=400, **forms):
    step = _get_step(
        project,
        number,
        ProcessStep.objects.select_related("completed_by", "decision_by", "uncertainty_judged_by"),
    )
    return render(
        request,
        "processteps/step.html",
        step_context(request, project, step, **forms),
        status=status,
    )


@login_required
@require_POST
def step_transition(request, project, number, action):
    project = get_project(request, project, "processteps.change_step")
    step = _get_step(project, number)
    try:
        if action == "start":
            step_services.step_start(actor=request.user, step=step)
            messages.success(request, _("De stap is gestart."))
        elif action == "complete":
            form = CompleteForm(request.POST)
            form.is_valid()
            step_services.step_complete(
                actor=request.user,
                step=step,
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
            messages.success(request, _("De stap is afgerond."))
        elif action == "skip":
            form = SkipForm(request.POST)
            if not form.is_valid():
                return _rerender(request, project, number, skip_form=form)
            step_services.step_skip(
                actor=request.user, step=step, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Vastgelegd dat deze stap niet wordt gedaan."))
        elif action == "reopen":
            step_services.step_reopen(actor=request.user, step=step)
            messages.success(request, _("De stap is heropend."))
        else:
            raise Http404
    except ValidationError as exc:
        apply_errors(request, exc)
    return redirect(step)


@login_required
@require_POST
def step_decide(request, project, number):
    project = get_project(request, project, "processteps.change_step")
    step = _get_step(project, number)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            step_services.step_decide(actor=request.user, step=step, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect(step)
    return _rerender(request, project, number, decision_form=form)


@login_required
@require_POST
def step_uncertainty(request, project, number):
    project = get_project(request, project, "processteps.change_step")
    step = _get_step(project, number)
    form = UncertaintyForm(request.POST)
    if form.is_valid():
        try:
            step_services.uncertainty_judge(actor=request.user, step=step, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het oordeel over de onzekerheidsreductie is vastgelegd."))
            return redirect(step)
    return _rerender(request, project, number, uncertainty_form=form)


@login_required
@require_POST
def checklist_toggle(request, project, number, item):
    project = get_project(request, project, "processteps.tick_checklist")
    step = _get_step(project, number)
    item = get_object_or_404(ChecklistItem.objects.filter(step=step), pk=item)
    item.step = step
    done = request.POST.get("done") in ("1", "true", "on")
    try:
        item = step_services.checklist_set(actor=request.user, item=item, done=done)
    except ValidationError as exc:
        apply_errors(request, exc)
        return redirect(step)
    if request.htmx:
        checklist = list(step.checklist_items.all())
        item = next(i for i in checklist if i.pk == item.pk)
        item.done_by = request.user if item.is_done else None
        return render(
            request,
            "processteps/partials/checklist_toggle.html",
            {
                "project": project,
                "step": step,
                "item": item,
                "may_tick": True,
                "may_change": request.user.has_perm("processteps.change_step", project),
                "checklist": checklist,
                "checklist_done": sum(1 for i in checklist if i.is_done),
            },
        )
    return redirect(step)


@login_required
@require_POST
def checklist_add(request, project, number):
    project = get_project(request, project, "processteps.change_step")
    step = _get_step(project, number)
    form = ChecklistAddForm(request.POST)
    if form.is_valid():
        step_services.checklist_add(actor=request.user, step=step, text=form.cleaned_data["text"])
        messages.success(request, _("Het checklistpunt is toegevoegd."))
        return redirect(step)
    return _rerender(request, project, number, checklist_form=form)


@login_required
@require_POST
def checklist_remove(request, project, number, item):
    project = get_project(request, project, "processteps.change_step")
    step = _get_step(project, number)
    item = get_object_or_404(ChecklistItem.objects.filter(step=step), pk=item)
    item.step = step
    step_services.checklist_remove(actor=request.user, item=item)
    messages.success(request, _("Het checklistpunt is verwijderd."))
    return redirect(step)
