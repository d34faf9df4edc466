"""Permission rules of the causal complexes (step 5).

Every team member builds an analysis of their own and sees only their own until they submit
it; the leader sees the submitted ones, merges them into the team analysis, edits it and marks
reinforcing loops. The whole team reads the team analysis. A client sees none of this work,
only the Probleem- en oorzakenanalyse once it is published to them.
"""

import rules

from processteps.rules import runs_project, works_in_project

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


rules.add_perm("causes.view", works_in_project)
rules.add_perm("causes.draft", works_in_project)  # have an analysis of one's own
rules.add_perm(
    "causes.view_analysis",
    (is_team_analysis & works_in_project) | owns_analysis | (runs_project & is_submitted),
)
rules.add_perm("causes.edit_analysis", (is_team_analysis & runs_project) | owns_analysis)
rules.add_perm("causes.submit_analysis", owns_analysis)
rules.add_perm("causes.manage_team", runs_project)  # merge, complexes, loops
