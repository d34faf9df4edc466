"""Projects created before this tool ticked step 10's checklist item from data get the derived
key on their copy of the item (new projects get it when the catalogue is copied)."""

from django.db import migrations

# (step key, catalogue text, derived key): the same as the DerivedItem in apps.py.
DERIVED = (("actions", "Actieformulieren volledig en goed ingevuld", "actions_forms_complete"),)


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
        ("actions", "0001_initial"),
        ("processteps", "0006_consultation_moved"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
