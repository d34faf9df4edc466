"""Forms: they validate input and hand clean data to services; they never save models."""

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import DataSource, Decision, ProcessStep, Project, Role, TaskStatus, UncertaintyStatus
from .models.steps import SourceKind
from .services.sources import validate_upload


class CrispyMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MonthField(forms.DateField):
    """A month (``<input type=month>``), stored as the first day of that month."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(day=1) if value else value


class ProjectForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "issue", "client_organisation", "description", "start_date"]
        widgets = {
            "start_date": DateInput(),
            "issue": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class MemberAddForm(CrispyMixin, forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    name = forms.CharField(
        label=_("Naam"), required=False, help_text=_("Alleen nodig voor iemand zonder account.")
    )
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.MEMBER)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)


class CommitmentForm(CrispyMixin, forms.Form):
    commitment = forms.CharField(
        label=_("Mijn inzet"),
        max_length=300,
        required=False,
        help_text=_("Iedereen bepaalt zelf zijn eigen inzet, bijvoorbeeld '4 uur per week'."),
    )


class AgreementForm(forms.Form):
    text = forms.CharField(label=_("Nieuwe afspraak"), max_length=300)


class StepForm(CrispyMixin, forms.ModelForm):
    planned_start = MonthField(label=_("Gepland vanaf (maand)"), required=False)
    planned_end = MonthField(label=_("Gepland tot en met (maand)"), required=False)

    class Meta:
        model = ProcessStep
        fields = [
            "name",
            "document_name",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "essence",
            "methodology",
            "communication",
            "data_collection",
            "uncertainty_reduction",
        ]
        widgets = {
            "actual_start": DateInput(),
            "actual_end": DateInput(),
            **{
                f: forms.Textarea(attrs={"rows": 2})
                for f in (
                    "essence",
                    "methodology",
                    "communication",
                    "data_collection",
                    "uncertainty_reduction",
                )
            },
        }


class CompleteForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reden om toch af te ronden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class SkipForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden om de stap niet te doen"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, **kwargs):
        # The step page also holds the decision form, with a field "reason" of its own.
        kwargs.setdefault("auto_id", "id_skip_%s")
        super().__init__(*args, **kwargs)


class DecisionForm(CrispyMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[c for c in Decision.choices if c[0] != Decision.NOT_REQUIRED],
        widget=forms.RadioSelect,
    )
    form = forms.CharField(
        label=_("Zo ja, in welke vorm?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Zo nee, waarom niet?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class UncertaintyForm(CrispyMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=UncertaintyStatus.choices, widget=forms.RadioSelect
    )
    justification = forms.CharField(
        label=_("Onderbouwing"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ChecklistAddForm(forms.Form):
    text = forms.CharField(label=_("Nieuw checklistpunt"), max_length=300)


class TaskForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Taak"), max_length=300)
    step = forms.ModelChoiceField(
        label=_("Stap"),
        queryset=ProcessStep.objects.none(),
        required=False,
        empty_label=_("— het hele proces —"),
    )
    assignee = forms.ModelChoiceField(
        label=_("Uitvoerder"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Het team als geheel"),
    )
    due_date = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    notes = forms.CharField(
        label=_("Notities"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args, project: Project, limited: bool = False, current_status: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["step"].queryset = project.steps.all()
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__project=project, memberships__role__in=[Role.LEADER, Role.MEMBER]
            )
            .order_by("first_name", "username")
        )
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username
        if limited:
            # A team member updates the progress of a task, not its definition.
            for name in ("title", "step", "assignee", "due_date"):
                del self.fields[name]
            # Team members do not put tasks on hold for a decision, but keep a task that is.
            self.fields["status"].choices = [
                c
                for c in TaskStatus.choices
                if c[0] != TaskStatus.DECISION_PENDING or c[0] == current_status
            ]

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < self.project.start_date:
            raise forms.ValidationError(
                _("De deadline ligt voor de start van het project (%(date)s)."),
                params={"date": self.project.start_date.strftime("%d-%m-%Y")},
            )
        return due


class SourceForm(CrispyMixin, forms.ModelForm):
    url = forms.URLField(label=_("URL"), required=False, max_length=1000, assume_scheme="https")

    class Meta:
        model = DataSource
        fields = ["title", "kind", "file", "url", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == SourceKind.LINK and not data.get("url"):
            self.add_error("url", _("Een link heeft een URL nodig."))
        if kind in (SourceKind.DOCUMENT, SourceKind.DATASET) and not (
            data.get("file") or data.get("url")
        ):
            self.add_error("file", _("Voeg een bestand toe of geef een URL."))
        if kind == SourceKind.NOTE and not (
            (data.get("notes") or "").strip() or data.get("file") or data.get("url")
        ):
            self.add_error("notes", _("Een notitie heeft tekst nodig."))
        return data


def month_range(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months
