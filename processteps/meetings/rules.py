"""Permission rules of the meetings (steps 6-8).

The leader plans meetings, keeps the participants and records the decisions; team members see
everything of the meetings (also participants' contact data and declared interests: those are
team-only) and write the harvest and minutes of the meetings they chair or host; the chair
approves the minutes. Clients read published documents only: no page of this tool is theirs.
"""

import rules

from processteps.models import Role
from processteps.rules import is_leader, is_team_member, runs_project, works_in_project


@rules.predicate
def chairs_meeting(user, meeting):
    """The user chairs (hosts) the meeting; ``meeting`` may also be something of a meeting
    (its minutes, an agenda item, a harvest item, a round or a table)."""
    meeting = getattr(meeting, "meeting", meeting)
    return getattr(meeting, "chair_id", None) == user.pk


@rules.predicate
def chair_has_left(user, meeting):
    """The meeting has no chair in the team any more (the account left or was removed)."""
    meeting = getattr(meeting, "meeting", meeting)
    if meeting.chair_id is None:
        return True
    return not meeting.project.memberships.filter(
        user_id=meeting.chair_id, role__in=[Role.LEADER, Role.MEMBER]
    ).exists()


rules.add_perm("meetings.view", works_in_project)
rules.add_perm("meetings.manage", runs_project)  # plan, participants, invitations, decisions
rules.add_perm("meetings.record", runs_project | (is_team_member & chairs_meeting))
# "Approved by the chair" (the issue): the chair, or the leader when the chair left the team.
rules.add_perm(
    "meetings.approve_minutes",
    ((is_leader | is_team_member) & chairs_meeting) | (runs_project & chair_has_left),
)
rules.add_perm("meetings.draft_vision", works_in_project)  # vision, target images, justice test
