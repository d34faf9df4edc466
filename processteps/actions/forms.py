"""Forms of the action book (step 10): the action form with its inline parts (parties, budget,
milestones, implementation indicators). Forms validate input; ``services.actions.action_save``
saves the whole form at once."""

from django import forms
from django.utils.translation import gettext_lazy as _

from processteps.forms import CrispyMixin, DateInput
from processteps.goals.models import Frequency
from processteps.meetings.models import InterventionPoint
from processteps.models import Domain

from .models import PartyRole
from .selectors import cause_choices, goal_choices


class ActionMainForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    description = forms.CharField(
        label=_("Beschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Doelen die de actie dient"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Doelen uit de doelenboom van het team (stap 9)."),
    )
    causes = forms.ModelMultipleChoiceField(
        label=_("Oorzaken die de actie wegneemt"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Oorzaken uit de teamanalyse (stap 5): acties zijn gericht op het wegnemen van "
            "oorzaken. Minstens één is nodig voor een volledig formulier."
        ),
    )
    intervention_point = forms.ModelChoiceField(
        label=_("Interventiepunt"),
        queryset=None,
        required=False,
        empty_label=_("(nog geen)"),
        help_text=_("Het interventiepunt van stap 6 dat de actie benut."),
    )
    domain = forms.ChoiceField(label=_("Domein"), required=False)
    start_date = forms.DateField(label=_("Startdatum"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("Einddatum"), required=False, widget=DateInput())
    asked_of_citizens = forms.CharField(
        label=_("Wat van burgers gevraagd wordt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    risks = forms.CharField(
        label=_("Risico's"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assumptions = forms.CharField(
        label=_("Aannames"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goal_choices(project)
        self.fields["goals"].label_from_instance = lambda g: f"{g.level} · {g.statement}"
        self.fields["causes"].queryset = cause_choices(project)
        self.fields["causes"].label_from_instance = lambda c: (
            f"{c.statement} ({c.get_kind_display().lower()})"
        )
        self.fields["intervention_point"].queryset = InterventionPoint.objects.filter(
            project=project
        ).order_by("position", "id")
        self.fields["domain"].choices = [("", "—"), *Domain.choices]
        for name in ("goals", "causes"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Kies uit het werk van dit project."
            )
        self.fields["intervention_point"].error_messages["invalid_choice"] = _(
            "Kies een interventiepunt van dit project."
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt vóór de startdatum."))
        return data


class RowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = css


class PartyForm(RowForm):
    name = forms.CharField(label=_("Organisatie of persoon"), max_length=200)
    role = forms.ChoiceField(label=_("Rol"), choices=[("", "—"), *PartyRole.choices])
    contact_name = forms.CharField(label=_("Contactpersoon"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mailadres"), required=False)
    contact_phone = forms.CharField(label=_("Telefoon"), max_length=50, required=False)


class BudgetForm(RowForm):
    amount = forms.CharField(label=_("Bedrag (euro)"), max_length=30)
    source = forms.CharField(label=_("Financieringsbron"), max_length=200)
    year = forms.IntegerField(label=_("Jaar"), min_value=1900, max_value=2200)


class MilestoneForm(RowForm):
    title = forms.CharField(label=_("Mijlpaal"), max_length=300)
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    done = forms.BooleanField(label=_("Gehaald"), required=False)


class IndicatorForm(RowForm):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    unit = forms.CharField(label=_("Eenheid"), max_length=50)
    definition = forms.CharField(label=_("Definitie"), required=False)
    baseline_value = forms.CharField(label=_("Nulmeting"), max_length=30, required=False)
    baseline_date = forms.DateField(label=_("Datum nulmeting"), required=False, widget=DateInput())
    target_value = forms.CharField(label=_("Streefwaarde"), max_length=30, required=False)
    target_date = forms.DateField(label=_("Streefdatum"), required=False, widget=DateInput())
    source = forms.CharField(label=_("Bron"), max_length=300, required=False)
    method = forms.CharField(label=_("Meetmethode"), max_length=300, required=False)
    frequency = forms.ChoiceField(
        label=_("Frequentie"), choices=[("", "—"), *Frequency.choices], required=False
    )
    measured_by = forms.CharField(label=_("Wie meet"), max_length=200, required=False)


def formset(form, *, extra):
    return forms.formset_factory(form, extra=extra, can_delete=True, max_num=50, validate_max=True)


PartyFormSet = formset(PartyForm, extra=2)
BudgetFormSet = formset(BudgetForm, extra=1)
MilestoneFormSet = formset(MilestoneForm, extra=2)
IndicatorFormSet = formset(IndicatorForm, extra=1)

INLINES = (
    ("parties", PartyFormSet, _("Eigenaar en partners")),
    ("budget", BudgetFormSet, _("Begroting")),
    ("milestones", MilestoneFormSet, _("Mijlpalen")),
    ("indicators", IndicatorFormSet, _("Uitvoeringsindicatoren")),
)


def rows_of(formset) -> list[dict]:
    """The filled, not deleted rows of a valid formset, as the service takes them."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        row = {k: v for k, v in data.items() if k != "DELETE"}
        if not row.get("id"):
            row.pop("id", None)
        for key in ("baseline_value", "target_value"):
            if key in row and row[key] is None:
                row[key] = ""
        rows.append(row)
    return rows


class InviteForm(forms.Form):
    parties = forms.ModelMultipleChoiceField(
        label=_("Partijen die je uitnodigt"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één partij om uit te nodigen.")},
    )
    message = forms.CharField(
        label=_("Persoonlijke tekst (optioneel)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = action.parties.order_by("position", "id")
        self.fields["parties"].label_from_instance = lambda p: (
            f"{p.name}, {p.get_role_display().lower()}"
            + (f" · {p.contact_email}" if p.contact_email else "")
        )


class CommentForm(CrispyMixin, forms.Form):
    organisation = forms.CharField(label=_("Van (organisatie of persoon)"), max_length=200)
    text = forms.CharField(label=_("Reactie"), widget=forms.Textarea(attrs={"rows": 4}))
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DateInput())
