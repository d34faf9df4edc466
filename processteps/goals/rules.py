"""Permission rules of the goal tree (step 9).

Team members draft goal trees of their own; the leader edits, merges into and adopts the
team's tree, defines its indicators and records the political weighing. The whole team enters
measurements (data collection is the team's work throughout). A client sees none of this work,
only the documents published to them.
"""

import rules

from processteps.rules import runs_project, works_in_project

from .models import TreeKind


@rules.predicate
def is_team_tree(user, tree):
    return tree.kind == TreeKind.TEAM


@rules.predicate
def owns_tree(user, tree):
    return tree.kind == TreeKind.INDIVIDUAL and tree.owner_id == user.pk


rules.add_perm("goals.view", works_in_project)
rules.add_perm("goals.draft", works_in_project)  # have (and derive) a tree of one's own
rules.add_perm("goals.edit_tree", (is_team_tree & runs_project) | owns_tree)
rules.add_perm("goals.submit_tree", owns_tree)
rules.add_perm("goals.reopen_tree", (is_team_tree & runs_project) | owns_tree)
rules.add_perm("goals.manage_team_tree", runs_project)  # adopt, merge into the team's tree
rules.add_perm("goals.manage_indicators", runs_project)
rules.add_perm("goals.record_measurements", works_in_project)
rules.add_perm("goals.weigh", runs_project)
