"""Permission rules of the action book (step 10).

The team (members and the leader) drafts the action forms: the action, its goals and causes,
parties, budget, planning and indicators; invites the organisations with a role to comment and
records their responses. The leader adopts a form (and reopens an adopted one). A client sees
none of this work, so budgets and the parties' contact data stay within the team until the
leader publishes the Actieboek.
"""

import rules

from processteps.rules import runs_project, works_in_project

rules.add_perm("actions.view", works_in_project)
rules.add_perm("actions.draft", works_in_project)
rules.add_perm("actions.adopt", runs_project)
rules.add_perm("actions.invite", works_in_project)
