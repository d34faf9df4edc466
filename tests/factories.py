"""factory-boy factories for the test suite.

``ProjectFactory`` goes through the real service (``project_create``), so every project gets the
eleven steps and their checklists copied from the method catalogue, and its ``leader`` becomes
the project leader. The other factories write rows directly: they build the situation a test
starts from, the services under test do the rest.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from processteps.models import (
    AuditEntry,
    ChecklistItem,
    DataSource,
    Membership,
    ProcessStep,
    Project,
    Role,
    Task,
    TaskStatus,
    TeamAgreement,
)
from processteps.models.steps import SourceKind

PASSWORD = "geheim-wachtwoord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class AdminFactory(UserFactory):
    username = factory.Sequence(lambda n: f"beheerder{n}")
    is_staff = True
    is_superuser = True


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project created by ``project_create``: eleven steps copied from the catalogue."""

    class Meta:
        model = Project

    leader = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Project {n}")
    issue = "Hoe houden we de wijk leefbaar?"
    client_organisation = "Gemeente Voorbeeld"
    description = ""
    start_date = datetime.date(2024, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, leader, **kwargs):
        from processteps.services.projects import project_create

        return project_create(actor=leader, **kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER


def step_of(project: Project, number: int) -> ProcessStep:
    return project.steps.get(number=number)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    project = factory.SubFactory(ProjectFactory)
    step = None
    title = factory.Sequence(lambda n: f"Taak {n}")
    assignee = None
    status = TaskStatus.OPEN


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    step = factory.LazyFunction(lambda: step_of(ProjectFactory(), 1))
    text = factory.Sequence(lambda n: f"Extra checklistpunt {n}")
    position = factory.Sequence(lambda n: 100 + n)


class DataSourceFactory(factory.django.DjangoModelFactory):
    """A link by default; ``DataSourceFactory(with_file=True)`` stores a small text file."""

    class Meta:
        model = DataSource

    class Params:
        with_file = factory.Trait(
            kind=SourceKind.DOCUMENT,
            url="",
            file=factory.LazyFunction(
                lambda: ContentFile(b"Notulen van het gesprek.\n", name="notulen.txt")
            ),
        )

    step = factory.LazyFunction(lambda: step_of(ProjectFactory(), 1))
    title = factory.Sequence(lambda n: f"Bron {n}")
    kind = SourceKind.LINK
    url = factory.Sequence(lambda n: f"https://example.org/bron/{n}")
    added_by = None


class TeamAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamAgreement

    project = factory.SubFactory(ProjectFactory)
    text = factory.Sequence(lambda n: f"Afspraak {n}")
    position = factory.Sequence(lambda n: n + 1)


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    project = factory.SubFactory(ProjectFactory)
    actor = None
    action = "project.changed"
    target_type = "processteps.project"
    target_id = factory.LazyAttribute(lambda e: e.project.pk)
    target_repr = factory.LazyAttribute(lambda e: str(e.project))
    data = factory.LazyFunction(lambda: {"fields": "description"})


# -- causal complexes (step 5) -----------------------------------------------------------------
# Rows written directly (the services are tested in tests/processteps/causes); a factor or link
# made without an analysis gets the team analysis of a new project.


class CausalAnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "causes.CausalAnalysis"

    project = factory.SubFactory(ProjectFactory)
    kind = "team"
    owner = None


class CausalFactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "causes.CausalFactor"

    analysis = factory.SubFactory(CausalAnalysisFactory)
    statement = factory.Sequence(lambda n: f"Factor {n}")
    kind = "cause"
    position = factory.Sequence(lambda n: n + 1)


class CausalLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "causes.CausalLink"

    analysis = factory.SubFactory(CausalAnalysisFactory)
    source = factory.SubFactory(
        CausalFactorFactory, analysis=factory.SelfAttribute("..analysis"), kind="root_cause"
    )
    target = factory.SubFactory(
        CausalFactorFactory, analysis=factory.SelfAttribute("..analysis"), kind="cause"
    )


# -- Actions (step 10): action forms in bulk, for query counts and the benchmark -------------


def grow_actions(project, *, count: int, goals, causes, point=None, measurements: int = 2):
    """``count`` complete action forms in ``project``, each serving a goal and removing a cause
    (taken round-robin from ``goals`` and ``causes``), with two parties, a budget line, two
    milestones and an implementation indicator with ``measurements`` measurements; written in
    bulk (the services are tested elsewhere, here only size matters)."""
    from processteps.actions.models import (
        Action,
        ActionCause,
        ActionGoal,
        ActionIndicator,
        ActionParty,
        BudgetLine,
        Milestone,
        PartyRole,
    )
    from processteps.goals.models import Indicator, IndicatorKind, Measurement

    goals, causes = list(goals), list(causes)
    start, end = datetime.date(2025, 1, 1), datetime.date(2026, 12, 31)
    actions = Action.objects.bulk_create(
        Action(project=project, title=f"Actie {n}", description=f"Beschrijving {n}",
               intervention_point=point, domain="wonen", asked_of_citizens="Meedoen",
               risks="Vertraging", assumptions="Budget", start_date=start, end_date=end,
               position=n)
        for n in range(count)
    )  # fmt: skip
    ActionGoal.objects.bulk_create(
        ActionGoal(action=a, goal=goals[n % len(goals)]) for n, a in enumerate(actions)
    )
    ActionCause.objects.bulk_create(
        ActionCause(action=a, cause=causes[n % len(causes)]) for n, a in enumerate(actions)
    )
    ActionParty.objects.bulk_create(
        ActionParty(action=a, name=f"{name} {a.pk}", role=role, contact_email="p@example.org",
                    position=i)
        for a in actions
        for i, (name, role) in enumerate(
            (("Gemeente", PartyRole.ACCOUNTABLE), ("Corporatie", PartyRole.RESPONSIBLE))
        )
    )  # fmt: skip
    BudgetLine.objects.bulk_create(
        BudgetLine(action=a, amount=10000, source="Gemeente", year=2025) for a in actions
    )
    Milestone.objects.bulk_create(
        Milestone(action=a, title=f"Mijlpaal {i}", date=start + datetime.timedelta(days=90 * i))
        for a in actions
        for i in range(1, 3)
    )  # fmt: skip
    indicators = Indicator.objects.bulk_create(
        Indicator(project=project, kind=IndicatorKind.IMPLEMENTATION, name=f"Uitvoering {a.pk}",
                  unit="deelnemers", baseline_value=0, baseline_date=start, target_value=50,
                  target_date=end)
        for a in actions
    )  # fmt: skip
    ActionIndicator.objects.bulk_create(
        ActionIndicator(action=a, indicator=i) for a, i in zip(actions, indicators, strict=True)
    )
    Measurement.objects.bulk_create(
        Measurement(indicator=i, measured_on=start + datetime.timedelta(days=30 * (m + 1)),
                    value=m)
        for i in indicators
        for m in range(measurements)
    )  # fmt: skip
    return actions
