from django.db import migrations, models

# The catalogue key of each step by its document type (stable since the first migration).
KEYS = {
    "plan_van_aanpak": "start",
    "omgevingsanalyse": "key_figures",
    "oogst_consultatieronde": "interviews",
    "bloemlezing": "harvest",
    "probleem_oorzakenanalyse": "causal_complexes",
    "interventiepunten": "expert_meetings",
    "concept_visie": "citizen_dialogues",
    "visienota": "political_meeting",
    "doelenboom": "decision_making",
    "actieboek": "actions",
    "uitvoeringsplan": "implementation_plan",
}


def fill_keys(apps, schema_editor):
    for model in ("MethodStep", "ProcessStep"):
        Model = apps.get_model("processteps", model)
        for document_type, key in KEYS.items():
            Model.objects.filter(document_type=document_type, key="").update(key=key)


class Migration(migrations.Migration):
    """Steps get a stable key: step tools register by key, since numbers and names can be
    edited."""

    dependencies = [
        ("processteps", "0004_unique_top_names"),
    ]

    operations = [
        migrations.AddField(
            model_name='methodstep',
            name='key',
            field=models.SlugField(blank=True, help_text='Vaste naam van de stap in de methode; hulpmiddelen van stappen horen erbij.', max_length=40, verbose_name='sleutel'),
        ),
        migrations.AddField(
            model_name='processstep',
            name='key',
            field=models.SlugField(blank=True, help_text='Vaste naam van de stap in de methode; hulpmiddelen van stappen horen erbij.', max_length=40, verbose_name='sleutel'),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='methodstep',
            constraint=models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('key',), name='methodstep_unique_key'),
        ),
        migrations.AddConstraint(
            model_name='processstep',
            constraint=models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('project', 'key'), name='step_unique_key'),
        ),
    ]
