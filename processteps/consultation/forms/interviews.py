"""Forms of the consultation round in the browser: interviews, invitations, the briefing,
reports, transcripts, fragments, themes and search. They validate input and hand clean data to
services; they never save models."""

import os

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from processteps.consultation.models import (
    Dimension,
    Interview,
    InterviewForm,
    InterviewReport,
    KeyFigure,
    QuoteConsent,
    Theme,
)
from processteps.consultation.services.interviews import template_check
from processteps.forms import CrispyMixin, DateInput
from processteps.models import Project, Role
from processteps.services.sources import validate_upload

TRANSCRIPT_EXTENSIONS = ("vtt", "srt", "txt")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def person_label(user) -> str:
    return user.get_full_name() or user.get_username()


def team_users(project: Project):
    return (
        get_user_model()
        .objects.filter(
            memberships__project=project, memberships__role__in=[Role.LEADER, Role.MEMBER]
        )
        .order_by("first_name", "username")
    )


def approved_key_figures(project: Project):
    return (
        KeyFigure.objects.active()
        .filter(project=project, approved_at__isnull=False)
        .select_related("angle")
        .order_by("name", "id")
    )


class InterviewPlanForm(CrispyMixin, forms.Form):
    key_figure = forms.ModelChoiceField(
        label=_("Sleutelfiguur"),
        queryset=KeyFigure.objects.none(),
        help_text=_("Alleen door de projectleider goedgekeurde sleutelfiguren."),
    )
    interviewers = forms.ModelMultipleChoiceField(
        label=_("Interviewers"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    scheduled_at = forms.DateTimeField(
        label=_("Datum en tijd"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    form = forms.ChoiceField(label=_("Vorm"), choices=InterviewForm.choices)
    consent_recording = forms.BooleanField(
        label=_("De sleutelfiguur geeft toestemming voor een opname"), required=False
    )
    quote_consent = forms.ChoiceField(
        label=_("Toestemming om te citeren"),
        choices=QuoteConsent.choices,
        initial=QuoteConsent.ANONYMOUS,
        widget=forms.RadioSelect,
    )
    report_due = forms.DateField(label=_("Verslag uiterlijk"), required=False, widget=DateInput())

    def __init__(self, *args, project: Project, interview: Interview | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        if interview is not None:
            del self.fields["key_figure"]
        else:
            self.fields["key_figure"].queryset = approved_key_figures(project)
            self.fields["key_figure"].label_from_instance = lambda k: (
                f"{k.name} ({k.organisation})" if k.organisation else k.name
            )
        self.fields["interviewers"].queryset = team_users(project)
        self.fields["interviewers"].label_from_instance = person_label


class InvitationTemplateForm(CrispyMixin, forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 12}))

    def clean_subject(self):
        return self._checked("subject")

    def clean_body(self):
        return self._checked("body")

    def _checked(self, name):
        value = self.cleaned_data[name]
        template_check(value)  # a ValidationError lands on this field
        return value


class InvitationPreviewForm(forms.Form):
    key_figure = forms.ModelChoiceField(
        label=_("Voorbeeld voor"), queryset=KeyFigure.objects.none()
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_figure"].queryset = approved_key_figures(project)
        self.fields["key_figure"].widget.attrs["class"] = "form-select"


class InvitationSendForm(forms.Form):
    key_figures = forms.ModelMultipleChoiceField(
        label=_("Versturen aan"),
        queryset=KeyFigure.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Kies minstens één sleutelfiguur.")},
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_figures"].queryset = approved_key_figures(project)
        self.fields["key_figures"].label_from_instance = lambda k: (
            f"{k.name} <{k.email}>" if k.email else f"{k.name} ({_('geen e-mailadres')})"
        )


class BriefingForm(CrispyMixin, forms.Form):
    text = forms.CharField(
        label=_("Briefing voor de interviewers"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Gewone tekst, of eenvoudige opmaak in HTML (alinea's, lijsten, vet). Publiceren "
            "maakt een nieuwe versie die iedere interviewer opnieuw bevestigt."
        ),
    )


class ReportForm(forms.Form):
    """The structured report; ``version`` is the one the form was opened with."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in InterviewReport.CONTENT_FIELDS:
            model_field = InterviewReport._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name.capitalize(),
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
            )

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in InterviewReport.CONTENT_FIELDS}

    def content_fields(self):
        return [self[name] for name in InterviewReport.CONTENT_FIELDS]


class ReturnForm(forms.Form):
    comments = forms.CharField(
        label=_("Wat moet er nog gebeuren?"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class AttachmentForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300, required=False)
    file = forms.FileField(label=_("Bestand"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload)
        return upload


class TranscriptForm(forms.Form):
    file = forms.FileField(
        label=_("Transcript (WebVTT, SRT of tekst)"),
        help_text=_("Zoals Zoom of Teams het exporteert: .vtt, .srt of .txt."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".vtt,.srt,.txt,text/vtt,text/plain", "class": "form-control"}
        ),
    )

    def __init__(self, *args, **kwargs):
        # The report page also holds the attachment form, with a field "file" of its own.
        kwargs.setdefault("auto_id", "id_transcript_%s")
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        ext = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if ext not in TRANSCRIPT_EXTENSIONS:
            raise ValidationError(
                _("Een transcript is een .vtt-, .srt- of .txt-bestand, geen '.%(ext)s'."),
                params={"ext": ext or "?"},
            )
        if upload.size > settings.UPLOAD_MAX_SIZE:
            raise ValidationError(
                _("Het bestand is te groot (%(size)s); het maximum is %(max)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.UPLOAD_MAX_SIZE),
                },
            )
        return upload


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of the theme tree, sub-themes labelled under their main theme."""

    widget = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})

    def label_from_instance(self, obj):
        return f"{obj.parent.name} › {obj.name}" if obj.parent_id else obj.name


def themes_in_tree_order(project: Project) -> list[Theme]:
    themes = list(project.themes.select_related("parent"))
    ordered = []
    for main in (t for t in themes if t.parent_id is None):
        ordered.append(main)
        ordered.extend(t for t in themes if t.parent_id == main.pk)
    return ordered


class FragmentForm(forms.Form):
    text = forms.CharField(
        label=_("Citaat"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=_("Kort het citaat in tot de woorden die je wilt bewaren."),
    )
    themes = ThemeChoiceField(label=_("Thema's"), queryset=Theme.objects.none(), required=False)
    dimension = forms.ChoiceField(
        label=_("Waarheid, wijsheid of waarachtigheid"),
        choices=[("", _("Nog niet gekozen")), *Dimension.choices],
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        ordered = themes_in_tree_order(project)
        field = self.fields["themes"]
        field.queryset = Theme.objects.filter(project=project).select_related("parent")
        # Show the tree in its order (the queryset validates, the choices display).
        field.choices = [(t.pk, field.label_from_instance(t)) for t in ordered]


class ThemeForm(CrispyMixin, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    parent = forms.ModelChoiceField(
        label=_("Onder hoofdthema"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("— een nieuw hoofdthema —"),
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["parent"].queryset = project.themes.filter(parent__isnull=True)

    def clean(self):
        data = super().clean()
        name = (data.get("name") or "").strip()
        # The database constraint does not see two main themes (parent NULL) as equal.
        if (
            name
            and self.project.themes.filter(parent=data.get("parent"), name__iexact=name).exists()
        ):
            self.add_error("name", _("Dit thema bestaat al."))
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), max_length=200, required=False)
