"""The method catalogue (seed 000, DESIGN.md's step table) and how a project copies it."""

import pytest

from processteps.models import ChecklistItem, MethodChecklistItem, MethodStep
from processteps.services import projects as project_services
from processteps.services import steps as step_services
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

# The spec: DESIGN.md's table of the eleven steps and the process document each ends in.
STEPS = [
    (1, "Starten van het proces", "Plan van aanpak"),
    (2, "Inventariseren sleutelfiguren", "Omgevingsanalyse"),
    (3, "Consulteren sleutelfiguren", "Oogst consultatieronde"),
    (4, "Omvormen oogst consultatieronde", "Bloemlezing"),
    (5, "Ontwerpen oorzakelijke complexen", "Probleem- en oorzakenanalyse"),
    (6, "Organiseren van expertmeetings", "Politiek-bestuurlijke interventiepunten"),
    (
        7,
        "Organiseren van burgerdialogen",
        "Visie en streefbeelden op basis van de Algemene Wil (concept-visie)",
    ),
    (
        8,
        "Organiseren politieke bijeenkomst",
        "Visie en streefbeelden op basis van het Algemeen Belang (visienota)",
    ),
    (9, "Organiseren besluitvormingsproces", "Doelenboom, inclusief middelen (beleidsnota)"),
    (10, "Formuleren en uitwerken van acties", "Actieboek"),
    (11, "Schrijven uitvoeringsplan", "Uitvoeringsplan"),
]

CHECKLIST_COUNTS = {1: 4, 2: 5, 3: 3, 4: 2, 5: 2, 6: 1, 7: 2, 8: 2, 9: 2, 10: 1, 11: 2}

STEP_2_CHECKLIST = [
    "Functionele invalshoeken",
    "Subfunctionele invalshoeken",
    "NAW-gegevens",
    "Usual suspects",
    "Unusual suspects",
]

# (society, politics, administration) per step, from the table's arena row.
SOCIETY, POLITICS, POLITICS_AND_ADMINISTRATION = (
    (True, False, False),
    (False, True, False),
    (False, True, True),
)
ARENAS = {1: POLITICS, **dict.fromkeys(range(2, 8), SOCIETY), 9: POLITICS_AND_ADMINISTRATION}

OCR_TYPOS = ("aarerebeelden", "doelindecatoren", "Consuleren")
TEXT_FIELDS = (
    "name",
    "document_name",
    "essence",
    "methodology",
    "communication",
    "data_collection",
    "uncertainty_reduction",
)


def _arenas(step):
    return (step.in_society, step.in_politics, step.in_administration)


def test_the_method_has_the_eleven_steps_with_their_documents():
    assert [(s.number, s.name, s.document_name) for s in MethodStep.objects.all()] == STEPS


def test_every_step_carries_its_checklist():
    counts = {s.number: s.checklist_items.count() for s in MethodStep.objects.all()}
    assert counts == CHECKLIST_COUNTS
    step_2 = MethodStep.objects.get(number=2)
    assert [i.text for i in step_2.checklist_items.order_by("position")] == STEP_2_CHECKLIST


def test_every_step_describes_the_method():
    for step in MethodStep.objects.all():
        for field in ("essence", "methodology", "communication", "data_collection"):
            assert getattr(step, field).strip(), f"step {step.number} has no {field}"
        assert step.uncertainty_reduction.strip(), f"step {step.number} reduces no uncertainty"


@pytest.mark.parametrize("number, arenas", sorted(ARENAS.items()))
def test_arena_of_step(number, arenas):
    assert _arenas(MethodStep.objects.get(number=number)) == arenas


def test_arena_labels_are_dutch():
    assert [str(a) for a in MethodStep.objects.get(number=9).arenas] == ["Politiek", "Bestuur"]
    assert [str(a) for a in MethodStep.objects.get(number=1).arenas] == ["Politiek"]


def test_ocr_typos_of_the_source_table_are_fixed():
    texts = [getattr(s, f) for s in MethodStep.objects.all() for f in TEXT_FIELDS]
    texts += list(MethodChecklistItem.objects.values_list("text", flat=True))
    for typo in OCR_TYPOS:
        assert not [t for t in texts if typo.lower() in t.lower()], typo
    assert "doelindicatoren" in MethodStep.objects.get(number=9).data_collection


def test_a_new_project_copies_the_whole_catalogue():
    project = ProjectFactory()
    method = list(MethodStep.objects.prefetch_related("checklist_items"))
    steps = list(project.steps.prefetch_related("checklist_items").order_by("number"))

    assert [(s.number, s.name, s.document_name) for s in steps] == STEPS
    for step, method_step in zip(steps, method, strict=True):
        assert step.method_step == method_step
        for field in (*TEXT_FIELDS, "document_type", "beleidskompas"):
            assert getattr(step, field) == getattr(method_step, field), (step.number, field)
        assert _arenas(step) == _arenas(method_step)
        assert [(i.text, i.from_method, i.is_done) for i in step.checklist_items.all()] == [
            (i.text, True, False) for i in method_step.checklist_items.all()
        ]
        assert (step.status, step.uncertainty_status, step.decision) == (
            "not_started",
            "open",
            "not_required",
        )


def test_the_creator_leads_the_new_project():
    leader = UserFactory()
    project = ProjectFactory(leader=leader)
    assert project.role_of(leader) == "leader"
    assert project.audit_entries.get().action == "project.created"


def test_adapting_a_projects_steps_leaves_the_method_untouched():
    project = ProjectFactory()
    leader = project.memberships.get().user
    step = project.steps.get(number=2)
    item = step.checklist_items.first()

    step_services.step_update(actor=leader, step=step, name="Sleutelfiguren zoeken")
    step_services.checklist_add(actor=leader, step=step, text="Lijst besproken met team")
    step_services.checklist_remove(actor=leader, item=item)

    method_step = MethodStep.objects.get(number=2)
    assert method_step.name == "Inventariseren sleutelfiguren"
    assert [i.text for i in method_step.checklist_items.all()] == STEP_2_CHECKLIST
    step.refresh_from_db()
    assert step.name == "Sleutelfiguren zoeken"
    assert [i.text for i in step.checklist_items.all()] == [
        *STEP_2_CHECKLIST[1:],
        "Lijst besproken met team",
    ]
    # A project created afterwards still gets the method as it is.
    later = ProjectFactory()
    assert later.steps.get(number=2).name == "Inventariseren sleutelfiguren"
    assert later.steps.get(number=2).checklist_items.count() == 5


def test_projects_do_not_share_steps():
    first, second = ProjectFactory(), ProjectFactory()
    leader = first.memberships.get().user
    project_services.project_update(actor=leader, project=first, description="Eigen aanpak")
    step_services.checklist_add(actor=leader, step=first.steps.get(number=1), text="Budget rond")
    assert ChecklistItem.objects.filter(step__project=second, text="Budget rond").count() == 0
    assert second.steps.get(number=1).checklist_items.count() == 4
