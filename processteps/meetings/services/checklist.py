"""The checklist items of steps 6-8 that the data ticks (see ``apps.py``)."""

from processteps.services.steps import checklist_derive

FUNDAMENTAL_QUESTIONS = "fundamental_questions"
ENOUGH_CITIZENS = "enough_citizens"
DIALOGUES_IN_FREEDOM = "dialogues_in_freedom"
POLITICAL_WEIGHING = "political_weighing"
JUSTICE_TESTS = "justice_tests"

ALL = (
    FUNDAMENTAL_QUESTIONS,
    ENOUGH_CITIZENS,
    DIALOGUES_IN_FREEDOM,
    POLITICAL_WEIGHING,
    JUSTICE_TESTS,
)


def meetings_checklist_sync(project, *keys: str) -> None:
    """Tick or untick the derived items ``keys`` (all of them by default) as the data says."""
    for key in keys or ALL:
        checklist_derive(project=project, key=key)
