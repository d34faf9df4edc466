"""Forms of the meetings (steps 6-8). They validate input and hand clean data to services;
they never save models."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from processteps.consultation.forms.interviews import DateTimeInput, person_label, team_users
from processteps.forms import CrispyMixin, DateInput
from processteps.models import Domain, Horizon, PartyKind, Project

from . import selectors
from .models import (
    KIND_FORMATS,
    ActingArena,
    Attendance,
    Doability,
    Freedom,
    FundamentalQuestion,
    HarvestItem,
    InterventionPoint,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Participant,
    TargetImageStatus,
)
from .services.participants import invitable_key_figures, template_check

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


def factor_label(factor) -> str:
    return f"{factor.statement} ({factor.get_kind_display().lower()})"


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes in a scrollable box (long lists of causes, themes, harvest items)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-check-input", **(attrs or {})})


class MeetingForm(CrispyMixin, forms.Form):
    format = forms.ChoiceField(label=_("Vorm"))
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Doel en opzet"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    theme = forms.ModelChoiceField(label=_("Thema"), queryset=None, required=False)
    starts_at = forms.DateTimeField(
        label=_("Begint om"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Eindigt om"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    already_held = forms.BooleanField(
        label=_("Al gehouden (een bijeenkomst achteraf vastleggen)"), required=False
    )
    place = forms.CharField(label=_("Plaats"), max_length=300, required=False)
    online_link = forms.URLField(
        label=_("Link voor online deelname"), max_length=500, required=False, assume_scheme="https"
    )
    chair = forms.ModelChoiceField(
        label=_("Voorzitter / gastheer"), queryset=get_user_model().objects.none()
    )
    external_chair = forms.CharField(
        label=_("Voorzitter van buiten het team"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld de wethouder die de politieke bijeenkomst voorzit."),
    )
    capacity = forms.IntegerField(
        label=_("Maximum aantal deelnemers"),
        min_value=1,
        required=False,
        help_text=_("Leeg: geen maximum. Vol is vol: daarna komt men op de wachtlijst."),
    )
    logistics_room = forms.CharField(
        label=_("Zaal en inrichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    logistics_catering = forms.CharField(
        label=_("Catering"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    logistics_gifts = forms.CharField(
        label=_("Attentie bij het afscheid"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    logistics_notes = forms.CharField(
        label=_("Overige logistiek"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, project: Project, kind: str, meeting: Meeting | None = None, **kw):
        super().__init__(*args, **kw)
        self.fields["format"].choices = [(f.value, f.label) for f in KIND_FORMATS[kind]]
        self.fields["theme"].queryset = selectors.project_themes(project)
        self.fields["chair"].queryset = team_users(project)
        self.fields["chair"].label_from_instance = person_label
        if meeting is not None:
            del self.fields["already_held"]

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("online_link"):
            self.add_error("place", _("Vul een plaats in of een link voor online deelname."))
        return data


class AgendaItemForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Agendapunt"), max_length=200)
    duration_minutes = forms.IntegerField(label=_("Duur (minuten)"), min_value=1, max_value=600)
    notes = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    causes = forms.ModelMultipleChoiceField(
        label=_("Oorzaken die aan bod komen (stap 5)"),
        queryset=None,
        required=False,
        widget=CheckboxList,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's die aan bod komen (stap 4)"),
        queryset=None,
        required=False,
        widget=CheckboxList,
    )
    questions = forms.ModelMultipleChoiceField(
        label=_("Fundamentele vragen die aan bod komen"),
        queryset=None,
        required=False,
        widget=CheckboxList,
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["causes"].queryset = selectors.offered_factors(project)
        self.fields["causes"].label_from_instance = factor_label
        self.fields["themes"].queryset = selectors.project_themes(project)
        self.fields["questions"].queryset = FundamentalQuestion.objects.filter(project=project)
        if not self.fields["causes"].queryset.exists():
            self.fields["causes"].help_text = _(
                "Er is nog geen teamanalyse van stap 5: oorzaken volgen zodra die er is."
            )


class SplitForm(CrispyMixin, forms.Form):
    theme = forms.ModelChoiceField(label=_("Thema van de nieuwe expertmeeting"), queryset=None)
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Leeg: de titel van deze bijeenkomst met het thema erachter."),
    )
    attendances = forms.ModelMultipleChoiceField(
        label=_("Wie gaan naar de nieuwe bijeenkomst?"),
        queryset=Attendance.objects.none(),
        widget=CheckboxList,
    )
    starts_at = forms.DateTimeField(
        label=_("Begint om"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Eindigt om"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    chair = forms.ModelChoiceField(
        label=_("Voorzitter"), queryset=get_user_model().objects.none(), required=False
    )

    def __init__(self, *args, project: Project, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = selectors.project_themes(project)
        self.fields["attendances"].queryset = meeting.attendances.select_related(
            "participant"
        ).order_by("participant__name")
        self.fields["attendances"].label_from_instance = lambda a: (
            f"{a.participant.name} – {a.participant.expertise}"
            if a.participant.expertise
            else a.participant.name
        )
        self.fields["chair"].queryset = team_users(project)
        self.fields["chair"].label_from_instance = person_label


class ParticipantForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "name",
            "organisation",
            "expertise",
            "group",
            "email",
            "phone",
            "declared_interests",
        ]
        widgets = {"declared_interests": forms.Textarea(attrs={"rows": 3})}


class ParticipantImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_("Kolommen: naam, organisatie, expertise, groep, e-mail, telefoon, belangen."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meteen uitnodigen voor"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(project=project).exclude(
            status=MeetingStatus.CANCELLED
        )


class AttendanceAddForm(forms.Form):
    participants = forms.ModelMultipleChoiceField(
        label=_("Deelnemers"), queryset=Participant.objects.none(), required=False,
        widget=CheckboxList,
    )  # fmt: skip
    key_figures = forms.ModelMultipleChoiceField(
        label=_("Sleutelfiguren (zonder overtypen)"),
        queryset=None,
        required=False,
        widget=CheckboxList,
    )

    def __init__(self, *args, project: Project, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = (
            Participant.objects.filter(project=project)
            .exclude(attendances__meeting=meeting)
            .order_by("name", "id")
        )
        self.fields["participants"].label_from_instance = lambda p: (
            f"{p.name} ({p.organisation})" if p.organisation else p.name
        )
        self.fields["key_figures"].queryset = invitable_key_figures(project)
        self.fields["key_figures"].label_from_instance = lambda k: (
            f"{k.name} ({k.organisation})" if k.organisation else k.name
        )

    def clean(self):
        data = super().clean()
        if not data.get("participants") and not data.get("key_figures"):
            raise forms.ValidationError(_("Kies minstens één deelnemer of sleutelfiguur."))
        return data


class InvitationSendForm(forms.Form):
    attendances = forms.ModelMultipleChoiceField(
        label=_("Versturen aan"),
        queryset=Attendance.objects.none(),
        widget=CheckboxList,
        error_messages={"required": _("Kies minstens één deelnemer.")},
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendances"].queryset = meeting.attendances.select_related("participant")


class InvitationTemplateForm(CrispyMixin, forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 12}))

    def clean_subject(self):
        template_check(self.cleaned_data["subject"])
        return self.cleaned_data["subject"]

    def clean_body(self):
        template_check(self.cleaned_data["body"])
        return self.cleaned_data["body"]


class MinutesForm(forms.Form):
    """The minutes text and an answer field per fundamental question the agenda treats."""

    text = forms.CharField(
        label=_("Verslag"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Het antwoord van deze bijeenkomst op de fundamentele vraag."),
            )

    def answers(self) -> dict:
        return {q: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}

    def answer_fields(self):
        return [self[f"answer_{q.pk}"] for q in self.questions]


class QuestionForm(CrispyMixin, forms.Form):
    text = forms.CharField(label=_("Fundamentele vraag"), max_length=300)
    explanation = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InterventionPointForm(CrispyMixin, forms.Form):
    cause = forms.ModelChoiceField(label=_("Oorzaak (stap 5)"), queryset=None)
    title = forms.CharField(label=_("Interventiepunt"), max_length=300)
    arena = forms.ChoiceField(label=_("Wie kan handelen"), choices=ActingArena.choices)
    who_can_act = forms.CharField(label=_("Welke partij(en)"), max_length=300, required=False)
    argument = forms.CharField(
        label=_("Argumentatie"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    supporting_meetings = forms.ModelMultipleChoiceField(
        label=_("Bijeenkomsten die het onderbouwen"),
        queryset=Meeting.objects.none(),
        required=False,
        widget=CheckboxList,
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cause"].queryset = selectors.offered_causes(project)
        self.fields["cause"].label_from_instance = factor_label
        self.fields["supporting_meetings"].queryset = Meeting.objects.filter(
            project=project
        ).exclude(status=MeetingStatus.CANCELLED)


class RoundForm(CrispyMixin, forms.Form):
    question = forms.CharField(label=_("Vraag van de ronde"), max_length=300)
    duration_minutes = forms.IntegerField(label=_("Duur (minuten)"), min_value=1, max_value=600)


class TableForm(CrispyMixin, forms.Form):
    host_name = forms.CharField(label=_("Tafelgastheer of -vrouw"), max_length=200, required=False)
    participant_count = forms.IntegerField(
        label=_("Aantal deelnemers aan tafel"), min_value=0, max_value=1000, initial=0
    )


class HarvestItemForm(CrispyMixin, forms.Form):
    text = forms.CharField(label=_("Opbrengst"), widget=forms.Textarea(attrs={"rows": 3}))
    round = forms.ModelChoiceField(label=_("Ronde"), queryset=None, required=False)
    table = forms.ModelChoiceField(label=_("Tafel"), queryset=None, required=False)
    domains = forms.MultipleChoiceField(
        label=_("Domeinen"), choices=Domain.choices, required=False, widget=CheckboxList
    )
    causes = forms.ModelMultipleChoiceField(
        label=_("Oorzaken (stap 5)"), queryset=None, required=False, widget=CheckboxList
    )
    intervention_points = forms.ModelMultipleChoiceField(
        label=_("Interventiepunten (stap 6)"),
        queryset=InterventionPoint.objects.none(),
        required=False,
        widget=CheckboxList,
    )

    def __init__(self, *args, meeting: Meeting, factors=None, points=None, **kwargs):
        super().__init__(*args, **kwargs)
        project = meeting.project
        self.fields["round"].queryset = meeting.rounds.all()
        self.fields["table"].queryset = meeting.tables.all()
        self.fields["causes"].queryset = (
            factors if factors is not None else selectors.offered_factors(project)
        )
        self.fields["causes"].label_from_instance = factor_label
        self.fields["intervention_points"].queryset = (
            points if points is not None else InterventionPoint.objects.filter(project=project)
        )
        if not meeting.harvests_at_tables:
            del self.fields["round"]
            del self.fields["table"]


class HarvestResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Waarom niet overgenomen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ParticipationForm(CrispyMixin, forms.Form):
    walk_ins = forms.IntegerField(
        label=_("Deelnemers zonder registratie (geteld bij de deur)"), min_value=0, initial=0
    )
    freedom = forms.ChoiceField(
        label=_("Is de bijeenkomst in alle vrijheid verlopen?"),
        choices=[("", "—"), *Freedom.choices],
        required=False,
    )
    freedom_note = forms.CharField(
        label=_("Toelichting van de gastheer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CitizenTargetForm(CrispyMixin, forms.Form):
    citizen_target = forms.IntegerField(
        label=_("Beoogd aantal deelnemende burgers"), min_value=1, required=False
    )


class VisionForm(CrispyMixin, forms.Form):
    concept_text = forms.CharField(
        label=_("Visie op basis van de Algemene Wil"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class VisionAdoptForm(CrispyMixin, forms.Form):
    meeting = forms.ModelChoiceField(label=_("Politieke bijeenkomst"), queryset=None)
    adopted_text = forms.CharField(
        label=_("Visie op basis van het Algemeen Belang"),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    argument = forms.CharField(
        label=_("Politieke argumentatie"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = political_meetings_held(project)


def political_meetings_held(project: Project):
    return Meeting.objects.filter(
        project=project, kind=MeetingKind.POLITICAL, status=MeetingStatus.HELD
    )


class TargetImageForm(CrispyMixin, forms.Form):
    domain = forms.ChoiceField(label=_("Domein"), choices=Domain.choices)
    horizon = forms.ChoiceField(label=_("Termijn"), choices=Horizon.choices)
    title = forms.CharField(label=_("Streefbeeld"), max_length=300)
    text = forms.CharField(
        label=_("Beschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    items = forms.ModelMultipleChoiceField(
        label=_("Opbrengsten waarop het streefbeeld berust"),
        queryset=HarvestItem.objects.none(),
        widget=CheckboxList,
        error_messages={
            "required": _("Een streefbeeld berust op de oogst: kies de opbrengsten die het "
                          "overneemt.")
        },
    )  # fmt: skip

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items
        self.fields["items"].label_from_instance = lambda item: (
            f"{item.text} ({item.meeting.title})"
        )


class DecisionForm(CrispyMixin, forms.Form):
    meeting = forms.ModelChoiceField(label=_("Politieke bijeenkomst"), queryset=None)
    outcome = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            (s.value, s.label)
            for s in (
                TargetImageStatus.ADOPTED,
                TargetImageStatus.CHANGED,
                TargetImageStatus.REJECTED,
            )
        ],
        widget=forms.RadioSelect,
    )
    political_argument = forms.CharField(
        label=_("Politieke argumentatie"), widget=forms.Textarea(attrs={"rows": 3})
    )
    title = forms.CharField(
        label=_("Streefbeeld zoals gewijzigd vastgesteld"), max_length=300, required=False
    )
    text = forms.CharField(
        label=_("Beschrijving zoals gewijzigd vastgesteld"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    review_date = forms.DateField(label=_("Opnieuw bezien op"), required=False, widget=DateInput())

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = political_meetings_held(project)


class JusticeTestForm(CrispyMixin, forms.Form):
    doability = forms.ChoiceField(
        label=_("Kunnen burgers doen wat er van hen gevraagd wordt? (doenvermogen)"),
        choices=[("", "—"), *Doability.choices],
        required=False,
    )
    doability_explanation = forms.CharField(
        label=_("Toelichting doenvermogen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    justification = forms.CharField(
        label=_("Wat rechtvaardigt dat de overheid optreedt?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class JusticeRowForm(forms.Form):
    party = forms.ChoiceField(label=_("Groep"), choices=[("", "—"), *PartyKind.choices],
                              required=False)  # fmt: skip
    domain = forms.ChoiceField(label=_("Domein"), choices=[("", "—"), *Domain.choices],
                               required=False)  # fmt: skip
    burdens = forms.CharField(
        label=_("Lasten"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    benefits = forms.CharField(
        label=_("Lusten"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


JusticeRowFormSet = forms.formset_factory(JusticeRowForm, extra=2, max_num=40)
