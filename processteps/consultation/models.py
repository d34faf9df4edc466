"""The consultation round (steps 2-4): angles, key figures, interviews, reports, transcripts,
themes and fragments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from processteps.models import Project


class TwoLevelNode(models.Model):
    """A node of a project's two-level tree (angles, themes): top level or one level below.
    Subclasses define ``project`` and ``parent`` (with their own related names and labels)."""

    # Messages for a parent of another project / a parent that is itself below the top.
    other_project_message = _("Die keuze hoort bij een ander project.")
    too_deep_message = _("Kies een onderdeel van het bovenste niveau.")

    name = models.CharField(_("naam"), max_length=200)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["project", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "parent", "name"], name="%(class)s_unique_name"
            ),
            # NULL parents are distinct in SQL: top-level names need a constraint of their own.
            models.UniqueConstraint(
                fields=["project", "name"],
                condition=models.Q(parent__isnull=True),
                name="%(class)s_unique_top_name",
            ),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id:
            if self.parent.project_id != self.project_id:
                raise ValidationError({"parent": self.other_project_message})
            if self.parent.parent_id:
                raise ValidationError({"parent": self.too_deep_message})


class Angle(TwoLevelNode):
    """An invalshoek: functional (top level) or subfunctional (under a functional one)."""

    other_project_message = _("Die invalshoek hoort bij een ander project.")
    too_deep_message = _("Een subfunctionele invalshoek valt onder een functionele.")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="angles")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("functionele invalshoek"),
        help_text=_("Leeg voor een functionele invalshoek; gevuld voor een subfunctionele."),
    )

    class Meta(TwoLevelNode.Meta):
        db_table = "processteps_angle"  # kept from before the app existed
        verbose_name = _("invalshoek")
        verbose_name_plural = _("invalshoeken")


class KeyFigureStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    APPROACHED = "approached", _("Benaderd")
    AGREED = "agreed", _("Toegezegd")
    DECLINED = "declined", _("Afgezegd")
    INTERVIEWED = "interviewed", _("Geïnterviewd")


# The pipeline: which status may follow which.
KEY_FIGURE_TRANSITIONS = {
    KeyFigureStatus.PROPOSED: {KeyFigureStatus.APPROACHED},
    KeyFigureStatus.APPROACHED: {KeyFigureStatus.AGREED, KeyFigureStatus.DECLINED},
    KeyFigureStatus.AGREED: {KeyFigureStatus.INTERVIEWED, KeyFigureStatus.DECLINED},
    KeyFigureStatus.DECLINED: {KeyFigureStatus.APPROACHED},
    KeyFigureStatus.INTERVIEWED: set(),
}


class KeyFigureQuerySet(models.QuerySet):
    def active(self):
        return self.filter(erased_at__isnull=True)


class KeyFigure(models.Model):
    PERSONAL_FIELDS = ("name", "email", "phone", "address", "postcode", "city", "notes")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="key_figures")
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("soort organisatie"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld gemeente, maatschappelijke organisatie, bedrijf, burger."),
    )
    function = models.CharField(_("functie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    angle = models.ForeignKey(
        Angle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="key_figures",
        verbose_name=_("functionele invalshoek"),
    )
    subangle = models.ForeignKey(
        Angle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sub_key_figures",
        verbose_name=_("subfunctionele invalshoek"),
    )
    is_usual_suspect = models.BooleanField(
        _("usual suspect"),
        default=True,
        help_text=_("Uit: een unusual suspect, iemand die niet vanzelfsprekend wordt gevraagd."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposal_reason = models.TextField(_("waarom deze persoon?"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=KeyFigureStatus.choices,
        default=KeyFigureStatus.PROPOSED,
    )
    notes = models.TextField(_("notities"), blank=True)
    erased_at = models.DateTimeField(_("persoonsgegevens gewist op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = KeyFigureQuerySet.as_manager()

    class Meta:
        db_table = "processteps_keyfigure"  # kept from before the app existed
        ordering = ["project", "name", "id"]
        verbose_name = _("sleutelfiguur")
        verbose_name_plural = _("sleutelfiguren")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return str(_("[gewist]")) if self.erased_at else self.name

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def anonymous_label(self) -> str:
        """How an anonymised quote is attributed: never a name or organisation name."""
        origin = self.organisation_type or (self.angle.name if self.angle_id else "")
        if origin:
            return str(_("Een sleutelfiguur (%(origin)s)")) % {"origin": origin.lower()}
        return str(_("Een sleutelfiguur"))

    def clean(self):
        errors = {}
        for field in ("angle", "subangle"):
            angle = getattr(self, field)
            if angle is not None and angle.project_id != self.project_id:
                errors[field] = _("Die invalshoek hoort bij een ander project.")
        if self.angle is not None and self.angle.parent_id:
            errors["angle"] = _("Kies een functionele invalshoek.")
        if self.subangle is not None and self.subangle.parent_id != self.angle_id:
            errors["subangle"] = _("Deze subfunctionele invalshoek valt niet onder de gekozen.")
        if errors:
            raise ValidationError(errors)


class InterviewForm(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("Persoonlijk")
    PHONE = "phone", _("Telefonisch")


class QuoteConsent(models.TextChoices):
    BY_NAME = "by_name", _("Citeren met naam")
    ANONYMOUS = "anonymous", _("Anoniem citeren")
    NONE = "none", _("Niet citeren")


class Interview(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="interviews")
    key_figure = models.ForeignKey(
        KeyFigure,
        on_delete=models.CASCADE,
        related_name="interviews",
        verbose_name=_("sleutelfiguur"),
    )
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="interviews", verbose_name=_("interviewers")
    )
    scheduled_at = models.DateTimeField(_("datum en tijd"), null=True, blank=True)
    form = models.CharField(
        _("vorm"), max_length=20, choices=InterviewForm.choices, default=InterviewForm.ONLINE
    )
    consent_recording = models.BooleanField(_("toestemming voor opname"), default=False)
    quote_consent = models.CharField(
        _("toestemming om te citeren"),
        max_length=20,
        choices=QuoteConsent.choices,
        default=QuoteConsent.ANONYMOUS,
    )
    report_due = models.DateField(_("verslag uiterlijk"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "processteps_interview"  # kept from before the app existed
        ordering = ["project", "scheduled_at", "id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self):
        return str(_("Interview met %(name)s")) % {"name": self.key_figure.display_name}


class InvitationTemplate(models.Model):
    """The invitation e-mail with merge fields like {{ naam }} (see services.invitations)."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="invitation_template"
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "processteps_invitationtemplate"  # kept from before the app existed
        verbose_name = _("uitnodigingsmail")
        verbose_name_plural = _("uitnodigingsmails")

    def __str__(self):
        return self.subject


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")


class SentMail(models.Model):
    """Every invitation that went out (or failed), as it was sent."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sent_mails")
    key_figure = models.ForeignKey(
        KeyFigure, on_delete=models.SET_NULL, null=True, related_name="sent_mails"
    )
    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=20, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    error = models.TextField(_("fout"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        db_table = "processteps_sentmail"  # kept from before the app existed
        ordering = ["-created_at", "-id"]
        verbose_name = _("verstuurde mail")
        verbose_name_plural = _("verstuurde mails")

    def __str__(self):
        return f"{self.to}: {self.subject}"


class Briefing(models.Model):
    """The interviewer briefing; every interviewer acknowledges the published revision."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="briefing")
    text = models.TextField(_("briefing"))
    revision = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "processteps_briefing"  # kept from before the app existed
        verbose_name = _("interviewbriefing")
        verbose_name_plural = _("interviewbriefings")

    def __str__(self):
        return str(_("Briefing %(project)s")) % {"project": self.project}


class BriefingAcknowledgement(models.Model):
    briefing = models.ForeignKey(
        Briefing, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    revision = models.PositiveIntegerField()
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "processteps_briefingacknowledgement"  # kept from before the app existed
        verbose_name = _("bevestiging briefing")
        verbose_name_plural = _("bevestigingen briefing")
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "user", "revision"], name="briefing_ack_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.briefing} ({self.revision})"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    ACCEPTED = "accepted", _("Geaccepteerd")
    RETURNED = "returned", _("Teruggestuurd")


class ReportQuerySet(models.QuerySet):
    def overdue(self, today):
        return self.filter(
            interview__report_due__lt=today,
            status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED],
        )


class InterviewReport(models.Model):
    CONTENT_FIELDS = ("problem", "causes", "solutions", "values", "free_text")

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="report")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    problem = models.TextField(_("over het probleem (waarheid)"), blank=True)
    causes = models.TextField(_("over de oorzaken (waarheid)"), blank=True)
    solutions = models.TextField(_("over oplossingen (wijsheid)"), blank=True)
    values = models.TextField(_("over waarden (waarachtigheid)"), blank=True)
    free_text = models.TextField(_("overige aantekeningen"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    return_comments = models.TextField(_("opmerkingen bij terugsturen"), blank=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    processed_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    # Optimistic lock: a save based on an older version is refused (nothing overwritten).
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        db_table = "processteps_interviewreport"  # kept from before the app existed
        verbose_name = _("interviewverslag")
        verbose_name_plural = _("interviewverslagen")

    def __str__(self):
        return str(_("Verslag: %(interview)s")) % {"interview": self.interview}

    @property
    def project(self):
        """The interview's project (what permission rules look for)."""
        return self.interview.project

    @property
    def is_processed(self) -> bool:
        return self.processed_at is not None


def attachment_upload_to(instance, filename):
    return f"projects/{instance.report.interview.project_id}/reports/{filename}"


class ReportAttachment(models.Model):
    """A document the key figure handed over ("door sleutelfiguren aangedragen documenten")."""

    report = models.ForeignKey(
        InterviewReport, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("bestand"), upload_to=attachment_upload_to, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "processteps_reportattachment"  # kept from before the app existed
        ordering = ["report", "uploaded_at"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.title


class Transcript(models.Model):
    report = models.OneToOneField(
        InterviewReport, on_delete=models.CASCADE, related_name="transcript"
    )
    format = models.CharField(_("formaat"), max_length=10)
    filename = models.CharField(_("bestandsnaam"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "processteps_transcript"  # kept from before the app existed
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripten")

    def __str__(self):
        return self.filename or str(self.report)


class TranscriptPassage(models.Model):
    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="passages")
    index = models.PositiveIntegerField()
    start = models.FloatField(null=True, blank=True)
    end = models.FloatField(null=True, blank=True)
    speaker = models.CharField(_("spreker"), max_length=200, blank=True)
    text = models.TextField(_("tekst"))

    class Meta:
        db_table = "processteps_transcriptpassage"  # kept from before the app existed
        ordering = ["transcript", "index"]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        constraints = [
            models.UniqueConstraint(fields=["transcript", "index"], name="passage_unique_index"),
        ]

    def __str__(self):
        return self.text[:80]


class Theme(TwoLevelNode):
    """A theme of the Bloemlezing; two levels (theme, sub-theme)."""

    other_project_message = too_deep_message = _("Kies een hoofdthema van dit project.")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="themes")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("hoofdthema"),
    )
    description = models.TextField(_("toelichting"), blank=True)

    class Meta(TwoLevelNode.Meta):
        db_table = "processteps_theme"  # kept from before the app existed
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class Dimension(models.TextChoices):
    TRUTH = "truth", _("Waarheid")
    WISDOM = "wisdom", _("Wijsheid")
    SINCERITY = "sincerity", _("Waarachtigheid")


class Fragment(models.Model):
    """A quote marked in an accepted report or its transcript, with its provenance."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fragments")
    report = models.ForeignKey(InterviewReport, on_delete=models.CASCADE, related_name="fragments")
    passage = models.ForeignKey(
        TranscriptPassage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_field = models.CharField(_("uit"), max_length=20, blank=True)
    text = models.TextField(_("citaat"))
    dimension = models.CharField(
        _("waarheid / wijsheid / waarachtigheid"),
        max_length=20,
        choices=Dimension.choices,
        blank=True,
    )
    themes = models.ManyToManyField(Theme, through="FragmentTheme", related_name="fragments")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "processteps_fragment"  # kept from before the app existed
        ordering = ["project", "id"]
        verbose_name = _("fragment")
        verbose_name_plural = _("fragmenten")

    def __str__(self):
        return self.text[:80]


class FragmentTheme(models.Model):
    fragment = models.ForeignKey(Fragment, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="fragment_links")
    position = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        db_table = "processteps_fragmenttheme"  # kept from before the app existed
        ordering = ["theme", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fragment", "theme"], name="fragment_theme_unique"),
        ]

    def __str__(self):
        return f"{self.theme}: {self.fragment}"
