"""The action book: the list of action forms with their completeness, the overview of
incomplete forms, the form (with its inline parts), the detail page, adopting, the evidence
chain (from an action and from a cause), the gaps, invitations to comment and responses, and
the XLSX export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.causes.selectors import team_causes
from processteps.views.common import apply_errors

from ..forms import INLINES, ActionMainForm, CommentForm, InviteForm, rows_of
from ..selectors import (
    CHECKS,
    action_chain,
    cause_chain,
    gaps,
    incomplete,
    project_actions,
    summary,
)
from ..services import actions as services
from ..services import invitations as invitation_services
from ..services.export import actions_xlsx
from .common import (
    ADOPT,
    DRAFT,
    INVITE,
    VIEW,
    get_action,
    get_comment,
    get_invitation,
    get_milestone,
    get_plain_action,
    step_of,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _detail_url(action) -> str:
    return reverse(
        "actions:action_detail", kwargs={"project": action.project_id, "action": action.pk}
    )


def _base(project, **extra) -> dict:
    return {"project": project, "step": step_of(project), **extra}


@login_required
def action_list(request, project):
    project = get_project(request, project, VIEW)
    actions = project_actions(project)
    context = _base(
        project,
        actions=actions,
        summary=summary(actions),
        may_draft=request.user.has_perm(DRAFT, project),
    )
    return render(request, "actions/action_list.html", context)


@login_required
def incomplete_list(request, project):
    project = get_project(request, project, VIEW)
    actions = project_actions(project)
    context = _base(project, actions=incomplete(actions), summary=summary(actions), checks=CHECKS)
    return render(request, "actions/incomplete.html", context)


@login_required
def gaps_view(request, project):
    project = get_project(request, project, VIEW)
    return render(request, "actions/gaps.html", _base(project, gaps=gaps(project)))


def _inline_formsets(request, initial=None):
    data = request.POST if request.method == "POST" else None
    initial = initial or {}
    return [
        (key, label, formset_class(data, prefix=key, initial=initial.get(key)))
        for key, formset_class, label in INLINES
    ]


def _form_page(request, project, action=None):
    initial_main, initial_rows = None, None
    if action is not None:
        form_data = services.action_form_of(action)
        initial_main = {
            **form_data.fields,
            "goals": form_data.goals,
            "causes": form_data.causes,
        }
        initial_rows = {
            "parties": form_data.parties,
            "budget": form_data.budget,
            "milestones": form_data.milestones,
            "indicators": form_data.indicators,
        }
    form = ActionMainForm(request.POST or None, project=project, initial=initial_main)
    inlines = _inline_formsets(request, initial_rows)
    if request.method == "POST":
        valid = form.is_valid()
        results = [fs.is_valid() for _k, _l, fs in inlines]  # every one, to show all errors
        valid = all(results) and valid
        if valid:
            data = dict(form.cleaned_data)
            goals, causes = data.pop("goals"), data.pop("causes")
            nested = {key: rows_of(fs) for key, _label, fs in inlines}
            try:
                saved = services.action_save(
                    actor=request.user,
                    project=project,
                    action=action,
                    form=services.ActionForm(
                        fields=data, goals=list(goals), causes=list(causes), **nested
                    ),
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
                if hasattr(exc, "error_dict"):
                    for key, _label, _fs in inlines:
                        for message in exc.message_dict.get(key, []):
                            messages.error(request, message)
            else:
                messages.success(request, _("Het actieformulier is opgeslagen."))
                return redirect(_detail_url(saved))
    context = _base(project, action=action, form=form, inlines=inlines)
    return render(request, "actions/action_form.html", context)


@login_required
def action_add(request, project):
    project = get_project(request, project, DRAFT)
    return _form_page(request, project)


@login_required
def action_edit(request, project, action):
    project = get_project(request, project, DRAFT)
    action = get_action(project, action)
    if action.is_adopted:
        messages.error(
            request, _("Dit actieformulier is vastgesteld. De projectleider heropent het eerst.")
        )
        return redirect(_detail_url(action))
    return _form_page(request, project, action)


@login_required
def action_detail(request, project, action):
    project = get_project(request, project, VIEW)
    action = get_action(project, action, measurements=True, comments=True)
    user = request.user
    context = _base(
        project,
        action=action,
        may_draft=user.has_perm(DRAFT, project),
        may_adopt=user.has_perm(ADOPT, project),
        may_invite=user.has_perm(INVITE, project),
    )
    return render(request, "actions/action_detail.html", context)


@login_required
@require_POST
def action_delete(request, project, action):
    project = get_project(request, project, DRAFT)
    action = get_plain_action(project, action)
    try:
        services.action_delete(actor=request.user, action=action)
    except ValidationError as exc:
        apply_errors(request, exc)
        return redirect(_detail_url(action))
    messages.success(request, _("De actie ‘%(title)s’ is verwijderd.") % {"title": action.title})
    return redirect("actions:action_list", project=project.pk)


@login_required
@require_POST
def action_adopt(request, project, action):
    project = get_project(request, project, ADOPT)
    action = get_plain_action(project, action)
    try:
        services.action_adopt(actor=request.user, action=action)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Het actieformulier is vastgesteld."))
    return redirect(_detail_url(action))


@login_required
@require_POST
def action_reopen(request, project, action):
    project = get_project(request, project, ADOPT)
    action = get_plain_action(project, action)
    services.action_reopen(actor=request.user, action=action)
    messages.success(request, _("Het actieformulier is heropend."))
    return redirect(_detail_url(action))


@login_required
@require_POST
def milestone_toggle(request, project, milestone):
    project = get_project(request, project, DRAFT)
    milestone = get_milestone(project, milestone)
    services.milestone_toggle(actor=request.user, milestone=milestone)
    return redirect(_detail_url(milestone.action))


# -- the evidence chain ----------------------------------------------------------------------


@login_required
def action_chain_view(request, project, action):
    project = get_project(request, project, VIEW)
    action = get_action(project, action)
    context = _base(project, action=action, chain=action_chain(action))
    return render(request, "actions/chain.html", context)


@login_required
def cause_chain_view(request, project, cause):
    project = get_project(request, project, VIEW)
    cause = get_object_or_404(team_causes(project), pk=cause)
    context = _base(project, link=cause_chain(project, cause))
    return render(request, "actions/cause_chain.html", context)


# -- invitations and responses ---------------------------------------------------------------


@login_required
def action_invite(request, project, action):
    project = get_project(request, project, INVITE)
    action = get_action(project, action, comments=True)
    form = InviteForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            sent = invitation_services.invitations_send(
                actor=request.user,
                action=action,
                parties=form.cleaned_data["parties"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(
                request,
                _("%(count)s uitnodiging(en) in de wachtrij gezet.") % {"count": len(sent)},
            )
            return redirect(_detail_url(action))
    return render(request, "actions/invite.html", _base(project, action=action, form=form))


@login_required
def comment_add(request, project, action):
    project = get_project(request, project, INVITE)
    action = get_plain_action(project, action)
    invitation = None
    wanted = request.POST.get("invitation") or request.GET.get("invitation")
    if wanted and str(wanted).isdigit():
        invitation = get_invitation(action, int(wanted))
    initial = {
        "received_on": timezone.localdate(),
        "organisation": invitation.organisation if invitation else "",
    }
    form = CommentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_services.comment_record(
                actor=request.user, action=action, invitation=invitation, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De reactie is vastgelegd."))
            return redirect(_detail_url(action))
    context = _base(project, action=action, form=form, invitation=invitation)
    return render(request, "actions/comment_form.html", context)


@login_required
@require_POST
def comment_delete(request, project, comment):
    project = get_project(request, project, INVITE)
    comment = get_comment(project, comment)
    invitation_services.comment_delete(actor=request.user, comment=comment)
    messages.success(request, _("De reactie is verwijderd."))
    return redirect(_detail_url(comment.action))


# -- export ----------------------------------------------------------------------------------


@login_required
def export_xlsx(request, project):
    project = get_project(request, project, VIEW)
    content = actions_xlsx(project_actions(project, measurements=True))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="acties-{project.slug}.xlsx"'
    return response
