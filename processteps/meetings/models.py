"""Steps 6-8: expert meetings, citizen dialogues and the political meeting, and what they
yield: intervention points (step 6), the harvest of the dialogues and the vision with its
target images (step 7), and the political decisions and justice tests on them (step 8).

Later steps read two results of this app (through :mod:`processteps.meetings.selectors`):
intervention points and the adopted target images.

The meetings themselves: a :class:`Meeting` of one of three kinds, in a format, with its
logistics and an agenda (:class:`AgendaItem`) whose items treat causes (step 5), themes
(step 4) and the leader's fundamental questions (:class:`FundamentalQuestion`). Participants
are people in the data (:class:`Participant`, as key figures are); their
:class:`Attendance` at a meeting runs invited → registered (or waiting list) → present/absent.
Contact data and declared interests are for the team only.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.models import RenderStatus
from processteps.consultation.models import MailStatus
from processteps.models import Domain, Horizon, PartyKind, Project

# -- meetings ----------------------------------------------------------------------------------


class MeetingKind(models.TextChoices):
    EXPERT = "expert", _("Expertmeeting")
    DIALOGUE = "dialogue", _("Burgerdialoog")
    POLITICAL = "political", _("Politieke bijeenkomst")


# The method step each kind of meeting belongs to (catalogue keys).
KIND_STEP = {
    MeetingKind.EXPERT: "expert_meetings",
    MeetingKind.DIALOGUE: "citizen_dialogues",
    MeetingKind.POLITICAL: "political_meeting",
}
STEP_KIND = {step: kind for kind, step in KIND_STEP.items()}


class MeetingFormat(models.TextChoices):
    EXPERT_MEETING = "expert_meeting", _("Expertmeeting")
    WORLD_CAFE = "world_cafe", _("World Café")
    FUTURE_SEARCH = "future_search", _("Future Search")
    WORK_SESSION = "work_session", _("Werksessie")
    ONLINE = "online_session", _("Online sessie")
    PUBLIC_MEETING = "public_meeting", _("Openbare bijeenkomst")


# Which formats suit which kind (seeds 001 and 002).
KIND_FORMATS = {
    MeetingKind.EXPERT: (
        MeetingFormat.EXPERT_MEETING,
        MeetingFormat.WORK_SESSION,
        MeetingFormat.ONLINE,
    ),
    MeetingKind.DIALOGUE: (
        MeetingFormat.WORLD_CAFE,
        MeetingFormat.FUTURE_SEARCH,
        MeetingFormat.WORK_SESSION,
        MeetingFormat.ONLINE,
    ),
    MeetingKind.POLITICAL: (MeetingFormat.PUBLIC_MEETING, MeetingFormat.ONLINE),
}
# Formats that harvest in rounds at tables (World Café-like).
HARVEST_FORMATS = (MeetingFormat.WORLD_CAFE, MeetingFormat.FUTURE_SEARCH, MeetingFormat.ONLINE)

# Seed 001: "denk daarbij aan ongeveer tien als maximum".
EXPERT_MEETING_MAX = 10


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Afgelast")


class Freedom(models.TextChoices):
    """The host's judgement: did the meeting go "in alle vrijheid"?"""

    YES = "yes", _("Ja, in alle vrijheid")
    PARTLY = "partly", _("Grotendeels, met kanttekeningen")
    NO = "no", _("Nee")


class MeetingQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=MeetingStatus.CANCELLED)

    def held(self):
        return self.filter(status=MeetingStatus.HELD)


class Meeting(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("soort bijeenkomst"), max_length=20, choices=MeetingKind.choices)
    format = models.CharField(_("vorm"), max_length=30, choices=MeetingFormat.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("doel en opzet"), blank=True)
    theme = models.ForeignKey(
        "consultation.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thema"),
        help_text=_("Het thema van deze bijeenkomst, bijvoorbeeld na het splitsen."),
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.CharField(_("plaats"), max_length=300, blank=True)
    online_link = models.URLField(_("link voor online deelname"), max_length=500, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="chaired_meetings",
        verbose_name=_("voorzitter / gastheer"),
    )
    external_chair = models.CharField(
        _("voorzitter van buiten het team"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld de wethouder die de politieke bijeenkomst voorzit."),
    )
    capacity = models.PositiveIntegerField(
        _("maximum aantal deelnemers"),
        null=True,
        blank=True,
        help_text=_("Leeg: geen maximum. Vol is vol: daarna komt men op de wachtlijst."),
    )
    logistics_room = models.TextField(_("zaal en inrichting"), blank=True)
    logistics_catering = models.TextField(_("catering"), blank=True)
    logistics_gifts = models.TextField(_("attentie bij het afscheid"), blank=True)
    logistics_notes = models.TextField(_("overige logistiek"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    split_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="split_into",
        verbose_name=_("afgesplitst van"),
    )
    # Participation of a dialogue beyond the people in the data: walk-ins counted at the door.
    walk_ins = models.PositiveIntegerField(_("niet-geregistreerde deelnemers"), default=0)
    freedom = models.CharField(
        _("in alle vrijheid verlopen?"), max_length=10, choices=Freedom.choices, blank=True
    )
    freedom_note = models.TextField(_("toelichting van de gastheer"), blank=True)
    freedom_judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    freedom_judged_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["project", "starts_at", "id"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meetings_meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="meetings_meeting_capacity_positive",
            ),
            models.CheckConstraint(
                condition=~models.Q(place="", online_link=""),
                name="meetings_meeting_has_place_or_link",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def step_key(self) -> str:
        return KIND_STEP[self.kind]

    @property
    def harvests_at_tables(self) -> bool:
        return self.kind == MeetingKind.DIALOGUE and self.format in HARVEST_FORMATS

    @property
    def is_expert(self) -> bool:
        return self.kind == MeetingKind.EXPERT

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def clean(self):
        errors = {}
        if self.kind and self.format and self.format not in KIND_FORMATS[self.kind]:
            errors["format"] = _("Deze vorm past niet bij een %(kind)s. Kies uit: %(formats)s.") % {
                "kind": self.get_kind_display().lower(),
                "formats": ", ".join(str(f.label) for f in KIND_FORMATS[self.kind]),
            }
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Een bijeenkomst eindigt na het begin.")
        if not self.place.strip() and not self.online_link.strip():
            errors["place"] = _("Vul een plaats in of een link voor online deelname.")
        if self.format == MeetingFormat.ONLINE and not self.online_link.strip():
            errors["online_link"] = _("Een online sessie heeft een link nodig.")
        if self.theme_id and self.theme.project_id != self.project_id:
            errors["theme"] = _("Dat thema hoort bij een ander project.")
        if errors:
            raise ValidationError(errors)


class FundamentalQuestion(models.Model):
    """A question the expert meetings must answer (listed by the leader, step 6)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="fundamental_questions"
    )
    text = models.CharField(_("fundamentele vraag"), max_length=300)
    explanation = models.TextField(_("toelichting"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("fundamentele vraag")
        verbose_name_plural = _("fundamentele vragen")
        constraints = [
            models.UniqueConstraint(fields=["project", "text"], name="meetings_question_unique")
        ]

    def __str__(self):
        return self.text


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("agendapunt"), max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"))
    notes = models.TextField(_("toelichting"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    causes = models.ManyToManyField(
        "causes.CausalFactor",
        blank=True,
        related_name="agenda_items",
        verbose_name=_("oorzaken die aan bod komen"),
    )
    themes = models.ManyToManyField(
        "consultation.Theme",
        blank=True,
        related_name="agenda_items",
        verbose_name=_("thema's die aan bod komen"),
    )
    questions = models.ManyToManyField(
        FundamentalQuestion,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("fundamentele vragen die aan bod komen"),
    )

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1, duration_minutes__lte=600),
                name="meetings_agenda_duration_range",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def project(self):
        return self.meeting.project


# -- participants ------------------------------------------------------------------------------


class Participant(models.Model):
    """A person invited to meetings: an expert, a citizen, a politician. Contact data and
    declared interests are team-only."""

    CONTACT_FIELDS = ("email", "phone")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    expertise = models.CharField(_("expertise"), max_length=300, blank=True)
    group = models.CharField(
        _("groep"),
        max_length=40,
        choices=PartyKind.choices,
        blank=True,
        help_text=_("De groep van belanghebbenden waar deze persoon uit komt."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    declared_interests = models.TextField(
        _("belangen"),
        blank=True,
        help_text=_(
            "Belangen die deze persoon heeft bij een uitkomst; de voorzitter meldt ze bij de "
            "opening van een expertmeeting. Alleen voor het team zichtbaar."
        ),
    )
    key_figure = models.ForeignKey(
        "consultation.KeyFigure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_participants",
        verbose_name=_("sleutelfiguur"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "name", "id"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "key_figure"],
                condition=models.Q(key_figure__isnull=False),
                name="meetings_participant_one_per_key_figure",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.key_figure_id and self.key_figure.project_id != self.project_id:
            raise ValidationError(
                {"key_figure": _("Die sleutelfiguur hoort bij een ander project.")}
            )


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Uitgenodigd")
    REGISTERED = "registered", _("Aangemeld")
    WAITLISTED = "waitlisted", _("Op de wachtlijst")
    DECLINED = "declined", _("Afgemeld")
    PRESENT = "present", _("Aanwezig")
    ABSENT = "absent", _("Afwezig")


# Statuses that count as "invited and still coming" (for the expert-meeting warning).
ACTIVE_ATTENDANCE = (
    AttendanceStatus.INVITED,
    AttendanceStatus.REGISTERED,
    AttendanceStatus.WAITLISTED,
    AttendanceStatus.PRESENT,
)
# Statuses that take one of the places of a capped meeting.
SEAT_TAKING = (AttendanceStatus.REGISTERED, AttendanceStatus.PRESENT)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.INVITED,
    )
    # The waiting list is served in this order (then by id).
    waitlisted_at = models.DateTimeField(_("op de wachtlijst sinds"), null=True, blank=True)
    registered_at = models.DateTimeField(_("aangemeld op"), null=True, blank=True)
    invitation_sent_at = models.DateTimeField(_("uitnodiging verstuurd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "participant__name", "id"]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="meetings_attendance_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="waitlisted") | models.Q(waitlisted_at__isnull=False),
                name="meetings_waitlist_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.participant.name} – {self.meeting.title}"

    @property
    def project(self):
        return self.meeting.project


class MeetingMail(models.Model):
    """Every invitation to a meeting that went out (or failed), as it was sent."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meeting_mails")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="mails")
    attendance = models.ForeignKey(
        Attendance, on_delete=models.SET_NULL, null=True, blank=True, related_name="mails"
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
        ordering = ["-created_at", "-id"]
        verbose_name = _("uitnodiging voor een bijeenkomst")
        verbose_name_plural = _("uitnodigingen voor bijeenkomsten")

    def __str__(self):
        return f"{self.to}: {self.subject}"


class MeetingSettings(models.Model):
    """A project's settings for its meetings: the invitation mail, the number of citizens
    step 7 aims for, and the secret of its calendar feed."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="meeting_settings"
    )
    invitation_subject = models.CharField(_("onderwerp"), max_length=200)
    invitation_body = models.TextField(_("tekst"))
    citizen_target = models.PositiveIntegerField(
        _("beoogd aantal deelnemende burgers"),
        null=True,
        blank=True,
        help_text=_("Bij dit aantal (over alle gehouden burgerdialogen) zijn genoeg burgers "
                    "betrokken."),
    )  # fmt: skip
    feed_token = models.CharField(max_length=64, unique=True)
    feed_rotated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("instellingen bijeenkomsten")
        verbose_name_plural = _("instellingen bijeenkomsten")

    def __str__(self):
        return str(self.project)


# -- minutes and answers -----------------------------------------------------------------------


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    APPROVED = "approved", _("Goedgekeurd door de voorzitter")


def minutes_upload_to(instance, filename):
    return f"projects/{instance.meeting.project_id}/minutes/{filename}"


class Minutes(models.Model):
    """The minutes (verslag) of a meeting: written in the app, approved by the chair, and
    rendered to a PDF through the documents app's sealed renderer."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("verslag"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: a save based on an older revision is refused.
    revision = models.PositiveIntegerField(default=0)
    pdf = models.FileField(_("PDF"), upload_to=minutes_upload_to, blank=True, max_length=300)
    render_status = models.CharField(
        _("PDF-status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.NONE
    )
    render_error = models.TextField(_("foutmelding"), blank=True)
    # When the PDF was last asked for (queued) or begun: a render "queued" or "being made"
    # for longer than RENDER_STUCK_AFTER lost its worker and may be asked for again.
    render_requested_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approved_at__isnull=False),
                name="meetings_minutes_approval_has_time",
            )
        ]

    def __str__(self):
        return str(_("Verslag: %(meeting)s")) % {"meeting": self.meeting.title}

    @property
    def project(self):
        return self.meeting.project

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED

    @property
    def render_stuck(self) -> bool:
        """Queued or being made for longer than a render may take: its worker is gone."""
        import datetime

        from django.utils import timezone

        if self.render_status not in (RenderStatus.QUEUED, RenderStatus.RENDERING):
            return False
        limit = datetime.timedelta(seconds=settings.RENDER_STUCK_AFTER)
        return self.render_requested_at is None or (
            timezone.now() - self.render_requested_at > limit
        )


class QuestionAnswer(models.Model):
    """The answer a meeting's minutes record to a fundamental question."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        FundamentalQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    answer = models.TextField(_("antwoord"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["question__position", "question_id", "meeting__starts_at"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "question"], name="meetings_answer_unique"),
            models.CheckConstraint(
                condition=~models.Q(answer=""), name="meetings_answer_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.answer[:60]}"


# -- intervention points (step 6) --------------------------------------------------------------


class ActingArena(models.TextChoices):
    """Who can act on an intervention point."""

    POLITICS = "politics", _("Politiek")
    ADMINISTRATION = "administration", _("Bestuur")
    BOTH = "both", _("Politiek en bestuur")


class InterventionPoint(models.Model):
    """A cause (step 5) on which politics or administration can act (step 6)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="intervention_points"
    )
    cause = models.ForeignKey(
        "causes.CausalFactor",
        on_delete=models.CASCADE,
        related_name="intervention_points",
        verbose_name=_("oorzaak"),
    )
    title = models.CharField(_("interventiepunt"), max_length=300)
    arena = models.CharField(
        _("wie kan handelen"), max_length=20, choices=ActingArena.choices, default=ActingArena.BOTH
    )
    who_can_act = models.CharField(_("welke partij(en)"), max_length=300, blank=True)
    argument = models.TextField(_("argumentatie"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    supporting_meetings = models.ManyToManyField(
        Meeting,
        blank=True,
        related_name="supported_points",
        verbose_name=_("bijeenkomsten die het onderbouwen"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("interventiepunt")
        verbose_name_plural = _("interventiepunten")

    def __str__(self):
        return self.title

    def clean(self):
        if self.cause_id and self.cause.analysis.project_id != self.project_id:
            raise ValidationError({"cause": _("Die oorzaak hoort bij een ander project.")})


# -- the harvest of the dialogues (step 7) -----------------------------------------------------


class CafeRound(models.Model):
    """A round of a World Café-like dialogue: one question, a duration."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("ronde"))
    question = models.CharField(_("vraag"), max_length=300)
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"))

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("gespreksronde")
        verbose_name_plural = _("gespreksrondes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="meetings_round_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="meetings_round_number_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1, duration_minutes__lte=600),
                name="meetings_round_duration_range",
            ),
        ]

    def __str__(self):
        return str(_("Ronde %(number)s: %(question)s")) % {
            "number": self.number,
            "question": self.question,
        }


class CafeTable(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("tafel"))
    host_name = models.CharField(_("tafelgastheer of -vrouw"), max_length=200, blank=True)
    participant_count = models.PositiveSmallIntegerField(_("aantal deelnemers"), default=0)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("tafel")
        verbose_name_plural = _("tafels")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="meetings_table_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="meetings_table_number_positive"
            ),
        ]

    def __str__(self):
        return str(_("Tafel %(number)s")) % {"number": self.number}


class HarvestItem(models.Model):
    """One thing the citizens said at a dialogue (a table, a round), tagged to causes,
    intervention points and domains. Every item gets a reasoned response: the target images
    that take it up (:class:`TargetImageCitation`), or why not (``response``)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="harvest_items")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="harvest_items")
    round = models.ForeignKey(
        CafeRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="harvest_items",
        verbose_name=_("ronde"),
    )
    table = models.ForeignKey(
        CafeTable,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="harvest_items",
        verbose_name=_("tafel"),
    )
    text = models.TextField(_("opbrengst"))
    causes = models.ManyToManyField(
        "causes.CausalFactor", blank=True, related_name="harvest_items", verbose_name=_("oorzaken")
    )
    intervention_points = models.ManyToManyField(
        InterventionPoint,
        blank=True,
        related_name="harvest_items",
        verbose_name=_("interventiepunten"),
    )
    response = models.TextField(
        _("reactie: waarom niet overgenomen"),
        blank=True,
        help_text=_("Nodig als geen streefbeeld deze opbrengst overneemt."),
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "round__number", "table__number", "id"]
        verbose_name = _("opbrengst")
        verbose_name_plural = _("opbrengsten")

    def __str__(self):
        return self.text[:80]

    def clean(self):
        errors = {}
        if self.meeting_id and self.meeting.project_id != self.project_id:
            errors["meeting"] = _("Die bijeenkomst hoort bij een ander project.")
        if self.round_id and self.round.meeting_id != self.meeting_id:
            errors["round"] = _("Die ronde hoort bij een andere bijeenkomst.")
        if self.table_id and self.table.meeting_id != self.meeting_id:
            errors["table"] = _("Die tafel hoort bij een andere bijeenkomst.")
        if errors:
            raise ValidationError(errors)


class HarvestDomain(models.Model):
    """A domain of the integral framework (seed 004) a harvest item is about."""

    item = models.ForeignKey(HarvestItem, on_delete=models.CASCADE, related_name="domain_tags")
    domain = models.CharField(_("domein"), max_length=30, choices=Domain.choices)

    class Meta:
        ordering = ["item", "domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "domain"], name="meetings_harvest_domain_unique"
            )
        ]

    def __str__(self):
        return self.get_domain_display()


# -- vision and target images (steps 7-8) ------------------------------------------------------


class Vision(models.Model):
    """The vision text: as the dialogues gave it (Algemene Wil, step 7) and as the political
    meeting adopted it (Algemeen Belang, step 8)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="vision")
    concept_text = models.TextField(_("visie op basis van de Algemene Wil"), blank=True)
    adopted_text = models.TextField(_("visie op basis van het Algemeen Belang"), blank=True)
    adopted_at_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld op"),
    )
    adoption_argument = models.TextField(_("politieke argumentatie"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visie")
        verbose_name_plural = _("visies")

    def __str__(self):
        return str(_("Visie: %(project)s")) % {"project": self.project}


class TargetImageStatus(models.TextChoices):
    """The concept-visie (step 7) and the visienota (step 8) are two states of the same
    target images."""

    CONCEPT = "concept", _("Concept (Algemene Wil)")
    ADOPTED = "adopted", _("Vastgesteld")
    CHANGED = "changed", _("Gewijzigd vastgesteld")
    REJECTED = "rejected", _("Verworpen")


ADOPTED_STATES = (TargetImageStatus.ADOPTED, TargetImageStatus.CHANGED)
DECISION_OUTCOMES = (
    TargetImageStatus.ADOPTED,
    TargetImageStatus.CHANGED,
    TargetImageStatus.REJECTED,
)


class TargetImage(models.Model):
    """A streefbeeld: the desired situation in one domain, on a short or long horizon."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="target_images")
    domain = models.CharField(_("domein"), max_length=30, choices=Domain.choices)
    horizon = models.CharField(_("termijn"), max_length=10, choices=Horizon.choices)
    title = models.CharField(_("streefbeeld"), max_length=300)
    text = models.TextField(_("beschrijving"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TargetImageStatus.choices,
        default=TargetImageStatus.CONCEPT,
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    cited_items = models.ManyToManyField(
        HarvestItem,
        through="TargetImageCitation",
        related_name="target_images",
        verbose_name=_("opbrengsten waarop het streefbeeld berust"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "domain", "horizon", "position", "id"]
        verbose_name = _("streefbeeld")
        verbose_name_plural = _("streefbeelden")

    def __str__(self):
        return self.title

    @property
    def is_adopted(self) -> bool:
        return self.status in ADOPTED_STATES


class TargetImageCitation(models.Model):
    """A target image is built from the harvest items it cites."""

    target_image = models.ForeignKey(
        TargetImage, on_delete=models.CASCADE, related_name="citations"
    )
    item = models.ForeignKey(HarvestItem, on_delete=models.CASCADE, related_name="citations")

    class Meta:
        ordering = ["target_image", "item_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_image", "item"], name="meetings_citation_unique"
            )
        ]

    def __str__(self):
        return f"{self.target_image} ⟵ {self.item}"


class TargetImageDecision(models.Model):
    """What the political meeting decided about a target image, kept as a record: the
    outcome with its political argument, the image before and after, and when to review it.
    The latest decision sets the target image's status."""

    target_image = models.ForeignKey(
        TargetImage, on_delete=models.CASCADE, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("bijeenkomst")
    )
    outcome = models.CharField(
        _("besluit"),
        max_length=20,
        choices=[(o.value, o.label) for o in DECISION_OUTCOMES],
    )
    political_argument = models.TextField(_("politieke argumentatie"))
    title_before = models.CharField(max_length=300)
    text_before = models.TextField(blank=True)
    title_after = models.CharField(max_length=300)
    text_after = models.TextField(blank=True)
    review_date = models.DateField(_("opnieuw bezien op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_image", "-decided_at", "-id"]
        verbose_name = _("besluit over een streefbeeld")
        verbose_name_plural = _("besluiten over streefbeelden")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(political_argument=""),
                name="meetings_decision_has_argument",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="rejected") | models.Q(review_date__isnull=False),
                name="meetings_adoption_has_review_date",
            ),
        ]

    def __str__(self):
        return f"{self.target_image}: {self.get_outcome_display()}"


# -- the justice test (step 8) -----------------------------------------------------------------


class Doability(models.TextChoices):
    """Doenvermogen: can the citizens actually do what the target image asks of them?"""

    YES = "yes", _("Ja")
    PARTLY = "partly", _("Deels, met ondersteuning")
    NO = "no", _("Nee")


class JusticeTest(models.Model):
    """The rechtvaardigheidstoets of one target image."""

    target_image = models.OneToOneField(
        TargetImage, on_delete=models.CASCADE, related_name="justice_test"
    )
    doability = models.CharField(
        _("kunnen burgers doen wat er van hen gevraagd wordt? (doenvermogen)"),
        max_length=10,
        choices=Doability.choices,
        blank=True,
    )
    doability_explanation = models.TextField(_("toelichting doenvermogen"), blank=True)
    justification = models.TextField(_("wat rechtvaardigt dat de overheid optreedt?"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rechtvaardigheidstoets")
        verbose_name_plural = _("rechtvaardigheidstoetsen")

    def __str__(self):
        return str(_("Rechtvaardigheidstoets: %(image)s")) % {"image": self.target_image}

    @property
    def project(self):
        return self.target_image.project

    def is_complete(self, rows=None) -> bool:
        """Burdens or benefits named for at least one group, doenvermogen judged and
        explained, and the government's action justified. ``rows``: the loaded rows."""
        rows = list(self.rows.all()) if rows is None else rows
        return (
            any(r.burdens.strip() or r.benefits.strip() for r in rows)
            and bool(self.doability)
            and bool(self.doability_explanation.strip())
            and bool(self.justification.strip())
        )


class JusticeRow(models.Model):
    """Who bears the burdens and who gets the benefits: one group in one domain."""

    test = models.ForeignKey(JusticeTest, on_delete=models.CASCADE, related_name="rows")
    party = models.CharField(_("groep"), max_length=40, choices=PartyKind.choices)
    domain = models.CharField(_("domein"), max_length=30, choices=Domain.choices)
    burdens = models.TextField(_("lasten"), blank=True)
    benefits = models.TextField(_("lusten"), blank=True)

    class Meta:
        ordering = ["test", "party", "domain", "id"]
        verbose_name = _("lasten en lusten")
        verbose_name_plural = _("lasten en lusten")
        constraints = [
            models.UniqueConstraint(
                fields=["test", "party", "domain"], name="meetings_justice_row_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(burdens="", benefits=""), name="meetings_justice_row_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.get_party_display()} / {self.get_domain_display()}"
