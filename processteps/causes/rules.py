"""Permission rules of the causal complexes (step 5).

Every team member builds an analysis of their own and sees only their own until they submit
it; the leader sees the submitted ones, merges them into the team analysis, edits it and marks
reinforcing loops. The whole team reads the team analysis. A client reads the team analysis
(its diagram and its factors, with only the quotes their consent lets out of the team) once the
Probleem- en oorzakenanalyse is published to them; none of the team's own work.
"""

import rules

from processteps.rules import _project_of, is_client, runs_project, works_in_project

from .models import AnalysisKind, AnalysisStatus


@rules.predicate
def is_team_analysis(user, analysis):
    return analysis.kind == AnalysisKind.TEAM


@rules.predicate
def owns_analysis(user, analysis):
    return analysis.kind == AnalysisKind.INDIVIDUAL and analysis.owner_id == user.pk


@rules.predicate
def is_submitted(user, analysis):
    return analysis.status == AnalysisStatus.SUBMITTED


@rules.predicate
def analysis_published_to_client(user, obj):
    """The Probleem- en oorzakenanalyse has a publication a client may read (cached on the
    project for the request)."""
    from documents.models import Publication
    from documents.selectors import AUDIENCES_FOR_CLIENT

    project = _project_of(obj)
    cache = project.__dict__.setdefault("_causes_published", {})
    if "client" not in cache:
        cache["client"] = (
            Publication.objects.active()
            .filter(
                document__project=project,
                document__step__key="causal_complexes",
                audience__in=AUDIENCES_FOR_CLIENT,
            )
            .exists()
        )
    return cache["client"]


rules.add_perm("causes.view", works_in_project)
# The team analysis (its page and its factors): the team, and a client once published.
rules.add_perm("causes.view_team", works_in_project | (is_client & analysis_published_to_client))
rules.add_perm("causes.draft", works_in_project)  # have an analysis of one's own
rules.add_perm(
    "causes.view_analysis",
    (is_team_analysis & works_in_project) | owns_analysis | (runs_project & is_submitted),
)
rules.add_perm("causes.edit_analysis", (is_team_analysis & runs_project) | owns_analysis)
rules.add_perm("causes.submit_analysis", owns_analysis)
rules.add_perm("causes.manage_team", runs_project)  # merge, complexes, loops
