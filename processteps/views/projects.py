"""Home, projects, dashboard, activity, members and agreements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.forms import (
    AgreementForm,
    CommitmentForm,
    MemberAddForm,
    MemberRoleForm,
    ProjectForm,
)
from processteps.models import Membership, Project, Role
from processteps.pagecache import cached_page
from processteps.registry import links_for, public_home_panels
from processteps.selectors import activity_for, next_tasks, steps_timeline
from processteps.services import members as member_services
from processteps.services import projects as project_services

from .common import apply_errors


def home(request):
    if not request.user.is_authenticated:
        # A visitor without an account: what the public may read (the tools add it).
        return render(
            request, "processteps/public_home.html", {"panels": public_home_panels(request)}
        )
    projects = Project.objects.for_user(request.user).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.filter(user=request.user))
    )
    my_tasks, my_tasks_total = next_tasks(request.user)  # the next ten, and a link to all
    return render(
        request,
        "processteps/home.html",
        {"projects": projects, "my_tasks": my_tasks, "my_tasks_total": my_tasks_total},
    )


@login_required
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = project_services.project_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Het project is aangemaakt met de elf stappen van de methode."))
        return redirect(project)
    return render(request, "processteps/project_form.html", {"form": form})


@login_required
@cached_page
def dashboard(request, project):
    project = get_project(request, project)
    steps = list(project.steps.with_counts().order_by("number"))
    entries = activity_for(request.user, project, limit=10)
    my_tasks, my_tasks_total = next_tasks(request.user, project)
    context = {
        "project": project,
        "steps": steps,
        "timeline": steps_timeline(steps),
        "agreements": project.agreements.all(),
        "entries": entries,
        "my_tasks": my_tasks,
        "my_tasks_total": my_tasks_total,
        "completed": sum(1 for s in steps if s.status == "completed"),
        "tool_links": links_for(request.user, project, dashboard=True),
    }
    return render(request, "processteps/dashboard.html", context)


@login_required
def project_edit(request, project):
    project = get_project(request, project, "processteps.change_project")
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        # The ModelForm has put the cleaned values on the instance; the service saves them.
        fresh = Project.objects.get(pk=project.pk)
        project_services.project_update(actor=request.user, project=fresh, **form.cleaned_data)
        messages.success(request, _("De projectgegevens zijn opgeslagen."))
        return redirect(project)
    return render(request, "processteps/project_form.html", {"form": form, "project": project})


@login_required
def activity(request, project):
    project = get_project(request, project)
    entries = activity_for(request.user, project, limit=200)
    return render(request, "processteps/activity.html", {"project": project, "entries": entries})


@login_required
def members(request, project):
    project = get_project(request, project, "processteps.view_members")
    may_manage = request.user.has_perm("processteps.manage_members", project)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                membership = member_services.member_add(
                    actor=request.user, project=project, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                if membership.user.has_usable_password():
                    messages.success(
                        request,
                        _("%(name)s is toegevoegd aan het project.")
                        % {"name": membership.user.email},
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Er is een account aangemaakt voor %(email)s; "
                            "er gaat een e-mail uit om een wachtwoord in te stellen."
                        )
                        % {"email": membership.user.email},
                    )
                return redirect("processteps:members", project=project.pk)
    memberships = project.memberships.select_related("user").order_by("role", "user__first_name")
    own = next((m for m in memberships if m.user_id == request.user.pk), None)
    return render(
        request,
        "processteps/members.html",
        {
            "project": project,
            "memberships": memberships,
            "form": form if may_manage else None,
            "may_manage": may_manage,
            "role_form": MemberRoleForm(),
            "commitment_form": CommitmentForm(initial={"commitment": own.commitment})
            if own
            else None,
        },
    )


@login_required
@require_POST
def member_role(request, project, membership):
    project = get_project(request, project, "processteps.manage_members")
    membership = get_object_or_404(
        project.memberships.select_related("user", "project"), pk=membership
    )
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            member_services.member_set_role(
                actor=request.user, membership=membership, role=form.cleaned_data["role"]
            )
            messages.success(request, _("De rol is gewijzigd."))
        except ValidationError as exc:
            apply_errors(request, exc)
    else:
        messages.error(request, _("Kies een geldige rol."))
    return redirect("processteps:members", project=project.pk)


@login_required
@require_POST
def member_remove(request, project, membership):
    project = get_project(request, project, "processteps.manage_members")
    membership = get_object_or_404(
        project.memberships.select_related("user", "project"), pk=membership
    )
    try:
        member_services.member_remove(actor=request.user, membership=membership)
        messages.success(
            request, _("%(name)s is uit het project verwijderd.") % {"name": membership.user}
        )
    except ValidationError as exc:
        apply_errors(request, exc)
    return redirect("processteps:members", project=project.pk)


@login_required
@require_POST
def commitment(request, project):
    project = get_project(request, project, "processteps.set_commitment")
    membership = project.memberships.select_related("project", "user").filter(user=request.user)
    membership = membership.first()
    if membership is None or membership.role not in (Role.LEADER, Role.MEMBER):
        raise PermissionDenied  # e.g. a site admin, who is no member of the project
    form = CommitmentForm(request.POST)
    if form.is_valid():
        member_services.commitment_set(
            actor=request.user, membership=membership, commitment=form.cleaned_data["commitment"]
        )
        messages.success(request, _("Je inzet is vastgelegd."))
    else:
        for error in form.errors.get("commitment", []):
            messages.error(request, error)
    return redirect("processteps:members", project=project.pk)


@login_required
@require_POST
def agreement_add(request, project):
    project = get_project(request, project, "processteps.change_project")
    form = AgreementForm(request.POST)
    if form.is_valid():
        project_services.agreement_add(
            actor=request.user, project=project, text=form.cleaned_data["text"]
        )
        messages.success(request, _("De afspraak is toegevoegd."))
    else:
        messages.error(request, _("Een afspraak heeft tekst nodig (maximaal 300 tekens)."))
    return redirect(project)


@login_required
@require_POST
def agreement_remove(request, project, agreement):
    project = get_project(request, project, "processteps.change_project")
    agreement = get_object_or_404(project.agreements.select_related("project"), pk=agreement)
    project_services.agreement_remove(actor=request.user, agreement=agreement)
    messages.success(request, _("De afspraak is verwijderd."))
    return redirect(project)
