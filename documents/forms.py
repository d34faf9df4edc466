from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Audience


class SectionForm(forms.Form):
    body = forms.CharField(
        label=_("Tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "form-control font-monospace"}),
        help_text=_(
            "Opmaak met de knoppen hierboven (vet, cursief, kop, lijst, citaat, link). "
            "Scripts, afbeeldingen van buiten en andere externe bronnen worden verwijderd."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    change_note = forms.CharField(
        label=_("Wat is er veranderd?"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class PublishForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Publiceren voor"), choices=Audience.choices, widget=forms.RadioSelect
    )
