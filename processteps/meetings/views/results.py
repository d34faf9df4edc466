"""Minutes (written in the app, approved by the chair, a PDF), fundamental questions and
intervention points (step 6)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import check, get_project
from processteps.views.common import apply_errors

from .. import selectors
from ..forms import InterventionPointForm, MinutesForm, QuestionForm
from ..models import FundamentalQuestion, InterventionPoint, QuestionAnswer
from ..services import meetings as meeting_services
from ..services import results as services
from .common import APPROVE, MANAGE, RECORD, VIEW, get_in_project, get_meeting


def _as_html(text: str) -> str:
    """Plain text becomes paragraphs; text with markup is kept (the service sanitises it)."""
    return text if "<" in text else linebreaks(text, autoescape=True)


@login_required
def minutes(request, project, meeting):
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    check(request, RECORD, meeting)
    current = services.minutes_for(meeting)
    questions = list(services.treated_questions(meeting))
    answers = {a.question_id: a.answer for a in QuestionAnswer.objects.filter(meeting=meeting)}
    initial = {"text": current.text, "revision": current.revision}
    initial.update({f"answer_{q.pk}": answers.get(q.pk, "") for q in questions})
    form = MinutesForm(request.POST or None, questions=questions, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.minutes_save(
                    actor=request.user,
                    meeting=meeting,
                    text=_as_html(form.cleaned_data["text"]),
                    revision=form.cleaned_data["revision"],
                    answers=form.answers(),
                )
            except ValidationError as exc:
                apply_errors(request, exc)
            else:
                messages.success(request, _("Het verslag is opgeslagen."))
                return redirect("meetings:minutes", project=project.pk, meeting=meeting.pk)
        status = 400
    return render(
        request,
        "meetings/minutes.html",
        {
            "project": project,
            "meeting": meeting,
            "minutes": current,
            "form": form,
            "may_approve": request.user.has_perm(APPROVE, meeting),
        },
        status=status,
    )


@login_required
@require_POST
def minutes_approve(request, project, meeting):
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    check(request, APPROVE, meeting)
    try:
        services.minutes_approve(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Het verslag is goedgekeurd; de PDF wordt gemaakt."))
    return redirect("meetings:minutes", project=project.pk, meeting=meeting.pk)


@login_required
@require_POST
def minutes_reopen(request, project, meeting):
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    check(request, APPROVE, meeting)
    try:
        services.minutes_reopen(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Het verslag is heropend."))
    return redirect("meetings:minutes", project=project.pk, meeting=meeting.pk)


@login_required
@require_POST
def minutes_render(request, project, meeting):
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    check(request, RECORD, meeting)
    current = services.minutes_for(meeting)
    if current.pk is None:
        raise Http404
    try:
        queued = services.minutes_render_request(actor=request.user, minutes=current)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("De PDF wordt gemaakt.") if queued else _("De PDF is er al."))
    return redirect("meetings:minutes", project=project.pk, meeting=meeting.pk)


@login_required
def minutes_pdf(request, project, meeting):
    project = get_project(request, project, VIEW)
    meeting = get_meeting(project, meeting)
    current = services.minutes_for(meeting)
    if not current.is_approved or not current.pdf or current.render_status != "ready":
        raise Http404(_("Er is (nog) geen PDF van dit verslag."))
    return FileResponse(
        current.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"verslag-{slugify(meeting.title) or meeting.pk}.pdf",
    )


# -- fundamental questions ----------------------------------------------------------------------


@login_required
def questions(request, project):
    project = get_project(request, project, VIEW)
    may_manage = request.user.has_perm(MANAGE, project)
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting_services.question_add(
                    actor=request.user, project=project, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De fundamentele vraag is toegevoegd."))
                return redirect("meetings:questions", project=project.pk)
        status = 400
    return render(
        request,
        "meetings/questions.html",
        {
            "project": project,
            "questions": selectors.questions_with_answers(project),
            "form": form if may_manage else None,
            "may_manage": may_manage,
        },
        status=status,
    )


@login_required
def question_edit(request, project, question):
    project = get_project(request, project, MANAGE)
    question = get_in_project(FundamentalQuestion, project, question)
    form = QuestionForm(
        request.POST or None, initial={"text": question.text, "explanation": question.explanation}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting_services.question_update(
                    actor=request.user, question=question, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De fundamentele vraag is opgeslagen."))
                return redirect("meetings:questions", project=project.pk)
        status = 400
    return render(
        request,
        "meetings/simple_form.html",
        {
            "project": project,
            "form": form,
            "title": _("Fundamentele vraag bewerken"),
            "back": ("meetings:questions", _("Fundamentele vragen")),
        },
        status=status,
    )


@login_required
@require_POST
def question_delete(request, project, question):
    project = get_project(request, project, MANAGE)
    question = get_in_project(FundamentalQuestion, project, question)
    meeting_services.question_delete(actor=request.user, question=question)
    messages.success(request, _("De fundamentele vraag is verwijderd."))
    return redirect("meetings:questions", project=project.pk)


# -- intervention points ------------------------------------------------------------------------


def _point_data(form) -> dict:
    return dict(form.cleaned_data)


@login_required
def intervention_points(request, project):
    project = get_project(request, project, VIEW)
    may_manage = request.user.has_perm(MANAGE, project)
    form = InterventionPointForm(request.POST or None, project=project)
    status = 200
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.intervention_point_add(
                    actor=request.user, project=project, **_point_data(form)
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("Het interventiepunt is toegevoegd."))
                return redirect("meetings:intervention_points", project=project.pk)
        status = 400
    points = (
        selectors.intervention_points(project)
        .select_related("cause__complex")
        .prefetch_related("supporting_meetings")
    )
    return render(
        request,
        "meetings/intervention_points.html",
        {
            "project": project,
            "points": points,
            "form": form if may_manage else None,
            "has_causes": selectors.offered_causes(project).exists(),
            "may_manage": may_manage,
        },
        status=status,
    )


@login_required
def point_edit(request, project, point):
    project = get_project(request, project, MANAGE)
    point = get_in_project(InterventionPoint, project, point, select=("cause__analysis",))
    initial = {
        "cause": point.cause_id,
        "title": point.title,
        "arena": point.arena,
        "who_can_act": point.who_can_act,
        "argument": point.argument,
        "supporting_meetings": list(point.supporting_meetings.values_list("pk", flat=True)),
    }
    form = InterventionPointForm(request.POST or None, project=project, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.intervention_point_update(
                    actor=request.user, point=point, **_point_data(form)
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("Het interventiepunt is opgeslagen."))
                return redirect("meetings:intervention_points", project=project.pk)
        status = 400
    return render(
        request,
        "meetings/simple_form.html",
        {
            "project": project,
            "form": form,
            "title": _("Interventiepunt bewerken"),
            "back": ("meetings:intervention_points", _("Interventiepunten")),
        },
        status=status,
    )


@login_required
@require_POST
def point_delete(request, project, point):
    project = get_project(request, project, MANAGE)
    point = get_in_project(InterventionPoint, project, point)
    services.intervention_point_delete(actor=request.user, point=point)
    messages.success(request, _("Het interventiepunt is verwijderd."))
    return redirect("meetings:intervention_points", project=project.pk)
