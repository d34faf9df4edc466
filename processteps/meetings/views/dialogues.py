"""Citizen dialogues (step 7): World Café rounds and tables, the harvest, participation
figures and the host's judgement; the reasoned response to every harvest item (step 8)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import check, get_project
from processteps.models import Domain
from processteps.views.common import apply_errors

from .. import selectors
from ..forms import (
    CitizenTargetForm,
    HarvestItemForm,
    HarvestResponseForm,
    ParticipationForm,
    RoundForm,
    TableForm,
)
from ..models import CafeRound, CafeTable, HarvestItem, InterventionPoint, MeetingKind
from ..services import dialogues as services
from .common import MANAGE, RECORD, VIEW, get_in_meeting, get_meeting, submit, to_meeting

PAGE_SIZE = 100


def _dialogue(request, project, meeting, perm=VIEW):
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    if meeting.kind != MeetingKind.DIALOGUE:
        raise Http404
    if perm != VIEW:
        check(request, perm, meeting)
    return project, meeting


def _cafe_url(meeting):
    return redirect("meetings:cafe", project=meeting.project_id, meeting=meeting.pk)


@login_required
def cafe(request, project, meeting):
    project, meeting = _dialogue(request, project, meeting)
    may_record = request.user.has_perm(RECORD, meeting)
    return render(
        request,
        "meetings/cafe.html",
        {
            "project": project,
            "meeting": meeting,
            "rounds": list(meeting.rounds.all()),
            "tables": list(meeting.tables.all()),
            "may_record": may_record,
            "round_form": RoundForm() if may_record else None,
            "table_form": TableForm() if may_record else None,
        },
    )


@login_required
@require_POST
def round_add(request, project, meeting):
    project, meeting = _dialogue(request, project, meeting, RECORD)
    submit(
        request,
        RoundForm(request.POST),
        lambda **data: services.round_add(actor=request.user, meeting=meeting, **data),
        _("De ronde is toegevoegd."),
    )
    return _cafe_url(meeting)


@login_required
@require_POST
def round_delete(request, project, meeting, round):  # noqa: A002
    project, meeting = _dialogue(request, project, meeting, RECORD)
    cafe_round = get_in_meeting(CafeRound, meeting, round)
    services.round_delete(actor=request.user, cafe_round=cafe_round)
    messages.success(request, _("De ronde is verwijderd."))
    return _cafe_url(meeting)


@login_required
@require_POST
def table_add(request, project, meeting):
    project, meeting = _dialogue(request, project, meeting, RECORD)
    submit(
        request,
        TableForm(request.POST),
        lambda **data: services.table_add(actor=request.user, meeting=meeting, **data),
        _("De tafel is toegevoegd."),
    )
    return _cafe_url(meeting)


@login_required
@require_POST
def table_edit(request, project, meeting, table):
    project, meeting = _dialogue(request, project, meeting, RECORD)
    table = get_in_meeting(CafeTable, meeting, table)
    submit(
        request,
        TableForm(request.POST),
        lambda **data: services.table_update(actor=request.user, table=table, **data),
        _("De tafel is opgeslagen."),
    )
    return _cafe_url(meeting)


@login_required
@require_POST
def table_delete(request, project, meeting, table):
    project, meeting = _dialogue(request, project, meeting, RECORD)
    table = get_in_meeting(CafeTable, meeting, table)
    services.table_delete(actor=request.user, table=table)
    messages.success(request, _("De tafel is verwijderd."))
    return _cafe_url(meeting)


# -- the harvest --------------------------------------------------------------------------------


def _harvest_form(meeting, data=None, **kwargs):
    project = meeting.project
    return HarvestItemForm(
        data,
        meeting=meeting,
        factors=selectors.offered_factors(project),
        points=InterventionPoint.objects.filter(project=project),
        **kwargs,
    )


def _harvest_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.setdefault("round", None)
    data.setdefault("table", None)
    return data


@login_required
def meeting_harvest(request, project, meeting):
    """A dialogue's harvest: the list (paged) and, for its host, the form to add to it."""
    project, meeting = _dialogue(request, project, meeting)
    may_record = request.user.has_perm(RECORD, meeting)
    form = _harvest_form(meeting, request.POST or None) if may_record else None
    status = 200
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.harvest_add(actor=request.user, meeting=meeting, **_harvest_data(form))
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De opbrengst is vastgelegd."))
                return redirect("meetings:meeting_harvest", project=project.pk, meeting=meeting.pk)
        status = 400
    page = Paginator(selectors.harvest_for_meeting(meeting), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "meetings/harvest_meeting.html",
        {"project": project, "meeting": meeting, "page": page, "form": form,
         "may_record": may_record},
        status=status,
    )  # fmt: skip


def _get_item(project, pk) -> HarvestItem:
    item = get_object_or_404(
        HarvestItem.objects.filter(project=project).select_related("meeting__chair"), pk=pk
    )
    item.project = item.meeting.project = project
    return item


@login_required
def harvest_edit(request, project, item):
    project = get_project(request, project, VIEW)
    item = _get_item(project, item)
    meeting = item.meeting
    check(request, RECORD, meeting)
    initial = {
        "text": item.text,
        "round": item.round_id,
        "table": item.table_id,
        "domains": list(item.domain_tags.values_list("domain", flat=True)),
        "causes": list(item.causes.values_list("pk", flat=True)),
        "intervention_points": list(item.intervention_points.values_list("pk", flat=True)),
    }
    form = _harvest_form(meeting, request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.harvest_update(actor=request.user, item=item, **_harvest_data(form))
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De opbrengst is opgeslagen."))
                return redirect("meetings:meeting_harvest", project=project.pk, meeting=meeting.pk)
        status = 400
    return render(
        request,
        "meetings/simple_form.html",
        {
            "project": project,
            "form": form,
            "title": _("Opbrengst bewerken"),
            "meeting": meeting,
        },
        status=status,
    )


@login_required
@require_POST
def harvest_delete(request, project, item):
    project = get_project(request, project, VIEW)
    item = _get_item(project, item)
    check(request, RECORD, item.meeting)
    try:
        services.harvest_delete(actor=request.user, item=item)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("De opbrengst is verwijderd."))
    return redirect("meetings:meeting_harvest", project=project.pk, meeting=item.meeting_id)


def _filtered_harvest(request, project):
    items = selectors.harvest_for_project(project)
    domain = request.GET.get("domain", "")
    if domain in Domain.values:
        items = items.filter(domain_tags__domain=domain)
    else:
        domain = ""
    return items, domain


@login_required
def harvest(request, project):
    """All harvest of the project's dialogues, filterable by domain, paged."""
    project = get_project(request, project, VIEW)
    items, domain = _filtered_harvest(request, project)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/harvest.html",
        {
            "project": project,
            "page": page,
            "domain": domain,
            "domains": Domain.choices,
            "dialogues": selectors.meetings_for_project(project, kind=MeetingKind.DIALOGUE),
        },
    )


@login_required
def responses(request, project):
    """Step 8: every harvest item gets a reasoned response — taken up by which target image,
    or why not. Items still without one come first."""
    project = get_project(request, project, VIEW)
    open_only = request.GET.get("open") == "1"
    items = selectors.harvest_for_project(project)
    if open_only:
        items = items.filter(citations__isnull=True, response="")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/responses.html",
        {
            "project": project,
            "page": page,
            "open_only": open_only,
            "without": selectors.harvest_without_response(project).count(),
            "may_manage": request.user.has_perm(MANAGE, project),
        },
    )


@login_required
@require_POST
def harvest_respond(request, project, item):
    project = get_project(request, project, MANAGE)
    item = _get_item(project, item)
    form = HarvestResponseForm(request.POST)
    if form.is_valid():
        try:
            services.harvest_respond(
                actor=request.user, item=item, response=form.cleaned_data["response"]
            )
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("De reactie is opgeslagen."))
    return redirect(f"{_responses_url(project)}#item-{item.pk}")


def _responses_url(project):
    from django.urls import reverse

    return reverse("meetings:responses", kwargs={"project": project.pk})


# -- participation ------------------------------------------------------------------------------


@login_required
def participation(request, project):
    """Participation figures per dialogue and in total; the leader sets the target."""
    project = get_project(request, project, VIEW)
    may_manage = request.user.has_perm(MANAGE, project)
    target = selectors.citizen_target(project)
    form = CitizenTargetForm(request.POST or None, initial={"citizen_target": target})
    status = 200
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.citizen_target_set(
                    actor=request.user,
                    project=project,
                    target=form.cleaned_data["citizen_target"],
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("Het beoogde aantal burgers is opgeslagen."))
                return redirect("meetings:participation", project=project.pk)
        status = 400
    figures = selectors.participation(project, held_only=False)
    totals = selectors.participation_totals([f for f in figures if f.meeting.status == "held"])
    return render(
        request,
        "meetings/participation.html",
        {
            "project": project,
            "figures": figures,
            "totals": totals,
            "target": target,
            "form": form if may_manage else None,
            "enough": selectors.enough_citizens(project),
            "in_freedom": selectors.dialogues_in_freedom(project),
        },
        status=status,
    )


@login_required
@require_POST
def participation_record(request, project, meeting):
    project, meeting = _dialogue(request, project, meeting, RECORD)
    submit(
        request,
        ParticipationForm(request.POST),
        lambda **data: services.participation_record(actor=request.user, meeting=meeting, **data),
        _("De deelname en het oordeel zijn vastgelegd."),
    )
    return to_meeting(meeting, "participation")
