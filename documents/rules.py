"""Permission rules for process documents (see processteps.rules for the predicates)."""

import rules

from processteps.rules import is_client, runs_project, works_in_project

rules.add_perm("documents.view_drafts", works_in_project)
rules.add_perm("documents.edit_sections", works_in_project)
rules.add_perm("documents.manage", runs_project)
rules.add_perm("documents.view_published", works_in_project | is_client)
