"""The demo project's action book (step 10), loaded through the real services.

Team members and the leader write twelve action forms on the demo's goal tree (step 9), each
removing causes of the team analysis (step 5, where there is one) and using an intervention
point (step 6); ten are complete and adopted by the leader, two are left incomplete on
purpose. The implementation indicators get measurements up to today, three organisations'
responses are recorded, and the Actieboek is published. Idempotent: a project that has
actions keeps them. The material is in :mod:`.demo_data`.
"""

import datetime
import re

from django.db import transaction
from django.utils import timezone

from documents.demo import demo_document_publish
from processteps.causes.selectors import team_causes
from processteps.goals.selectors import team_goals
from processteps.goals.services import indicators as indicator_services
from processteps.meetings.selectors import intervention_points
from processteps.models import Role

from .demo_data import ACTIEBOEK_SECTIONS, ACTIONS, COMMENTS, PARTNERS
from .models import Action
from .selectors import action_loaded
from .services import actions as services
from .services import invitations as invitation_services

MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12, "once": 12}


def demo_load(*, project, leader) -> None:
    if not Action.objects.filter(project=project).exists():
        with transaction.atomic():
            _build(project, leader)
    demo_document_publish(
        project=project,
        leader=leader,
        step_key="actions",
        sections=ACTIEBOEK_SECTIONS,
        change_note="Actieboek met de actieformulieren van het team",
    )


def _day(text):
    return datetime.date.fromisoformat(text) if text else None


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


class _Picker:
    """The first of ``items`` whose wording matches, else the next one in turn."""

    def __init__(self, items, text):
        self.items, self.text, self.turn = list(items), text, 0

    def pick(self, keywords: str):
        if not self.items:
            return None
        pattern = re.compile(keywords, re.IGNORECASE)
        found = next((i for i in self.items if pattern.search(self.text(i))), None)
        if found is None:
            found = self.items[self.turn % len(self.items)]
            self.turn += 1
        return found


def _build(project, leader) -> None:
    member = (
        project.memberships.filter(role=Role.MEMBER).select_related("user").order_by("pk").first()
    )
    authors = {"leader": leader, "member": member.user if member else leader}
    goals = list(team_goals(project))
    # Actions serve concrete goals (those without sub-goals) where there are.
    parents = {g.parent_id for g in goals}
    concrete = [g for g in goals if g.pk not in parents] or goals
    goal_picker = _Picker(concrete, lambda g: g.statement)
    cause_picker = _Picker(team_causes(project), lambda c: c.statement)
    point_picker = _Picker(intervention_points(project), lambda p: f"{p.title} {p.cause}")
    made = []
    for spec in ACTIONS:
        leave_out = spec.get("leave_out", ())
        goal = goal_picker.pick(spec["keywords"])
        cause = None if "causes" in leave_out else cause_picker.pick(spec["keywords"])
        point = None if "intervention_point" in leave_out else point_picker.pick(spec["keywords"])
        start, end = (_day(d) for d in spec["dates"])
        form = services.ActionForm(
            fields={
                "title": spec["title"],
                "description": spec["description"],
                "domain": spec["domain"],
                "intervention_point": point,
                "asked_of_citizens": spec["citizens"],
                "risks": spec["risks"],
                "assumptions": spec["assumptions"],
                "start_date": start,
                "end_date": end,
            },
            goals=[goal] if goal else [],
            causes=[cause] if cause else [],
            parties=[
                {
                    "name": PARTNERS[key][0],
                    "role": role,
                    "contact_name": PARTNERS[key][1],
                    "contact_email": PARTNERS[key][2],
                }
                for key, role in spec["parties"]
            ],  # fmt: skip
            budget=[
                {"amount": amount, "source": source, "year": year}
                for amount, source, year in spec["budget"]
            ],
            milestones=[
                {"title": title, "date": _day(day), "done": done}
                for title, day, done in spec["milestones"]
            ],
            indicators=[_indicator(spec["indicator"])] if spec["indicator"] else [],
        )
        action = services.action_save(actor=authors[spec["by"]], project=project, form=form)
        made.append((spec, action))
    for spec, action in made:
        if spec["indicator"]:
            _measurements(leader, action, spec["indicator"])
    for index, key, received, text in COMMENTS:
        invitation_services.comment_record(
            actor=authors["member"], action=made[index][1], organisation=PARTNERS[key][0],
            text=text, received_on=_day(received),
        )  # fmt: skip
    for _spec, action in made:
        if action_loaded(project, action.pk).is_complete:
            services.action_adopt(actor=leader, action=action)


def _indicator(spec) -> dict:
    name, unit, baseline, target, frequency, _series, source = spec
    return {
        "name": name,
        "unit": unit,
        "definition": "",
        "baseline_value": baseline[1],
        "baseline_date": _day(baseline[0]),
        "target_value": target[1],
        "target_date": _day(target[0]),
        "source": source,
        "method": "Telling",
        "frequency": frequency,
        "measured_by": "Projectteam",
    }


def _measurements(leader, action, spec) -> None:
    _name, _unit, baseline, _target, frequency, series, _source = spec
    indicator = action.indicator_links.select_related("indicator").get().indicator
    today, start = timezone.localdate(), _day(baseline[0])
    for index, value in enumerate(series, start=1):
        day = _add_months(start, MONTHS[frequency] * index)
        if day > today:
            break
        indicator_services.measurement_add(
            actor=leader, indicator=indicator, measured_on=day, value=value
        )
