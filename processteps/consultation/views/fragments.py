"""Fragments and themes (step 4): marking quotes in an accepted report or its transcript,
filing them under the theme tree, ordering them within a theme; and full-text search."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.consultation.forms.interviews import FragmentForm, SearchForm, ThemeForm
from processteps.consultation.models import (
    Fragment,
    FragmentTheme,
    InterviewReport,
    ReportStatus,
    Theme,
    TranscriptPassage,
)
from processteps.consultation.selectors import (
    FRAGMENT_RELATED,
    NO_THEME,
    accepted_reports,
    entry_for,
    field_label,
    format_time,
    fragment_page_query,
    fragments_page,
    theme_tree_with_counts,
)
from processteps.consultation.selectors.search import search as search_project
from processteps.consultation.services import reports as report_services
from processteps.pagecache import cached_page
from processteps.views.common import apply_errors


def fragments_url(project, fragment=None) -> str:
    """The fragments page; with ``fragment``, the page (theme and page number) that shows it."""
    url = reverse("consultation:fragments", kwargs={"project": project.pk})
    if fragment is None:
        return url
    return f"{url}?{fragment_page_query(fragment)}#fragment-{fragment.pk}"


def _get_fragment(project, pk) -> Fragment:
    fragment = get_object_or_404(
        Fragment.objects.filter(project=project).select_related(*FRAGMENT_RELATED), pk=pk
    )
    fragment.project = project
    return fragment


@login_required
@cached_page
def fragments(request, project):
    project = get_project(request, project, "consultation.mark_fragments")
    shown = fragments_page(project, request.GET.get("thema", ""), request.GET.get("page"))
    context = {
        "project": project,
        "shown": shown,
        "page": shown.page,
        "may_manage_themes": request.user.has_perm("consultation.manage_themes", project),
        "accepted_reports": accepted_reports(project),
        "no_theme": NO_THEME,
    }
    return render(request, "consultation/interviews/fragments.html", context)


@login_required
def fragment_create(request, project, report):
    """Mark a fragment in an accepted report: from a passage (``?passage=``) or a field
    (``?field=``), the text pre-filled to be trimmed to the quote."""
    project = get_project(request, project, "consultation.mark_fragments")
    report = get_object_or_404(
        InterviewReport.objects.filter(interview__project=project).select_related(
            "interview__key_figure"
        ),
        pk=report,
    )
    report.interview.project = project
    if report.status != ReportStatus.ACCEPTED:
        messages.error(request, _("Fragmenten markeer je in een geaccepteerd verslag."))
        return redirect("consultation:report", project=project.pk, report=report.pk)
    source = request.POST if request.method == "POST" else request.GET
    passage = None
    source_field = ""
    if source.get("passage"):
        passage = get_object_or_404(
            TranscriptPassage.objects.filter(transcript__report=report),
            pk=_int_or_404(source.get("passage")),
        )
    elif source.get("field"):
        source_field = source.get("field")
        if source_field not in InterviewReport.CONTENT_FIELDS:
            raise Http404
    initial_text = (
        passage.text if passage else getattr(report, source_field) if source_field else ""
    )
    form = FragmentForm(request.POST or None, project=project, initial={"text": initial_text})
    if request.method == "POST" and form.is_valid():
        try:
            fragment = report_services.fragment_create(
                actor=request.user,
                report=report,
                text=form.cleaned_data["text"],
                themes=list(form.cleaned_data["themes"]),
                dimension=form.cleaned_data["dimension"],
                passage=passage,
                source_field=source_field,
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het fragment is gemarkeerd."))
            if request.POST.get("next") == "report":
                url = reverse(
                    "consultation:report", kwargs={"project": project.pk, "report": report.pk}
                )
                return redirect(f"{url}#fragments")
            return redirect(fragments_url(project, fragment))
    context = {
        "project": project,
        "report": report,
        "form": form,
        "passage": passage,
        "passage_time": format_time(passage.start) if passage else "",
        "source_field": source_field,
        "source_label": field_label(source_field),
    }
    return render(
        request,
        "consultation/interviews/fragment_form.html",
        context,
        status=400 if form.is_bound else 200,
    )


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404


@login_required
def fragment_edit(request, project, fragment):
    project = get_project(request, project, "consultation.mark_fragments")
    fragment = _get_fragment(project, fragment)
    initial = {
        "text": fragment.text,
        "themes": list(fragment.theme_links.values_list("theme_id", flat=True)),
        "dimension": fragment.dimension,
    }
    form = FragmentForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report_services.fragment_update(
                actor=request.user,
                fragment=fragment,
                text=form.cleaned_data["text"],
                themes=list(form.cleaned_data["themes"]),
                dimension=form.cleaned_data["dimension"],
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het fragment is opgeslagen."))
            return redirect(fragments_url(project, fragment))
    context = {
        "project": project,
        "report": fragment.report,
        "fragment": fragment,
        "entry": entry_for(fragment),
        "form": form,
    }
    return render(
        request,
        "consultation/interviews/fragment_form.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def fragment_delete(request, project, fragment):
    project = get_project(request, project, "consultation.mark_fragments")
    fragment = _get_fragment(project, fragment)
    report_services.fragment_delete(actor=request.user, fragment=fragment)
    messages.success(request, _("Het fragment is verwijderd."))
    return redirect(fragments_url(project))


@login_required
@require_POST
def fragment_move(request, project, fragment, theme):
    """Move a fragment one place up or down within a theme (``direction=up|down``)."""
    project = get_project(request, project, "consultation.mark_fragments")
    link = get_object_or_404(
        FragmentTheme.objects.filter(fragment__project=project, theme__project=project),
        fragment_id=fragment,
        theme_id=theme,
    )
    direction = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if direction is None:
        messages.error(request, _("Kies omhoog of omlaag."))
    else:
        report_services.fragment_move(actor=request.user, link=link, direction=direction)
    url = reverse("consultation:fragments", kwargs={"project": project.pk})
    return redirect(f"{url}?{fragment_page_query(link.fragment, theme)}#theme-{theme}")


# -- themes --------------------------------------------------------------------------------------


@login_required
def themes(request, project):
    project = get_project(request, project, "consultation.manage_themes")
    form = ThemeForm(request.POST or None, project=project)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report_services.theme_add(actor=request.user, project=project, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("Het thema is toegevoegd."))
                return redirect("consultation:themes", project=project.pk)
        status = 400
    tree = theme_tree_with_counts(project)
    return render(
        request,
        "consultation/interviews/themes.html",
        {"project": project, "tree": tree, "form": form},
        status=status,
    )


@login_required
@require_POST
def theme_remove(request, project, theme):
    project = get_project(request, project, "consultation.manage_themes")
    theme = get_object_or_404(Theme.objects.filter(project=project), pk=theme)
    theme.project = project
    name = theme.name
    report_services.theme_remove(actor=request.user, theme=theme)
    messages.success(request, _("Het thema '%(name)s' is verwijderd.") % {"name": name})
    return redirect("consultation:themes", project=project.pk)


# -- search --------------------------------------------------------------------------------------


@login_required
def search(request, project):
    project = get_project(request, project, "consultation.search")
    form = SearchForm(request.GET or None)
    results = None
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            results = search_project(project, query)
    return render(
        request,
        "consultation/interviews/search.html",
        {"project": project, "form": form, "query": query, "results": results},
    )
