"""Load the method catalogue (seed 000) into the method tables."""

from django.db import migrations


def forwards(apps, schema_editor):
    from processteps.catalogue_loader import load_catalogue

    load_catalogue(apps.get_model("processteps", "MethodStep"), apps.get_model("processteps", "MethodChecklistItem"))


def backwards(apps, schema_editor):
    apps.get_model("processteps", "MethodStep").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("processteps", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
