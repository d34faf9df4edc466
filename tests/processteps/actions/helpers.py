"""Shared helpers of the action-book tests: the earlier steps' work an action builds on (the
causal complex of step 5, an intervention point of step 6, the team's goal tree of step 9),
and a complete action form."""

import datetime
from types import SimpleNamespace

from processteps.actions.models import PartyRole
from processteps.actions.services.actions import ActionForm, action_save
from processteps.goals.services import trees as tree_services
from processteps.meetings.models import InterventionPoint
from tests.processteps.goals.helpers import causal_complex, day

__all__ = ["causal_complex", "day", "world_of", "complete_form", "add_action"]


def world_of(project) -> SimpleNamespace:
    """The causal complex, an intervention point on its cause and a team tree of a top goal
    with two sub-goals (one removing the cause)."""
    cc = causal_complex(project)
    leader = project.leader
    point = InterventionPoint.objects.create(
        project=project, cause=cc.cause, title="Woningbouwprogramma van de gemeente"
    )
    tree = tree_services.team_tree_ensure(actor=leader, project=project)
    top = tree_services.goal_add(actor=leader, tree=tree, statement="Iedereen woont passend")
    housing = tree_services.goal_add(
        actor=leader, tree=tree, statement="Genoeg betaalbare woningen", level=1, parent=top,
        cause=cc.cause,
    )  # fmt: skip
    trust = tree_services.goal_add(
        actor=leader, tree=tree, statement="Vertrouwen in de buurt", level=1, parent=top
    )
    return SimpleNamespace(
        project=project, cc=cc, point=point, tree=tree, top=top, housing=housing, trust=trust,
    )  # fmt: skip


def complete_form(w, **fields) -> ActionForm:
    """A form that passes every completeness check."""
    values = {
        "title": "Flexwoningen bouwen",
        "description": "Tijdelijke woningen op braakliggende kavels.",
        "intervention_point": w.point,
        "domain": "wonen",
        "asked_of_citizens": "Meedenken over de plek en buren verwelkomen.",
        "risks": "Bezwaren tegen de vergunning.",
        "assumptions": "De provincie geeft de kavels vrij.",
        "start_date": datetime.date(2025, 1, 1),
        "end_date": datetime.date(2026, 12, 31),
    }
    values.update(fields)
    return ActionForm(
        fields=values,
        goals=[w.housing],
        causes=[w.cc.cause],
        parties=[
            {
                "name": "Gemeente Voorbeeld",
                "role": PartyRole.ACCOUNTABLE,
                "contact_name": "A. Wethouder",
                "contact_email": "wethouder@voorbeeld.nl",
            },
            {
                "name": "Woningcorporatie Thuis",
                "role": PartyRole.RESPONSIBLE,
                "contact_email": "info@thuis.nl",
            },
        ],  # fmt: skip
        budget=[{"amount": "250.000,00", "source": "Volkshuisvestingsfonds", "year": 2025}],
        milestones=[{"title": "Vergunning verleend", "date": datetime.date(2025, 6, 1)}],
        indicators=[
            {
                "name": "Opgeleverde flexwoningen",
                "unit": "woningen",
                "baseline_value": "0",
                "baseline_date": datetime.date(2025, 1, 1),
                "target_value": "60",
                "target_date": datetime.date(2026, 12, 31),
            },
        ],  # fmt: skip
    )


def add_action(w, actor=None, **fields):
    return action_save(
        actor=actor or w.project.leader, project=w.project, form=complete_form(w, **fields)
    )


def quote_for(project, cause, *, text: str, consent: str, name: str = "Fatima Yilmaz"):
    """A quote from an accepted interview report, cited as evidence for ``cause`` (as the
    causal-complex tool of step 5 records it)."""
    from processteps.causes.models import Evidence
    from processteps.consultation.models import (
        Fragment,
        Interview,
        InterviewReport,
        KeyFigure,
        ReportStatus,
    )

    figure = KeyFigure.objects.create(project=project, name=name, organisation="Huurdersvereniging")
    interview = Interview.objects.create(project=project, key_figure=figure, quote_consent=consent)
    report = InterviewReport.objects.create(
        interview=interview, status=ReportStatus.ACCEPTED, causes=text
    )
    fragment = Fragment.objects.create(
        project=project, report=report, source_field="causes", text=text
    )
    return Evidence.objects.create(factor=cause, fragment=fragment)


def post_data(action, **changes) -> dict:
    """The POST of the action form as the edit page would send it back for a loaded action
    (``selectors.action_loaded``), with ``changes`` to its main fields."""
    from processteps.actions.services.actions import action_form_of

    form = action_form_of(action)
    data = {k: ("" if v is None else getattr(v, "pk", v)) for k, v in form.fields.items()}
    data.update(goals=form.goals, causes=form.causes, **changes)
    nested = {"parties": form.parties, "budget": form.budget, "milestones": form.milestones,
              "indicators": form.indicators}  # fmt: skip
    for key, rows in nested.items():
        data[f"{key}-TOTAL_FORMS"] = str(len(rows))
        data[f"{key}-INITIAL_FORMS"] = str(len(rows))
        for i, row in enumerate(rows):
            for name, value in row.items():
                if value is None:
                    value = ""
                if isinstance(value, bool):
                    if value:
                        data[f"{key}-{i}-{name}"] = "on"
                    continue
                data[f"{key}-{i}-{name}"] = str(value)
    return data
