from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Steps 6-8: expert meetings, citizen dialogues, the political meeting."""

    name = "processteps.meetings"
    label = "meetings"
    verbose_name = _("Bijeenkomsten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import DerivedItem, NavEntry, StepTool, register

        from .models import AttendanceStatus, MeetingKind, TargetImageStatus
        from .services import checklist as keys

        def nav(label, url_name, step, dashboard=False, perm="view"):
            return NavEntry(label, f"meetings:{url_name}", f"meetings.{perm}", step, dashboard)

        checks = "processteps.meetings.selectors."
        register(
            StepTool(
                name="meetings",
                label=_("Bijeenkomsten"),
                steps=("expert_meetings", "citizen_dialogues", "political_meeting"),
                urls="processteps.meetings.urls",
                nav=(
                    nav(_("Bijeenkomsten"), "meetings", None, True),
                    nav(_("Alle bijeenkomsten"), "meetings", "expert_meetings"),
                    nav(_("Fundamentele vragen"), "questions", "expert_meetings"),
                    nav(_("Interventiepunten"), "intervention_points", "expert_meetings"),
                    nav(_("Deelnemers"), "participants", "expert_meetings"),
                    nav(_("Alle bijeenkomsten"), "meetings", "citizen_dialogues"),
                    nav(_("Oogst van de dialogen"), "harvest", "citizen_dialogues"),
                    nav(_("Deelname"), "participation", "citizen_dialogues"),
                    nav(_("Visie en streefbeelden"), "target_images", "citizen_dialogues"),
                    nav(_("Deelnemers"), "participants", "citizen_dialogues"),
                    nav(_("Alle bijeenkomsten"), "meetings", "political_meeting"),
                    nav(_("Visie en streefbeelden"), "target_images", "political_meeting"),
                    nav(_("Reactie op de oogst"), "responses", "political_meeting"),
                    nav(_("Agenda in je eigen agenda"), "calendar", None, True),
                ),
                panel="meetings/panel.html",
                panel_context="processteps.meetings.selectors.panel_context",
                audit_actions={
                    "meeting.planned": _("plande de bijeenkomst '%(target)s' (%(kind)s)"),
                    "meeting.changed": _("wijzigde de bijeenkomst '%(target)s'"),
                    "meeting.cancelled": _("gelastte de bijeenkomst '%(target)s' af"),
                    "meeting.held": _("markeerde de bijeenkomst '%(target)s' als gehouden"),
                    "meeting.split": _(
                        "splitste '%(target)s': %(count)s deelnemers naar het thema '%(theme)s'"
                    ),
                    "meeting.participation": _(
                        "legde de deelname aan '%(target)s' vast (%(count)s zonder registratie)"
                    ),
                    "agenda.added": _("zette '%(target)s' op de agenda"),
                    "agenda.changed": _("wijzigde het agendapunt '%(target)s'"),
                    "agenda.removed": _("haalde '%(target)s' van de agenda"),
                    "question.added": _("voegde de fundamentele vraag '%(target)s' toe"),
                    "question.changed": _("wijzigde de fundamentele vraag '%(target)s'"),
                    "question.removed": _("verwijderde de fundamentele vraag '%(target)s'"),
                    "participant.added": _("voegde deelnemer %(target)s toe"),
                    "participant.changed": _("wijzigde deelnemer %(target)s"),
                    "participant.from_key_figure": _(
                        "nam sleutelfiguur %(target)s over als deelnemer"
                    ),
                    "participant.imported": _("importeerde %(count)s deelnemers"),
                    "attendance.added": _("nodigde %(count)s deelnemer(s) uit voor '%(target)s'"),
                    "attendance.status": _("zette %(target)s op '%(status)s'"),
                    "meeting_invitation.template": _("wijzigde de uitnodiging voor bijeenkomsten"),
                    "meeting_invitation.sent": _(
                        "verstuurde %(count)s uitnodiging(en) voor '%(target)s'"
                    ),
                    "minutes.saved": _("bewerkte het %(target)s"),
                    "minutes.approved": _("keurde het %(target)s goed"),
                    "minutes.reopened": _("heropende het %(target)s"),
                    "point.added": _("voegde het interventiepunt '%(target)s' toe"),
                    "point.changed": _("wijzigde het interventiepunt '%(target)s'"),
                    "point.removed": _("verwijderde het interventiepunt '%(target)s'"),
                    "round.added": _("voegde '%(target)s' toe"),
                    "round.removed": _("verwijderde '%(target)s'"),
                    "table.added": _("voegde %(target)s toe"),
                    "table.changed": _("wijzigde %(target)s"),
                    "table.removed": _("verwijderde %(target)s"),
                    "harvest.added": _("legde een opbrengst vast"),
                    "harvest.changed": _("wijzigde een opbrengst"),
                    "harvest.removed": _("verwijderde een opbrengst"),
                    "harvest.responded": _("gaf een reactie op een opbrengst"),
                    "citizens.target": _("stelde het beoogde aantal burgers op %(count)s"),
                    "vision.saved": _("bewerkte de visie"),
                    "vision.adopted": _("legde de vastgestelde visie vast"),
                    "image.created": _("schreef het streefbeeld '%(target)s'"),
                    "image.changed": _("wijzigde het streefbeeld '%(target)s'"),
                    "image.removed": _("verwijderde het streefbeeld '%(target)s'"),
                    "image.decided": _("legde het besluit over '%(target)s' vast: %(outcome)s"),
                    "justice.saved": _("vulde de %(target)s in"),
                    "calendar.feed_rotated": _("maakte een nieuwe agendalink"),
                },
                audit_choices={
                    ("meeting", "kind"): MeetingKind,
                    ("attendance", "status"): AttendanceStatus,
                    ("image", "outcome"): TargetImageStatus,
                },
                # Their entries name participants (people in the data): never for clients.
                team_only_actions=frozenset(
                    {
                        "participant.added",
                        "participant.changed",
                        "participant.from_key_figure",
                        "attendance.status",
                    }
                ),
                derived=(
                    DerivedItem(
                        "expert_meetings",
                        "Zijn alle fundamentele vragen beantwoord?",
                        keys.FUNDAMENTAL_QUESTIONS,
                        checks + "fundamental_questions_answered",
                        _(
                            "Afgevinkt zodra elke fundamentele vraag een antwoord heeft in een "
                            "door de voorzitter goedgekeurd verslag."
                        ),
                    ),
                    DerivedItem(
                        "citizen_dialogues",
                        "Voldoende burgers betrokken?",
                        keys.ENOUGH_CITIZENS,
                        checks + "enough_citizens",
                        _(
                            "Afgevinkt zodra de gehouden burgerdialogen samen het beoogde "
                            "aantal burgers bereikten."
                        ),
                    ),
                    DerivedItem(
                        "citizen_dialogues",
                        "Bijeenkomsten in alle vrijheid verlopen?",
                        keys.DIALOGUES_IN_FREEDOM,
                        checks + "dialogues_in_freedom",
                        _(
                            "Afgevinkt zodra de gastheer van elke gehouden burgerdialoog "
                            "oordeelde dat die in alle vrijheid verliep."
                        ),
                    ),
                    DerivedItem(
                        "political_meeting",
                        "Politiek-bestuurlijke afweging",
                        keys.POLITICAL_WEIGHING,
                        checks + "political_weighing_done",
                        _(
                            "Afgevinkt zodra over elk streefbeeld is besloten (met politieke "
                            "argumentatie) en elke opbrengst een beredeneerde reactie heeft."
                        ),
                    ),
                    DerivedItem(
                        "political_meeting",
                        "Rechtvaardigheidstoets",
                        keys.JUSTICE_TESTS,
                        checks + "justice_tests_done",
                        _(
                            "Afgevinkt zodra elk vastgesteld streefbeeld een volledig "
                            "ingevulde rechtvaardigheidstoets heeft."
                        ),
                    ),
                ),
                documents="processteps.meetings.documents",
                demo="processteps.meetings.demo.demo_load",
            )
        )
