"""Forms of the causal complexes (step 5): they validate input, services save it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from processteps.forms import CrispyMixin
from processteps.tabular import check_upload

from .models import (
    STATEMENT_MAX,
    CausalAnalysis,
    CausalComplex,
    CausalFactor,
    Confidence,
    FactorKind,
    Polarity,
)
from .selectors import citable_fragments
from .services.factors import clean_statement


def _short(text: str, length: int = 90) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


class ProblemStatementForm(CrispyMixin, forms.Form):
    problem_statement = forms.CharField(
        label=_("Probleemstelling"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Het probleem in een paar zinnen, zoals deze analyse het ziet."),
    )


class FactorForm(CrispyMixin, forms.Form):
    statement = forms.CharField(
        label=_("Stelling"),
        widget=forms.TextInput(attrs={"maxlength": STATEMENT_MAX}),
        help_text=_("Kort, als een bewering: ‘Te weinig betaalbare woningen’."),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=FactorKind.choices)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    angle = forms.ModelChoiceField(
        label=_("Invalshoek"), queryset=None, required=False, empty_label="—"
    )
    complex = forms.ModelChoiceField(
        label=_("Oorzakelijk complex"), queryset=None, required=False, empty_label="—"
    )

    def __init__(self, *args, analysis: CausalAnalysis, **kwargs):
        super().__init__(*args, **kwargs)
        from processteps.consultation.models import Angle

        self.fields["angle"].queryset = Angle.objects.filter(project=analysis.project)
        self.fields["angle"].error_messages["invalid_choice"] = _(
            "Kies een invalshoek van dit project."
        )
        complexes = CausalComplex.objects.filter(analysis=analysis)
        self.fields["complex"].queryset = complexes
        self.fields["complex"].error_messages["invalid_choice"] = _(
            "Kies een complex van deze analyse."
        )
        if not complexes.exists():
            del self.fields["complex"]

    def clean_statement(self):
        try:
            return clean_statement(self.cleaned_data["statement"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["statement"]) from exc


class LinkForm(CrispyMixin, forms.Form):
    source = forms.ModelChoiceField(label=_("Oorzaak"), queryset=None)
    target = forms.ModelChoiceField(label=_("leidt tot (gevolg)"), queryset=None)
    polarity = forms.ChoiceField(
        label=_("Richting"), choices=Polarity.choices, initial=Polarity.STRENGTHENS
    )
    confidence = forms.ChoiceField(
        label=_("Zekerheid"), choices=Confidence.choices, initial=Confidence.MEDIUM
    )
    rationale = forms.CharField(
        label=_("Onderbouwing"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, analysis: CausalAnalysis, factors=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = CausalFactor.objects.filter(analysis=analysis).order_by("position", "id")
        for name in ("source", "target"):
            field = self.fields[name]
            field.queryset = queryset
            field.label_from_instance = lambda f: f"{f.get_kind_display()} · {_short(f.statement)}"
            field.error_messages["invalid_choice"] = _(
                "Kies een factor uit deze analyse; een verband verbindt twee factoren van "
                "dezelfde analyse."
            )
            if factors is not None:
                # The factors the page has loaded already: no query to draw the choices (a
                # posted form still checks its choice against the queryset).
                field.choices = [("", field.empty_label)] + [
                    (f.pk, field.label_from_instance(f)) for f in factors
                ]

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("target"):
            self.add_error("target", _("Een factor kan niet naar zichzelf leiden."))
        return data


class LinkEditForm(CrispyMixin, forms.Form):
    polarity = forms.ChoiceField(label=_("Richting"), choices=Polarity.choices)
    confidence = forms.ChoiceField(label=_("Zekerheid"), choices=Confidence.choices)
    rationale = forms.CharField(
        label=_("Onderbouwing"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(forms.Form):
    fragment = forms.ModelChoiceField(label=_("Fragment uit de consultatieronde"), queryset=None)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=500)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["fragment"]
        field.queryset = citable_fragments(project)
        field.label_from_instance = lambda f: f"#{f.pk} · {_short(f.text, 110)}"
        field.error_messages["invalid_choice"] = _(
            "Kies een fragment uit de consultatieronde van dit project."
        )


class MergeFactorForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Samenvoegen met"), queryset=None, required=False)

    def __init__(self, *args, team: CausalAnalysis | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            CausalFactor.objects.filter(analysis=team)
            if team is not None
            else CausalFactor.objects.none()
        )
        self.fields["into"].error_messages["invalid_choice"] = _(
            "Kies een factor uit de teamanalyse."
        )


class ComplexForm(CrispyMixin, forms.Form):
    name = forms.CharField(label=_("Naam van het complex"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    theme = forms.ModelChoiceField(
        label=_("Thema uit de bloemlezing"), queryset=None, required=False, empty_label="—"
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        from processteps.consultation.models import Theme

        self.fields["theme"].queryset = Theme.objects.filter(project=project)
        self.fields["theme"].error_messages["invalid_choice"] = _("Kies een thema van dit project.")


class ImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV of XLSX (de tabel van de export), JSON of GraphML."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if name.endswith((".json", ".graphml", ".xml")):
            return upload
        check_upload(upload)
        return upload
