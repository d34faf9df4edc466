"""Permission rules of the implementation plan (step 11).

The leader sets up the implementation organisation, the steering rhythm and the integral
framework's current situations; the whole team reads them, follows the monitoring and reports
the status of actions (collecting data is the team's work throughout). A client sees none of
this work, only the Uitvoeringsplan once it is published to them.
"""

import rules

from processteps.rules import runs_project, works_in_project

rules.add_perm("implementation.view", works_in_project)
rules.add_perm("implementation.edit", runs_project)
rules.add_perm("implementation.report_status", works_in_project)
