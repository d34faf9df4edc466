"""Projects created before this tool ticked its checklist items from data get the derived keys
on their copies of the items (new projects get them when the catalogue is copied)."""

from django.db import migrations

# (step key, catalogue text, derived key): the same as the DerivedItems in apps.py.
DERIVED = (
    ("expert_meetings", "Zijn alle fundamentele vragen beantwoord?", "fundamental_questions"),
    ("citizen_dialogues", "Voldoende burgers betrokken?", "enough_citizens"),
    ("citizen_dialogues", "Bijeenkomsten in alle vrijheid verlopen?", "dialogues_in_freedom"),
    ("political_meeting", "Politiek-bestuurlijke afweging", "political_weighing"),
    ("political_meeting", "Rechtvaardigheidstoets", "justice_tests"),
)


def forwards(apps, schema_editor):
    ChecklistItem = apps.get_model("processteps", "ChecklistItem")
    for step_key, text, key in DERIVED:
        for item in ChecklistItem.objects.filter(step__key=step_key, derived_from=""):
            if item.text.strip().casefold() == text.casefold():
                item.derived_from = key
                item.save(update_fields=["derived_from"])


def backwards(apps, schema_editor):
    ChecklistItem = apps.get_model("processteps", "ChecklistItem")
    ChecklistItem.objects.filter(derived_from__in=[key for _s, _t, key in DERIVED]).update(
        derived_from=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_meetings_harvest_vision"),
        ("processteps", "0006_consultation_moved"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
