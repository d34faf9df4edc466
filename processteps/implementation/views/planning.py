"""The planning of the actions (a Gantt-like timeline), the RACI table, the monitoring and the
status per action. Filled in once the action book (step 10) exists."""


def framework_actions(project):
    """The actions of the action book for the integral framework ([] without an action
    book)."""
    return []
