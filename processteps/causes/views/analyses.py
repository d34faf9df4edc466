"""The analyses: the team analysis (the tool's main page, with the check, the diagrams per
complex and the list beside them), own analyses (start, edit, submit, withdraw), the problems
of the check, the side-by-side comparison of the analysts, merging, and complexes."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.diagrams import DiagramError
from processteps.access import check, get_project
from processteps.views.common import apply_errors

from ..forms import ComplexForm, FactorForm, LinkForm, MergeFactorForm, ProblemStatementForm
from ..lists import factor_list_html
from ..models import AnalysisStatus, CausalFactor, FactorMerge
from ..selectors import (
    AnalysisData,
    analysis_problems,
    complex_diagrams,
    disagreements,
    draw,
    individual_analyses,
    own_analysis,
    team_analysis,
    visible_analyses,
)
from ..services import analyses as analysis_services
from ..services import merge as merge_services
from .common import (
    DRAFT,
    EDIT_ANALYSIS,
    MANAGE_TEAM,
    SUBMIT_ANALYSIS,
    VIEW,
    VIEW_ANALYSIS,
    VIEW_TEAM,
    analysis_url,
    form_errors_as_messages,
    get_analysis,
    get_complex,
    get_factor,
    step_of,
)

logger = logging.getLogger(__name__)

LINK_FORM_LIMIT = 150


def drawings(data: AnalysisData, *, links_on: bool = True, prefix: str = "complex"):
    """(complex, svg, error) per complex of the analysis, drawn by Graphviz."""
    result = []
    for index, (complex_, factors, diagram) in enumerate(
        complex_diagrams(data, links_on=links_on), 1
    ):
        try:
            svg, error = draw(diagram, links=links_on, element_id=f"{prefix}-{index}"), ""
        except DiagramError as exc:
            logger.warning("Causal complex of analysis %s not drawn: %s", data.analysis.pk, exc)
            svg, error = "", _("De tekening kon niet worden gemaakt; de lijst is volledig.")
        result.append(
            {
                "complex": complex_,
                "title": diagram.title,
                "svg": svg,
                "error": error,
                "list_html": factor_list_html(data.layers(factors), data.analysis.project_id),
                "anchor": f"{prefix}-{index}",
            }
        )
    return result


def _analysis_page(request, project, analysis):
    user = request.user
    team_view = user.has_perm(VIEW, project)  # the team's own work, not a client's reading
    context = {
        "team_view": team_view,
        "project": project,
        "step": step_of(project),
        "analysis": analysis,
        "team": analysis if analysis is not None and analysis.is_team else team_analysis(project),
        "own": own_analysis(project, user),
        "may_draft": user.has_perm(DRAFT, project),
        "may_manage": user.has_perm(MANAGE_TEAM, project),
        "analyses": list(visible_analyses(project, user)) if team_view else [],
    }
    if analysis is not None:
        data = AnalysisData(analysis, merges=analysis.is_team and team_view)
        editable = analysis.status == AnalysisStatus.DRAFT
        may_edit = user.has_perm(EDIT_ANALYSIS, analysis) and editable
        context.update(
            data=data,
            problems=analysis_problems(data),
            drawings=drawings(data) if data.factors else [],
            may_edit=may_edit,
            may_export=user.has_perm(VIEW_ANALYSIS, analysis),
            may_submit=user.has_perm(SUBMIT_ANALYSIS, analysis) and editable,
            may_withdraw=user.has_perm(SUBMIT_ANALYSIS, analysis) and not editable,
        )
        if may_edit:
            context.update(
                statement_form=ProblemStatementForm(
                    initial={"problem_statement": analysis.problem_statement}
                ),
                factor_form=FactorForm(analysis=analysis, prefix="factor"),
                # With many factors the two long lists of choices make the page slow: links are
                # then added from a factor's own page.
                link_form=LinkForm(analysis=analysis, prefix="link", factors=data.factors)
                if 1 < len(data.factors) <= LINK_FORM_LIMIT
                else None,
            )
            if analysis.is_team:
                context["complex_form"] = ComplexForm(project=project, prefix="complex")
    return render(request, "causes/analysis.html", context)


@login_required
def overview(request, project):
    """The team analysis: the check, the diagram per complex with the list beside it."""
    project = get_project(request, project, VIEW_TEAM)
    return _analysis_page(request, project, team_analysis(project))


@login_required
@require_POST
def analysis_mine(request, project):
    """A team member starts (or opens) their own analysis."""
    project = get_project(request, project, DRAFT)
    analysis = analysis_services.own_analysis_ensure(actor=request.user, project=project)
    return redirect(analysis_url(analysis))


@login_required
@require_POST
def team_start(request, project):
    project = get_project(request, project, MANAGE_TEAM)
    analysis_services.team_analysis_ensure(actor=request.user, project=project)
    return redirect("causes:overview", project=project.pk)


@login_required
def analysis_detail(request, project, analysis):
    project = get_project(request, project, VIEW)
    analysis = get_analysis(project, analysis)
    if analysis.is_team:
        return redirect("causes:overview", project=project.pk)
    check(request, VIEW_ANALYSIS, analysis)
    return _analysis_page(request, project, analysis)


@login_required
@require_POST
def analysis_edit(request, project, analysis):
    project = get_project(request, project, VIEW)
    analysis = get_analysis(project, analysis)
    check(request, EDIT_ANALYSIS, analysis)
    form = ProblemStatementForm(request.POST)
    if form.is_valid():
        try:
            analysis_services.analysis_update(
                actor=request.user,
                analysis=analysis,
                problem_statement=form.cleaned_data["problem_statement"],
            )
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("De probleemstelling is opgeslagen."))
    else:
        form_errors_as_messages(request, form)
    return redirect(analysis_url(analysis))


@login_required
@require_POST
def analysis_submit(request, project, analysis):
    project = get_project(request, project, VIEW)
    analysis = get_analysis(project, analysis)
    check(request, SUBMIT_ANALYSIS, analysis)
    try:
        analysis_services.analysis_submit(actor=request.user, analysis=analysis)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request, _("Je analyse is ingediend; de projectleider kan haar nu samenvoegen.")
        )
    return redirect(analysis_url(analysis))


@login_required
@require_POST
def analysis_withdraw(request, project, analysis):
    project = get_project(request, project, VIEW)
    analysis = get_analysis(project, analysis)
    check(request, SUBMIT_ANALYSIS, analysis)
    analysis_services.analysis_withdraw(actor=request.user, analysis=analysis)
    messages.success(request, _("Je analyse is teruggetrokken en kan weer worden gewijzigd."))
    return redirect(analysis_url(analysis))


@login_required
def problems(request, project):
    """The findings of the check of the team analysis, each with a link to its factor."""
    project = get_project(request, project, VIEW)
    analysis = team_analysis(project)
    found = analysis_problems(AnalysisData(analysis)) if analysis is not None else []
    context = {"project": project, "step": step_of(project), "team": analysis, "problems": found}
    return render(request, "causes/problems.html", context)


@login_required
def compare(request, project):
    """Side by side: where the submitted analyses disagree (the leader, who sees them all)."""
    project = get_project(request, project, MANAGE_TEAM)
    context = {"project": project, "step": step_of(project), "result": disagreements(project)}
    return render(request, "causes/compare.html", context)


# -- merging -----------------------------------------------------------------------------------


@login_required
def merge(request, project):
    """The leader's view of the own analyses: per submitted one, its factors not merged yet,
    each to take over as a new team factor or to map onto a team factor."""
    project = get_project(request, project, MANAGE_TEAM)
    team = team_analysis(project)
    merged = dict(
        FactorMerge.objects.filter(source_factor__analysis__project=project).values_list(
            "source_factor_id", "team_factor__statement"
        )
    )
    analyses = list(individual_analyses(project, submitted_only=True))
    entries = {a.pk: {"analysis": a, "factors": []} for a in analyses}
    for factor in CausalFactor.objects.filter(analysis__in=entries).order_by(
        "analysis_id", "position", "id"
    ):
        factor.merged_into_statement = merged.get(factor.pk, "")
        entries[factor.analysis_id]["factors"].append(factor)
    entries = list(entries.values())
    context = {
        "project": project,
        "step": step_of(project),
        "team": team,
        "entries": entries,
        "team_factors": list(team.factors.order_by("kind", "position", "id")) if team else [],
    }
    return render(request, "causes/merge.html", context)


@login_required
@require_POST
def factor_merge(request, project, factor):
    project = get_project(request, project, MANAGE_TEAM)
    source = get_factor(project, factor)
    form = MergeFactorForm(request.POST, team=team_analysis(project))
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("causes:merge", project=project.pk)
    try:
        target = merge_services.factor_merge(
            actor=request.user, source=source, into=form.cleaned_data["into"]
        )
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request,
            _("‘%(source)s’ is samengevoegd met de teamfactor ‘%(target)s’.")
            % {"source": source.statement, "target": target.statement},
        )
    return redirect("causes:merge", project=project.pk)


@login_required
@require_POST
def analysis_merge(request, project, analysis):
    project = get_project(request, project, MANAGE_TEAM)
    analysis = get_analysis(project, analysis)
    try:
        result = merge_services.analysis_merge_all(actor=request.user, analysis=analysis)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request,
            _(
                "%(analysis)s is samengevoegd: %(created)s nieuwe teamfactoren, %(mapped)s "
                "samengevoegd met een bestaande, %(links)s nieuwe verbanden."
            )
            % {
                "analysis": analysis,
                "created": result.created,
                "mapped": result.mapped,
                "links": result.links,
            },
        )
    return redirect("causes:merge", project=project.pk)


# -- complexes ---------------------------------------------------------------------------------


@login_required
@require_POST
def complex_add(request, project):
    project = get_project(request, project, MANAGE_TEAM)
    team = analysis_services.team_analysis_ensure(actor=request.user, project=project)
    form = ComplexForm(request.POST, project=project, prefix="complex")
    if form.is_valid():
        try:
            analysis_services.complex_add(actor=request.user, analysis=team, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("Het complex is toegevoegd."))
    else:
        form_errors_as_messages(request, form)
    return redirect("causes:overview", project=project.pk)


@login_required
def complex_edit(request, project, complex):
    project = get_project(request, project, VIEW)
    complex_ = get_complex(project, complex)
    check(request, EDIT_ANALYSIS, complex_.analysis)
    form = ComplexForm(
        request.POST or None,
        project=project,
        initial={"name": complex_.name, "description": complex_.description,
                 "theme": complex_.theme_id},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            analysis_services.complex_update(
                actor=request.user, complex_=complex_, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het complex is opgeslagen."))
            return redirect(analysis_url(complex_.analysis))
    context = {"project": project, "step": step_of(project), "complex": complex_, "form": form}
    return render(request, "causes/complex_form.html", context)


@login_required
@require_POST
def complex_delete(request, project, complex):
    project = get_project(request, project, VIEW)
    complex_ = get_complex(project, complex)
    check(request, EDIT_ANALYSIS, complex_.analysis)
    try:
        analysis_services.complex_delete(actor=request.user, complex_=complex_)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Het complex is verwijderd; zijn factoren blijven staan."))
    return redirect(analysis_url(complex_.analysis))
