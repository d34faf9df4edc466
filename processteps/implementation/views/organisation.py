"""The implementation organisation and the steering rhythm (step 11's checklist items
"Uitvoeringsorganisatie" and "Aansturing uitvoering")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.goals.views.common import form_errors_as_messages
from processteps.views.common import apply_errors

from .. import selectors
from ..forms import BodyForm, MomentForm
from ..services import organisation as services
from .common import EDIT, VIEW, get_body, get_moment, step_of


def _to_overview(project, anchor=""):
    response = redirect("implementation:overview", project=project.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
def overview(request, project):
    project = get_project(request, project, VIEW)
    org = selectors.organisation(project)
    moments = list(selectors.moments_of(project))
    may_edit = request.user.has_perm(EDIT, project)
    context = {
        "project": project,
        "step": step_of(project),
        "organisation": org,
        "organisation_problems": selectors.organisation_problems(org),
        "moments": moments,
        "steering_problems": selectors.steering_problems(moments),
        "databank": selectors.databank(project),
        "may_edit": may_edit,
        "body_form": BodyForm(prefix="body") if may_edit else None,
        "moment_form": MomentForm(prefix="moment", project=project) if may_edit else None,
    }
    return render(request, "implementation/overview.html", context)


@login_required
@require_POST
def body_add(request, project):
    project = get_project(request, project, EDIT)
    form = BodyForm(request.POST, prefix="body")
    if form.is_valid():
        try:
            body = services.body_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("‘%(name)s’ is toegevoegd.") % {"name": body.name})
    else:
        form_errors_as_messages(request, form)
    return _to_overview(project, "organisation-heading")


@login_required
def body_edit(request, project, body):
    project = get_project(request, project, EDIT)
    body = get_body(project, body)
    initial = {name: getattr(body, name) for name in services.BODY_FIELDS}
    form = BodyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(actor=request.user, body=body, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De wijziging is opgeslagen."))
            return _to_overview(project, "organisation-heading")
    context = {"project": project, "step": step_of(project), "body": body, "form": form}
    return render(request, "implementation/body_form.html", context)


@login_required
@require_POST
def body_delete(request, project, body):
    project = get_project(request, project, EDIT)
    body = get_body(project, body)
    services.body_delete(actor=request.user, body=body)
    messages.success(request, _("‘%(name)s’ is uit de organisatie gehaald.") % {"name": body.name})
    return _to_overview(project, "organisation-heading")


@login_required
@require_POST
def moment_add(request, project):
    project = get_project(request, project, EDIT)
    form = MomentForm(request.POST, prefix="moment", project=project)
    if form.is_valid():
        try:
            moment = services.moment_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("‘%(title)s’ is toegevoegd.") % {"title": moment.title})
    else:
        form_errors_as_messages(request, form)
    return _to_overview(project, "steering-heading")


@login_required
def moment_edit(request, project, moment):
    project = get_project(request, project, EDIT)
    moment = get_moment(project, moment)
    initial = {name: getattr(moment, name) for name in services.MOMENT_FIELDS}
    form = MomentForm(request.POST or None, initial=initial, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.moment_update(actor=request.user, moment=moment, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De wijziging is opgeslagen."))
            return _to_overview(project, "steering-heading")
    context = {"project": project, "step": step_of(project), "moment": moment, "form": form}
    return render(request, "implementation/moment_form.html", context)


@login_required
@require_POST
def moment_delete(request, project, moment):
    project = get_project(request, project, EDIT)
    moment = get_moment(project, moment)
    services.moment_delete(actor=request.user, moment=moment)
    messages.success(request, _("‘%(title)s’ is verwijderd.") % {"title": moment.title})
    return _to_overview(project, "steering-heading")
