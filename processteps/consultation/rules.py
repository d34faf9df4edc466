"""Permission rules of the consultation round (steps 2-4). Contact details of key figures,
interviews, reports and fragments are for the leader and the team only."""

import rules

from processteps.rules import is_leader, is_team_member, runs_project, works_in_project

rules.add_perm("consultation.view_key_figures", works_in_project)
rules.add_perm("consultation.propose_key_figure", works_in_project)
rules.add_perm("consultation.update_key_figure_status", works_in_project)
rules.add_perm("consultation.manage_key_figures", runs_project)  # approve, erase, import, angles
rules.add_perm("consultation.view_interviews", works_in_project)
rules.add_perm("consultation.claim_interview", works_in_project)
rules.add_perm("consultation.manage_interviews", runs_project)  # plan, invite, brief
rules.add_perm("consultation.acknowledge_briefing", is_leader | is_team_member)


@rules.predicate
def interviews_it(user, report):
    return report.interview.interviewers.filter(pk=user.pk).exists()


rules.add_perm("consultation.edit_report", runs_project | (is_team_member & interviews_it))
rules.add_perm("consultation.review_report", runs_project)  # accept, return, processed
rules.add_perm("consultation.mark_fragments", works_in_project)
rules.add_perm("consultation.manage_themes", runs_project)
rules.add_perm("consultation.search", works_in_project)
