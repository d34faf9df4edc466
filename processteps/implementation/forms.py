"""Forms of the implementation plan (step 11): they validate input, services save it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from processteps.forms import CrispyMixin, DateInput
from processteps.models import PartyKind

from .models import BodyKind, BodyRole, ImplementationBody, MomentKind, ProgressStatus, Rhythm


class BodyForm(CrispyMixin, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort"), choices=BodyKind.choices, initial=BodyKind.BODY)
    role = forms.ChoiceField(label=_("Rol in de uitvoering"), choices=BodyRole.choices)
    task = forms.CharField(
        label=_("Taak"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat dit orgaan of deze persoon in de uitvoering doet."),
    )
    party_kind = forms.ChoiceField(
        label=_("Soort partij"),
        choices=[("", "—"), *PartyKind.choices],
        required=False,
        help_text=_("De rij van het integraal raamwerk ‘betrokken partijen’."),
    )
    contact = forms.CharField(
        label=_("Contactgegevens"),
        max_length=300,
        required=False,
        help_text=_("Alleen zichtbaar voor het team; komt niet in het uitvoeringsplan."),
    )

    def clean_task(self):
        task = self.cleaned_data["task"].strip()
        if not task:
            raise forms.ValidationError(_("Beschrijf de taak van dit orgaan of deze persoon."))
        return task


class MomentForm(CrispyMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=MomentKind.choices)
    title = forms.CharField(label=_("Naam"), max_length=200)
    frequency = forms.ChoiceField(label=_("Frequentie"), choices=Rhythm.choices)
    responsible = forms.ModelChoiceField(
        label=_("Georganiseerd of opgesteld door"),
        queryset=ImplementationBody.objects.none(),
        required=False,
        empty_label="—",
    )
    audience = forms.ModelChoiceField(
        label=_("Voor"),
        queryset=ImplementationBody.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Wie aan het overleg deelneemt of de rapportage ontvangt."),
    )
    first_date = forms.DateField(label=_("Eerste keer op"), required=False, widget=DateInput())
    purpose = forms.CharField(
        label=_("Doel en inhoud"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = ImplementationBody.objects.filter(project=project).order_by(
            "role", "position", "id"
        )
        for name in ("responsible", "audience"):
            self.fields[name].queryset = bodies
            self.fields[name].error_messages["invalid_choice"] = _(
                "Kies een orgaan uit de uitvoeringsorganisatie van dit project."
            )


class SituationForm(CrispyMixin, forms.Form):
    text = forms.CharField(
        label=_("Huidige situatie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Leeg laten verwijdert de beschrijving."),
    )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProgressStatus.choices)
    reported_on = forms.DateField(
        label=_("Per"), required=False, widget=DateInput(), help_text=_("Leeg: vandaag.")
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nodig bij een vertraagde of gestopte actie."),
    )
