"""The goal trees: the team's tree (the tool's main page), own trees, goals, the causes they
remove, means, deriving a first draft, submitting, adopting and merging."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from documents.diagrams import DiagramError, render_svg
from processteps.access import check, get_project
from processteps.causes.selectors import team_factors
from processteps.views.common import apply_errors

from ..charts import indicator_chart
from ..forms import GoalCauseForm, GoalForm, MeansForm, MergeGoalForm, OptionForm
from ..models import GoalCause, GoalMerge, GoalTree, Indicator, TreeKind, TreeStatus
from ..selectors import (
    TreeData,
    individual_trees,
    own_tree,
    team_tree,
    tree_diagram,
    tree_problems,
)
from ..services import derive as derive_services
from ..services import merge as merge_services
from ..services import trees as tree_services
from .common import (
    DRAFT,
    EDIT_TREE,
    MANAGE_INDICATORS,
    MANAGE_TEAM_TREE,
    REOPEN_TREE,
    SUBMIT_TREE,
    VIEW,
    WEIGH,
    back_or,
    form_errors_as_messages,
    get_goal,
    get_means,
    get_tree,
    step_of,
)

logger = logging.getLogger(__name__)


def _tree_url(tree: GoalTree) -> str:
    if tree.kind == TreeKind.TEAM:
        return reverse("goals:overview", kwargs={"project": tree.project_id})
    return reverse("goals:tree_detail", kwargs={"project": tree.project_id, "tree": tree.pk})


def _goal_url(goal) -> str:
    return reverse("goals:goal_detail", kwargs={"project": goal.tree.project_id, "goal": goal.pk})


def _tree_page(request, project, tree: GoalTree | None):
    user = request.user
    context = {
        "project": project,
        "step": step_of(project),
        "tree": tree,
        "team_tree": tree if tree is not None and tree.is_team else team_tree(project),
        "own_tree": own_tree(project, user),
        "may_draft": user.has_perm(DRAFT, project),
        "may_manage": user.has_perm(MANAGE_TEAM_TREE, project),
        "individual_trees": list(individual_trees(project)),
    }
    if tree is not None:
        data = TreeData(tree, merges=tree.is_team)
        counts = dict(
            Indicator.objects.filter(goal__tree=tree)
            .values("goal_id")
            .annotate(n=Count("pk"))
            .values_list("goal_id", "n")
        )
        for goal in data.goals:
            goal.indicator_count = counts.get(goal.pk, 0)
        svg, diagram_error = "", ""
        if data.goals:
            try:
                svg = render_svg(tree_diagram(data, links=True), element_id="doelenboom-tekening")
            except DiagramError as exc:
                logger.warning("Goal tree %s not drawn: %s", tree.pk, exc)
                diagram_error = _("De tekening kon niet worden gemaakt; de lijst is volledig.")
        context.update(
            data=data,
            problems=tree_problems(data),
            svg=svg,
            diagram_error=diagram_error,
            may_edit=user.has_perm(EDIT_TREE, tree) and tree.status == TreeStatus.DRAFT,
            may_submit=user.has_perm(SUBMIT_TREE, tree) and tree.status == TreeStatus.DRAFT,
            may_reopen=user.has_perm(REOPEN_TREE, tree) and tree.status != TreeStatus.DRAFT,
            may_adopt=tree.is_team
            and user.has_perm(MANAGE_TEAM_TREE, project)
            and tree.status == TreeStatus.DRAFT,
        )
    return render(request, "goals/tree.html", context)


@login_required
def overview(request, project):
    """The team's goal tree: the check, the diagram with its list, and the own trees."""
    project = get_project(request, project, VIEW)
    return _tree_page(request, project, team_tree(project))


@login_required
def tree_detail(request, project, tree):
    project = get_project(request, project, VIEW)
    tree = get_tree(project, tree)
    if tree.is_team:
        return redirect("goals:overview", project=project.pk)
    return _tree_page(request, project, tree)


@login_required
@require_POST
def team_start(request, project):
    """The leader starts the team's tree with a first draft from steps 5 and 8."""
    project = get_project(request, project, MANAGE_TEAM_TREE)
    tree = tree_services.team_tree_ensure(actor=request.user, project=project)
    return _derive(request, tree)


@login_required
@require_POST
def tree_mine(request, project):
    """A team member starts (or opens) their own tree."""
    project = get_project(request, project, DRAFT)
    tree = tree_services.own_tree_ensure(actor=request.user, project=project)
    return redirect(_tree_url(tree))


def _derive(request, tree):
    try:
        result = derive_services.tree_derive(actor=request.user, tree=tree)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        if result.total:
            messages.success(
                request,
                ngettext(
                    "Eerste opzet afgeleid: %(count)s doel toegevoegd (%(images)s uit "
                    "streefbeelden, %(causes)s uit oorzaken). Herformuleer de concepten.",
                    "Eerste opzet afgeleid: %(count)s doelen toegevoegd (%(images)s uit "
                    "streefbeelden, %(causes)s uit oorzaken). Herformuleer de concepten.",
                    result.total,
                )
                % {
                    "count": result.total,
                    "images": result.from_images,
                    "causes": result.from_causes,
                },
            )
        else:
            messages.info(
                request,
                _(
                    "Er was niets af te leiden: elke oorzaak van de teamanalyse en elk "
                    "vastgesteld streefbeeld heeft al een doel in deze boom."
                ),
            )
    return redirect(_tree_url(tree))


@login_required
@require_POST
def tree_derive(request, project, tree):
    project = get_project(request, project, VIEW)
    tree = get_tree(project, tree)
    check(request, EDIT_TREE, tree)
    return _derive(request, tree)


@login_required
@require_POST
def tree_submit(request, project, tree):
    project = get_project(request, project, VIEW)
    tree = get_tree(project, tree)
    check(request, SUBMIT_TREE, tree)
    try:
        tree_services.tree_submit(actor=request.user, tree=tree)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request, _("Je doelenboom is ingediend; de projectleider kan hem nu samenvoegen.")
        )
    return redirect(_tree_url(tree))


@login_required
@require_POST
def tree_reopen(request, project, tree):
    project = get_project(request, project, VIEW)
    tree = get_tree(project, tree)
    check(request, REOPEN_TREE, tree)
    tree_services.tree_reopen(actor=request.user, tree=tree)
    messages.success(request, _("De doelenboom is weer een concept en kan worden gewijzigd."))
    return redirect(_tree_url(tree))


@login_required
@require_POST
def tree_adopt(request, project, tree):
    project = get_project(request, project, MANAGE_TEAM_TREE)
    tree = get_tree(project, tree)
    try:
        tree_services.tree_adopt(actor=request.user, tree=tree)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("De doelenboom van het team is vastgesteld."))
    return redirect(_tree_url(tree))


# -- goals -------------------------------------------------------------------------------------


def _goal_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "statement": data["statement"],
        "description": data["description"],
        "level": data["level"],
        "parent": data["parent"],
        "domain": data["domain"],
        "horizon": data["horizon"],
    }


@login_required
def goal_add(request, project, tree):
    project = get_project(request, project, VIEW)
    tree = get_tree(project, tree)
    check(request, EDIT_TREE, tree)
    source = request.POST if request.method == "POST" else request.GET
    cause = None
    if source.get("cause", "").isdigit():
        cause = team_factors(project).filter(pk=source["cause"]).first()
    initial = {}
    if source.get("parent", "").isdigit():
        parent = tree.goals.filter(pk=source["parent"]).first()
        if parent is not None:
            initial = {"parent": parent, "level": parent.level + 1, "domain": parent.domain}
    if cause is not None and request.method == "GET":
        initial.setdefault("level", cause.layer + (1 if tree.goals.filter(level=0).exists() else 0))
        initial["statement"] = derive_services.draft_statement(cause)
    form = GoalForm(request.POST or None, tree=tree, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            goal = tree_services.goal_add(
                actor=request.user, tree=tree, cause=cause, **_goal_fields(form)
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het doel is toegevoegd."))
            return redirect(_goal_url(goal))
    context = {
        "project": project,
        "step": step_of(project),
        "tree": tree,
        "form": form,
        "cause": cause,
    }
    return render(request, "goals/goal_form.html", context)


@login_required
def goal_detail(request, project, goal):
    project = get_project(request, project, VIEW)
    goal = get_goal(project, goal)
    tree = goal.tree
    user = request.user
    may_edit = user.has_perm(EDIT_TREE, tree) and tree.status == TreeStatus.DRAFT
    may_weigh = tree.is_team and user.has_perm(WEIGH, project)
    options = list(goal.options.order_by("position", "id"))
    decision = getattr(goal, "decision", None) if tree.is_team else None
    indicators = list(goal.indicators.order_by("name", "id").prefetch_related("measurements"))
    for indicator in indicators:
        indicator.measurement_list = sorted(
            indicator.measurements.all(), key=lambda m: (m.measured_on, m.pk)
        )
        indicator.chart = indicator_chart(indicator, indicator.measurement_list)
    merges = list(
        GoalMerge.objects.filter(team_goal=goal).select_related("source_goal__tree__owner")
    )
    merged_into = (
        GoalMerge.objects.filter(source_goal=goal).select_related("team_goal").first()
        if not tree.is_team
        else None
    )
    context = {
        "project": project,
        "step": step_of(project),
        "tree": tree,
        "goal": goal,
        "children": list(goal.children.order_by("position", "id")),
        "cause_links": list(goal.cause_links.select_related("cause").order_by("cause__position")),
        "means": list(goal.means.order_by("position", "id")),
        "indicators": indicators,
        "options": options,
        "decision": decision,
        "merges": merges,
        "merged_into": merged_into,
        "may_edit": may_edit,
        "may_weigh": may_weigh,
        "may_manage_indicators": tree.is_team and user.has_perm(MANAGE_INDICATORS, project),
        "tree_url": _tree_url(tree),
    }
    if may_edit:
        context["means_form"] = MeansForm(prefix="means")
        context["cause_form"] = GoalCauseForm(project=project)
    if may_weigh:
        context["option_form"] = OptionForm(prefix="option")
    return render(request, "goals/goal_detail.html", context)


@login_required
def goal_edit(request, project, goal):
    project = get_project(request, project, VIEW)
    goal = get_goal(project, goal)
    check(request, EDIT_TREE, goal.tree)
    initial = {
        "statement": goal.statement,
        "description": goal.description,
        "level": goal.level,
        "parent": goal.parent,
        "domain": goal.domain,
        "horizon": goal.horizon,
    }
    form = GoalForm(request.POST or None, tree=goal.tree, goal=goal, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            tree_services.goal_update(actor=request.user, goal=goal, **_goal_fields(form))
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het doel is opgeslagen."))
            return redirect(_goal_url(goal))
    context = {"project": project, "step": step_of(project), "tree": goal.tree, "goal": goal,
               "form": form}  # fmt: skip
    return render(request, "goals/goal_form.html", context)


@login_required
@require_POST
def goal_delete(request, project, goal):
    project = get_project(request, project, VIEW)
    goal = get_goal(project, goal)
    check(request, EDIT_TREE, goal.tree)
    try:
        tree_services.goal_delete(actor=request.user, goal=goal)
    except ValidationError as exc:
        apply_errors(request, exc)
        return redirect(_goal_url(goal))
    messages.success(request, _("Het doel ‘%(goal)s’ is verwijderd.") % {"goal": goal.statement})
    return redirect(_tree_url(goal.tree))


@login_required
@require_POST
def goal_cause_add(request, project, goal):
    project = get_project(request, project, VIEW)
    goal = get_goal(project, goal)
    check(request, EDIT_TREE, goal.tree)
    form = GoalCauseForm(request.POST, project=project)
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect(_goal_url(goal))
    try:
        tree_services.goal_cause_add(
            actor=request.user, goal=goal, cause=form.cleaned_data["cause"]
        )
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("De oorzaak is gekoppeld aan het doel."))
    return redirect(_goal_url(goal))


@login_required
@require_POST
def goal_cause_remove(request, project, goal, link):
    project = get_project(request, project, VIEW)
    goal = get_goal(project, goal)
    check(request, EDIT_TREE, goal.tree)
    link = get_object_or_404(GoalCause.objects.select_related("cause"), goal=goal, pk=link)
    link.goal = goal
    try:
        tree_services.goal_cause_remove(actor=request.user, link=link)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("De koppeling met de oorzaak is verwijderd."))
    return redirect(_goal_url(goal))


# -- means -------------------------------------------------------------------------------------


@login_required
@require_POST
def means_add(request, project, goal):
    project = get_project(request, project, VIEW)
    goal = get_goal(project, goal)
    check(request, EDIT_TREE, goal.tree)
    form = MeansForm(request.POST, prefix="means")
    if form.is_valid():
        try:
            tree_services.means_add(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc)
        else:
            messages.success(request, _("Het middel is toegevoegd."))
    else:
        form_errors_as_messages(request, form)
    return back_or(request, _goal_url(goal))


@login_required
def means_edit(request, project, means):
    project = get_project(request, project, VIEW)
    means = get_means(project, means)
    goal = means.goal
    check(request, EDIT_TREE, goal.tree)
    form = MeansForm(
        request.POST or None,
        initial={"description": means.description, "details": means.details},
    )
    if request.method == "POST" and form.is_valid():
        try:
            tree_services.means_update(actor=request.user, means=means, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("Het middel is opgeslagen."))
            return redirect(_goal_url(goal))
    context = {"project": project, "step": step_of(project), "tree": goal.tree, "goal": goal,
               "means": means, "form": form}  # fmt: skip
    return render(request, "goals/means_form.html", context)


@login_required
@require_POST
def means_delete(request, project, means):
    project = get_project(request, project, VIEW)
    means = get_means(project, means)
    check(request, EDIT_TREE, means.goal.tree)
    try:
        tree_services.means_delete(actor=request.user, means=means)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Het middel is verwijderd."))
    return redirect(_goal_url(means.goal))


# -- merging -----------------------------------------------------------------------------------


@login_required
def merge(request, project):
    """The leader's view of the own trees: per submitted tree, its goals not merged yet, each
    to take over as a new team goal or to map onto a team goal."""
    project = get_project(request, project, MANAGE_TEAM_TREE)
    team = team_tree(project)
    trees = []
    for tree in individual_trees(project):
        tree.project = project
        entry = {"tree": tree, "goals": []}
        if tree.status == TreeStatus.SUBMITTED:
            data = TreeData(tree)
            merged = dict(
                GoalMerge.objects.filter(source_goal__tree=tree)
                .select_related("team_goal")
                .values_list("source_goal_id", "team_goal__statement")
            )
            for goal, depth in data.walk():
                goal.depth = depth
                goal.merged_into_statement = merged.get(goal.pk, "")
                entry["goals"].append(goal)
        trees.append(entry)
    context = {
        "project": project,
        "step": step_of(project),
        "team_tree": team,
        "team_editable": team is None or team.status == TreeStatus.DRAFT,
        "trees": trees,
        "team_goals": list(team.goals.order_by("level", "position", "id")) if team else [],
    }
    return render(request, "goals/merge.html", context)


@login_required
@require_POST
def goal_merge(request, project, goal):
    project = get_project(request, project, MANAGE_TEAM_TREE)
    source = get_goal(project, goal)
    form = MergeGoalForm(request.POST, team=team_tree(project))
    if not form.is_valid():
        form_errors_as_messages(request, form)
        return redirect("goals:merge", project=project.pk)
    try:
        target = merge_services.goal_merge(
            actor=request.user, source=source, into=form.cleaned_data["into"]
        )
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request,
            _("‘%(source)s’ is samengevoegd met het teamdoel ‘%(target)s’.")
            % {"source": source.statement, "target": target.statement},
        )
    return redirect("goals:merge", project=project.pk)


@login_required
@require_POST
def tree_merge(request, project, tree):
    project = get_project(request, project, MANAGE_TEAM_TREE)
    tree = get_tree(project, tree)
    try:
        result = merge_services.tree_merge_all(actor=request.user, tree=tree)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(
            request,
            _(
                "%(tree)s is samengevoegd: %(created)s nieuwe teamdoelen, %(mapped)s "
                "samengevoegd met een bestaand teamdoel."
            )
            % {"tree": tree, "created": result.created, "mapped": result.mapped},
        )
    return redirect("goals:merge", project=project.pk)
