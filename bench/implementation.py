"""Benchmark: the implementation plan (step 11) at size, on top of steps 9-10.

    .venv/bin/python bench/implementation.py [--scale 1.0] [--render] [--keep DIR]

Runs ``bench/plan.py`` (the same database handling, measuring and output) with one part more
after its goal tree (step 9) and action book (step 10):

- **Step 11** (``IMPLEMENTATION``): an implementation organisation of 40 bodies (steering,
  executing, advising, each with a kind of party), a steering rhythm of 30 meetings and
  reports, the current situation in every domain, and a history of three status reports for
  every action of step 10 (running, delayed with its reason, and done for one in three). The
  small project: 4 bodies, 2 moments, the same per action.

Pages measured (as the project leader, small against large): the step-11 page with its panel,
the overview, planning and RACI (the timeline of all actions), monitoring (statuses, the
roll-up to the goals, the first page of indicator charts), the Beleidskompas crosswalk, the
integral framework and one action's status history; compiled: the Uitvoeringsplan. A page or
compile whose number of queries differs between the two sizes makes the script exit with 1.
``--render`` also renders the compiled documents (Doelenboom, Actieboek, Uitvoeringsplan)
through the app's renderer and through bare WeasyPrint on the same HTML.
"""

import datetime
import random
import sys

import plan  # bench/plan.py: sets Django up, builds steps 9-10, measures
from django.urls import reverse

BODIES = {"large": 40, "small": 4}
MOMENTS = {"large": 30, "small": 2}


def build_implementation(project, leader, size: str, rng: random.Random, scale: float = 1.0):
    from processteps.implementation.models import (
        ActionProgress,
        DomainSituation,
        ImplementationBody,
        SteeringMoment,
    )
    from processteps.implementation.selectors import actions_of
    from processteps.models import Domain, PartyKind

    factor = scale if size == "large" else 1.0
    bodies = ImplementationBody.objects.bulk_create(
        ImplementationBody(
            project=project, name=f"Orgaan {n}: {plan.phrase(rng, 1, 3)}",
            role=("steering", "execution", "execution", "advice")[n % 4],
            task=plan.phrase(rng, 8, 16), party_kind=list(PartyKind.values)[n % 6], position=n,
        )
        for n in range(max(2, round(BODIES[size] * factor)))
    )  # fmt: skip
    SteeringMoment.objects.bulk_create(
        SteeringMoment(
            project=project, kind=("meeting", "report")[n % 2], title=plan.phrase(rng, 2, 4),
            frequency=("weekly", "monthly", "quarterly")[n % 3], purpose=plan.phrase(rng, 6, 12),
            responsible=bodies[n % len(bodies)], audience=bodies[0], position=n,
            first_date=datetime.date(2025, 1, 1 + n % 28),
        )
        for n in range(max(2, round(MOMENTS[size] * factor)))
    )  # fmt: skip
    DomainSituation.objects.bulk_create(
        DomainSituation(project=project, domain=d, text=plan.phrase(rng, 10, 20), updated_by=leader)
        for d in Domain.values
    )  # fmt: skip
    reports = []
    for n, action in enumerate(actions_of(project).only("id")):
        reports += [
            ActionProgress(action=action, status="running", reported_on=datetime.date(2025, 1, 6),
                           reported_by=leader),
            ActionProgress(action=action, status="delayed", reported_on=datetime.date(2025, 3, 3),
                           note=plan.phrase(rng, 5, 10), reported_by=leader),
        ]  # fmt: skip
        if n % 3 == 0:
            reports.append(ActionProgress(action=action, status="done",
                                          reported_on=datetime.date(2025, 6, 2),
                                          reported_by=leader))  # fmt: skip
    ActionProgress.objects.bulk_create(reports, batch_size=2000)


def implementation_pages(project) -> list[tuple[str, str]]:
    from processteps.actions.models import Action

    step = project.steps.get(key="implementation_plan")
    action = Action.objects.filter(project=project).order_by("id").first()
    pk = project.pk
    return [
        ("step 11 page", reverse("processteps:step", args=[pk, step.number])),
        ("implementation overview", reverse("implementation:overview", args=[pk])),
        ("planning and RACI", reverse("implementation:planning", args=[pk])),
        ("monitoring (1st page)", reverse("implementation:monitoring", args=[pk])),
        ("Beleidskompas crosswalk", reverse("implementation:compass", args=[pk])),
        ("integral framework", reverse("implementation:framework", args=[pk])),
        ("an action's status history",
         reverse("implementation:action_progress", args=[pk, action.pk])),
    ]  # fmt: skip


def describe_implementation(project) -> str:
    from processteps.implementation.models import (
        ActionProgress,
        ImplementationBody,
        SteeringMoment,
    )

    bodies = ImplementationBody.objects.filter(project=project).count()
    moments = SteeringMoment.objects.filter(project=project).count()
    reports = ActionProgress.objects.filter(action__project=project).count()
    return f"{bodies} bodies, {moments} steering moments, {reports} status reports"


IMPLEMENTATION = plan.Part(
    name="step 11: implementation plan",
    build=build_implementation,
    pages=implementation_pages,
    documents=("implementation_plan",),
    describe=describe_implementation,
)

if __name__ == "__main__":
    if IMPLEMENTATION not in plan.PARTS:
        plan.PARTS.append(IMPLEMENTATION)
    sys.exit(plan.main())
