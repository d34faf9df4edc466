"""The planning of the actions (a Gantt-like timeline), the RACI table, the monitoring and the
status per action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.goals.charts import indicator_chart
from processteps.goals.selectors import indicators_ordered, with_measurements
from processteps.goals.views.common import form_errors_as_messages
from processteps.views.common import apply_errors

from .. import selectors
from ..forms import ProgressForm
from ..services import progress as services
from ..timeline import actions_timeline
from .common import REPORT_STATUS, VIEW, step_of

INDICATORS_PER_PAGE = 20
ACTIONS_PER_PAGE = 50


@login_required
def planning(request, project):
    project = get_project(request, project, VIEW)
    plan = selectors.ActionsPlan(project)
    context = {
        "project": project,
        "step": step_of(project),
        "plan": plan,
        "timeline": actions_timeline(plan.actions, links=True),
        "raci": plan.raci(),
    }
    return render(request, "implementation/planning.html", context)


@login_required
def monitoring(request, project):
    project = get_project(request, project, VIEW)
    plan = selectors.ActionsPlan(project)
    page = Paginator(indicators_ordered(project), INDICATORS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    indicators = with_measurements(page.object_list)
    for indicator in indicators:
        indicator.chart = indicator_chart(indicator, chart_id=f"indicator-{indicator.pk}")
        indicator.latest = indicator.measurement_list[-1] if indicator.measurement_list else None
    action_page = Paginator(plan.actions, ACTIONS_PER_PAGE).get_page(request.GET.get("acties"))
    may_report = request.user.has_perm(REPORT_STATUS, project)
    context = {
        "project": project,
        "step": step_of(project),
        "plan": plan,
        "action_page": action_page,
        "next_target": f"monitoring:{action_page.number}",
        "goals": selectors.goal_progress(project, plan),
        "indicators": indicators,
        "page": page,
        "databank": selectors.databank(project),
        "may_report": may_report,
        "progress_form": ProgressForm() if may_report else None,
    }
    return render(request, "implementation/monitoring.html", context)


def _get_action(project, pk):
    from processteps.actions.models import Action

    action = get_object_or_404(Action, project=project, pk=pk)
    action.project = project
    return action


@login_required
def action_progress(request, project, action):
    """The status history of one action, with the form to report a new status."""
    project = get_project(request, project, VIEW)
    action = _get_action(project, action)
    may_report = request.user.has_perm(REPORT_STATUS, project)
    reports = list(
        action.progress_reports.select_related("reported_by").order_by("-reported_on", "-id")
    )
    context = {
        "project": project,
        "step": step_of(project),
        "action": action,
        "reports": reports,
        "current": reports[0] if reports else None,
        "may_report": may_report,
        "form": ProgressForm() if may_report else None,
    }
    return render(request, "implementation/action_progress.html", context)


@login_required
@require_POST
def progress_report(request, project, action):
    project = get_project(request, project, REPORT_STATUS)
    action = _get_action(project, action)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            report = services.progress_report(
                actor=request.user, action=action, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(
                request,
                _("‘%(action)s’ staat nu op ‘%(status)s’.")
                % {"action": action.title, "status": report.get_status_display()},
            )
    else:
        form_errors_as_messages(request, form)
    target = request.POST.get("next", "")
    if target.startswith("monitoring"):
        response = redirect("implementation:monitoring", project=project.pk)
        page = target.removeprefix("monitoring:")
        if page.isdigit() and page != "1":
            response["Location"] += f"?acties={page}"
        return response
    return redirect("implementation:action_progress", project=project.pk, action=action.pk)
