"""The political weighing of a goal: options with their consequences, the preferred option,
and the decision of the council or the board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.views.common import apply_errors

from ..forms import DecisionForm, OptionForm
from ..models import GoalDecision
from ..services import weighing as services
from .common import WEIGH, form_errors_as_messages, get_goal, get_option, step_of


def _to_goal(project, goal):
    return redirect("goals:goal_detail", project=project.pk, goal=goal.pk)


@login_required
@require_POST
def option_add(request, project, goal):
    project = get_project(request, project, WEIGH)
    goal = get_goal(project, goal)
    form = OptionForm(request.POST, prefix="option")
    if form.is_valid():
        try:
            services.option_add(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("De optie is toegevoegd."))
    else:
        form_errors_as_messages(request, form)
    return _to_goal(project, goal)


@login_required
def option_edit(request, project, option):
    project = get_project(request, project, WEIGH)
    option = get_option(project, option)
    initial = {
        "title": option.title,
        "description": option.description,
        "consequences": option.consequences,
        "is_preferred": option.is_preferred,
    }
    form = OptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        preferred = data.pop("is_preferred")
        try:
            option = services.option_update(actor=request.user, option=option, **data)
            if preferred:
                services.option_prefer(actor=request.user, option=option)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De optie is opgeslagen."))
            return _to_goal(project, option.goal)
    context = {"project": project, "step": step_of(project), "goal": option.goal,
               "option": option, "form": form}  # fmt: skip
    return render(request, "goals/option_form.html", context)


@login_required
@require_POST
def option_delete(request, project, option):
    project = get_project(request, project, WEIGH)
    option = get_option(project, option)
    try:
        services.option_delete(actor=request.user, option=option)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("De optie is verwijderd."))
    return _to_goal(project, option.goal)


@login_required
@require_POST
def option_prefer(request, project, option):
    project = get_project(request, project, WEIGH)
    option = get_option(project, option)
    try:
        services.option_prefer(actor=request.user, option=option)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request, _("‘%(option)s’ is nu de voorkeursoptie.") % {"option": option.title}
        )
    return _to_goal(project, option.goal)


@login_required
def decision_edit(request, project, goal):
    project = get_project(request, project, WEIGH)
    goal = get_goal(project, goal)
    decision = GoalDecision.objects.filter(goal=goal).first()
    initial = {}
    if decision is not None:
        initial = {name: getattr(decision, name) for name in services.DECISION_FIELDS}
    form = DecisionForm(request.POST or None, goal=goal, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_save(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return _to_goal(project, goal)
    context = {"project": project, "step": step_of(project), "goal": goal,
               "decision": decision, "form": form}  # fmt: skip
    return render(request, "goals/decision_form.html", context)
