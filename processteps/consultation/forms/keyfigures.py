"""Forms of the key-figure register (step 2): they validate input, services save it."""

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from processteps.consultation.models import Angle, KeyFigure, KeyFigureStatus
from processteps.forms import CrispyMixin
from processteps.models import Project
from processteps.tabular import check_upload


def _to_bool(value) -> bool:
    return value in (True, "True", "true", "1")


class KeyFigureForm(CrispyMixin, forms.ModelForm):
    """Propose or edit a key figure.

    The subfunctional angles offered are those under the chosen functional angle; with none
    chosen yet, all of them, grouped under their functional angle. Whatever is offered, the
    model checks that the subangle belongs under the angle.
    """

    is_usual_suspect = forms.TypedChoiceField(
        label=_("Usual of unusual suspect"),
        choices=(
            (True, _("Usual suspect: iemand die vanzelfsprekend wordt gevraagd")),
            (False, _("Unusual suspect: iemand die niet vanzelfsprekend wordt gevraagd")),
        ),
        coerce=_to_bool,
        widget=forms.RadioSelect,
        initial=True,
    )

    class Meta:
        model = KeyFigure
        fields = [
            "name",
            "organisation",
            "organisation_type",
            "function",
            "address",
            "postcode",
            "city",
            "email",
            "phone",
            "angle",
            "subangle",
            "is_usual_suspect",
            "proposal_reason",
            "notes",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "proposal_reason": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "address": _("Adres (straat en huisnummer)"),
            "proposal_reason": _("Waarom deze persoon?"),
        }

    def __init__(self, *args, project: Project, selected_angle=None, **kwargs):
        kwargs.setdefault("instance", KeyFigure(project=project))
        super().__init__(*args, **kwargs)
        self.project = project
        self.helper.layout = Layout(
            Fieldset(
                _("Persoon"),
                "name",
                Row(Column("organisation"), Column("organisation_type")),
                "function",
            ),
            Fieldset(
                _("Contactgegevens"),
                "address",
                Row(Column("postcode"), Column("city")),
                Row(Column("email"), Column("phone")),
            ),
            Fieldset(_("Invalshoek"), Row(Column("angle"), Column("subangle")), "is_usual_suspect"),
            Fieldset(_("Voorstel"), "proposal_reason", "notes"),
        )
        angles = list(project.angles.select_related("parent"))
        functional = [a for a in angles if a.parent_id is None]
        subs = [a for a in angles if a.parent_id is not None]

        angle_field = self.fields["angle"]
        angle_field.queryset = project.angles.filter(parent__isnull=True)
        angle_field.empty_label = _("— kies een functionele invalshoek —")
        angle_field.widget.choices = [("", angle_field.empty_label)] + [
            (a.pk, a.name) for a in functional
        ]

        sub_field = self.fields["subangle"]
        sub_field.queryset = project.angles.filter(parent__isnull=False)
        sub_field.help_text = _("Alleen de subfunctionele invalshoeken onder de gekozen.")
        chosen = self._chosen_angle(selected_angle)
        if not self.is_bound and selected_angle not in (None, ""):
            self.initial["angle"] = chosen
        empty = [("", _("— geen —"))]
        if chosen is not None:
            sub_field.widget.choices = empty + [
                (a.pk, a.name) for a in subs if a.parent_id == chosen
            ]
        else:
            sub_field.widget.choices = empty + [
                (parent.name, [(a.pk, a.name) for a in subs if a.parent_id == parent.pk])
                for parent in functional
                if any(a.parent_id == parent.pk for a in subs)
            ]

    def _chosen_angle(self, selected_angle) -> int | None:
        if self.is_bound:
            value = self.data.get(self.add_prefix("angle"))
        elif selected_angle is not None:
            value = selected_angle
        else:
            value = self.initial.get("angle") or self.instance.angle_id
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def service_fields(self) -> dict:
        """The cleaned data as the keyword arguments of the key-figure services."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class KeyFigureStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=KeyFigureStatus.choices)


class KeyFigureFilterForm(forms.Form):
    """The register's filters (GET); an invalid value is ignored, not an error."""

    angle = forms.ModelChoiceField(
        label=_("Invalshoek"),
        queryset=Angle.objects.none(),
        required=False,
        empty_label=_("Alle invalshoeken"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statussen")), ("pending", _("Wacht op goedkeuring"))]
        + list(KeyFigureStatus.choices),
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Usual / unusual"),
        choices=[
            ("", _("Usual en unusual")),
            ("usual", _("Usual suspects")),
            ("unusual", _("Unusual suspects")),
        ],
        required=False,
    )
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        angles = list(project.angles.select_related("parent"))
        self.angles = angles
        field = self.fields["angle"]
        field.queryset = project.angles.all()
        choices = [("", field.empty_label)]
        for parent in (a for a in angles if a.parent_id is None):
            choices.append((parent.pk, parent.name))
            choices += [(a.pk, f"— {a.name}") for a in angles if a.parent_id == parent.pk]
        field.widget.choices = choices
        for name, bound in self.fields.items():
            bound.widget.attrs["class"] = "form-control" if name == "q" else "form-select"

    def filter(self, queryset):
        self.is_valid()  # a bad value of one filter is left out; the others still apply
        data = getattr(self, "cleaned_data", {})
        angle = data.get("angle")
        if angle is not None:
            queryset = (
                queryset.filter(subangle=angle) if angle.parent_id else queryset.filter(angle=angle)
            )
        if data.get("status") == "pending":
            queryset = queryset.filter(approved_at__isnull=True, erased_at__isnull=True)
        elif data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("kind"):
            queryset = queryset.filter(is_usual_suspect=data["kind"] == "usual")
        text = (data.get("q") or "").strip()
        if text:
            queryset = queryset.filter(
                Q(name__icontains=text)
                | Q(organisation__icontains=text)
                | Q(organisation_type__icontains=text)
                | Q(function__icontains=text)
            )
        return queryset

    @property
    def is_filtered(self) -> bool:
        self.is_valid()
        return any(getattr(self, "cleaned_data", {}).get(k) for k in self.fields)


class AngleForm(CrispyMixin, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    parent = forms.ModelChoiceField(
        label=_("Valt onder"),
        queryset=Angle.objects.none(),
        required=False,
        empty_label=_("— niets: een functionele invalshoek —"),
        help_text=_("Kies een functionele invalshoek om er een subfunctionele onder te maken."),
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["parent"].queryset = project.angles.filter(parent__isnull=True)

    def clean(self):
        data = super().clean()
        name = " ".join((data.get("name") or "").split())
        if name:
            siblings = self.project.angles.filter(parent=data.get("parent"))
            if siblings.filter(name__iexact=name).exists():
                self.add_error("name", _("Die invalshoek bestaat hier al."))
            data["name"] = name
        return data


class KeyFigureImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_("Eerste rij: de kolomnamen, zoals in het sjabloon."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    approve = forms.BooleanField(
        label=_("Direct goedkeuren"),
        required=False,
        help_text=_(
            "Zonder vinkje staan de geïmporteerde sleutelfiguren als voorgesteld in het "
            "register en keurt u ze daarna goed."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload
