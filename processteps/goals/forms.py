"""Forms of the goal tree (step 9): they validate input, services save it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from processteps.causes.selectors import team_factors
from processteps.forms import CrispyMixin, DateInput
from processteps.tabular import check_upload

from .models import (
    DecisionBody,
    DecisionOutcome,
    Frequency,
    Goal,
    GoalTree,
    PolicyOption,
)
from .services.indicators import check_value, parse_number

MAX_LEVEL = 6


def level_choices() -> list[tuple[int, str]]:
    return [(0, _("0 – het meest abstract (bovenin)"))] + [
        (n, str(_("%(level)s – concreter")) % {"level": n}) for n in range(1, MAX_LEVEL + 1)
    ]


class GoalForm(CrispyMixin, forms.Form):
    statement = forms.CharField(
        label=_("Doel"),
        max_length=300,
        help_text=_("De gewenste situatie, positief geformuleerd."),
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    level = forms.TypedChoiceField(label=_("Niveau"), choices=(), coerce=int, initial=0)
    parent = forms.ModelChoiceField(
        label=_("Hoger doel"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("(geen: een topdoel)"),
        help_text=_("Het abstractere doel dat dit doel dichterbij brengt."),
    )
    domain = forms.ChoiceField(label=_("Domein"), required=False)
    horizon = forms.ChoiceField(label=_("Termijn"), required=False)

    def __init__(self, *args, tree: GoalTree, goal: Goal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        from processteps.models import Domain, Horizon

        self.fields["level"].choices = level_choices()
        parents = tree.goals.order_by("level", "position", "id")
        if goal is not None:
            parents = parents.exclude(pk=goal.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda g: f"{g.level} · {g.statement}"
        self.fields["parent"].error_messages["invalid_choice"] = _(
            "Kies een doel uit deze doelenboom."
        )
        self.fields["domain"].choices = [("", "—"), *Domain.choices]
        self.fields["horizon"].choices = [("", "—"), *Horizon.choices]


class MeansForm(CrispyMixin, forms.Form):
    description = forms.CharField(
        label=_("Middel"),
        max_length=300,
        help_text=_("Hoe het doel wordt bereikt: een instrument, voorziening of budget."),
    )
    details = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class GoalCauseForm(forms.Form):
    cause = forms.ModelChoiceField(
        label=_("Oorzaak die dit doel wegneemt"),
        queryset=None,
        empty_label=_("Kies een oorzaak"),
        error_messages={
            "invalid_choice": _("Die oorzaak hoort niet bij de teamanalyse van dit project."),
            "required": _("Kies een oorzaak."),
        },
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cause"].queryset = team_factors(project)
        self.fields["cause"].label_from_instance = lambda f: (
            f"{f.get_kind_display()}: {f.statement}"
        )


class DecimalText(forms.CharField):
    """A number as people type it (12,5 or 12.5 or 1.200), checked by the services."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return check_value(parse_number(value))
        except ValidationError as exc:
            raise ValidationError(exc.messages)


class IndicatorForm(CrispyMixin, forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    definition = forms.CharField(
        label=_("Definitie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wat precies wordt geteld of gemeten."),
    )
    unit = forms.CharField(
        label=_("Eenheid"), max_length=50, help_text=_("Bijvoorbeeld: personen, %, woningen.")
    )
    baseline_value = DecimalText(label=_("Nulmeting"), required=False)
    baseline_date = forms.DateField(label=_("Datum nulmeting"), required=False, widget=DateInput())
    target_value = DecimalText(label=_("Streefwaarde"), required=False)
    target_date = forms.DateField(label=_("Streefdatum"), required=False, widget=DateInput())
    source = forms.CharField(label=_("Bron"), max_length=300, required=False)
    method = forms.CharField(label=_("Meetmethode"), max_length=300, required=False)
    frequency = forms.ChoiceField(
        label=_("Frequentie"), choices=[("", "—"), *Frequency.choices], required=False
    )
    measured_by = forms.CharField(label=_("Wie meet"), max_length=200, required=False)


class MeasurementForm(CrispyMixin, forms.Form):
    measured_on = forms.DateField(label=_("Meetdatum"), widget=DateInput())
    value = forms.CharField(
        label=_("Waarde"),
        max_length=60,
        help_text=_("Een getal, eventueel met de eenheid erachter."),
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class MeasurementImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class OptionForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Optie"), max_length=300)
    description = forms.CharField(
        label=_("Beschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    consequences = forms.CharField(
        label=_("Gevolgen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Voor wie, wat kost het, wat levert het op, welke risico's."),
    )
    is_preferred = forms.BooleanField(label=_("Dit is de voorkeursoptie"), required=False)


class DecisionForm(CrispyMixin, forms.Form):
    body = forms.ChoiceField(label=_("Besluitvormend orgaan"), choices=DecisionBody.choices)
    body_name = forms.CharField(
        label=_("Naam van het orgaan"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: gemeenteraad van Voorbeeld."),
    )
    reference = forms.CharField(
        label=_("Kenmerk van het besluit"),
        max_length=200,
        help_text=_("Bijvoorbeeld het nummer van het raadsbesluit of collegebesluit."),
    )
    decided_on = forms.DateField(label=_("Datum van het besluit"), widget=DateInput())
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=DecisionOutcome.choices)
    chosen_option = forms.ModelChoiceField(
        label=_("Gekozen optie"),
        queryset=PolicyOption.objects.none(),
        required=False,
        empty_label=_("(geen van de opties)"),
        error_messages={"invalid_choice": _("Kies een optie van dit doel.")},
    )
    notes = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen_option"].queryset = goal.options.order_by("position", "id")


class MergeGoalForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Samenvoegen met"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("Als nieuw doel overnemen"),
        error_messages={"invalid_choice": _("Kies een doel uit de doelenboom van het team.")},
    )

    def __init__(self, *args, team: GoalTree | None, **kwargs):
        super().__init__(*args, **kwargs)
        if team is not None:
            self.fields["into"].queryset = team.goals.order_by("level", "position", "id")
        self.fields["into"].label_from_instance = lambda g: f"{g.level} · {g.statement}"
