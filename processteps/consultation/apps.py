from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Steps 2-4: the key-figure register, interviews and reports, fragments and themes, and
    the Bloemlezing."""

    name = "processteps.consultation"
    label = "consultation"
    verbose_name = _("Consultatieronde")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from processteps.registry import DerivedItem, NavEntry, StepTool, register

        from .models import KeyFigureStatus
        from .selectors import REPORTS_PROCESSED

        def nav(label, url_name, perm, step, dashboard=False):
            return NavEntry(
                label, f"consultation:{url_name}", f"consultation.{perm}", step, dashboard
            )

        register(
            StepTool(
                name="consultation",
                label=_("Consultatieronde"),
                steps=("key_figures", "interviews", "harvest"),
                urls="processteps.consultation.urls",
                nav=(
                    nav(
                        _("Sleutelfiguren"),
                        "keyfigure_list",
                        "view_key_figures",
                        "key_figures",
                        True,
                    ),
                    nav(
                        _("Dekking invalshoeken"),
                        "keyfigure_coverage",
                        "view_key_figures",
                        "key_figures",
                    ),
                    nav(_("Invalshoeken"), "angle_list", "view_key_figures", "key_figures"),
                    nav(
                        _("Interviews en verslagen"),
                        "interviews",
                        "view_interviews",
                        "consultation",
                    ),
                    nav(_("Briefing"), "briefing", "view_interviews", "interviews"),
                    nav(_("Uitnodigingsmail"), "invitation", "manage_interviews", "interviews"),
                    nav(_("Interviews"), "interviews", "view_interviews", None, True),
                    nav(_("Fragmenten per thema"), "fragments", "mark_fragments", "harvest"),
                    nav(_("Thema's"), "themes", "manage_themes", "harvest"),
                    nav(_("Zoeken"), "search", "search", "harvest"),
                    nav(_("Fragmenten"), "fragments", "mark_fragments", None, True),
                    nav(_("Zoeken"), "search", "search", None, True),
                ),
                panel="consultation/panel.html",
                audit_actions={
                    "angle.added": _("voegde de invalshoek '%(target)s' toe"),
                    "angle.removed": _("verwijderde de invalshoek '%(target)s'"),
                    "keyfigure.proposed": _("stelde sleutelfiguur %(target)s voor"),
                    "keyfigure.changed": _("wijzigde sleutelfiguur %(target)s"),
                    "keyfigure.approved": _("keurde sleutelfiguur %(target)s goed"),
                    "keyfigure.status": _("zette sleutelfiguur %(target)s op '%(status)s'"),
                    "keyfigure.erased": _(
                        "wiste de persoonsgegevens van een sleutelfiguur op verzoek"
                    ),
                    "keyfigure.imported": _("importeerde %(count)s sleutelfiguren"),
                    "interview.created": _("plande: %(target)s"),
                    "interview.claimed": _("nam %(target)s op zich"),
                    "interview.changed": _("wijzigde: %(target)s"),
                    "invitation.template": _("wijzigde de uitnodigingsmail"),
                    "invitation.sent": _("verstuurde %(count)s uitnodiging(en)"),
                    "briefing.published": _(
                        "publiceerde de interviewbriefing (versie %(revision)s)"
                    ),
                    "briefing.acknowledged": _("bevestigde de interviewbriefing"),
                    "report.saved": _("bewerkte %(target)s"),
                    "report.submitted": _("diende %(target)s in"),
                    "report.accepted": _("accepteerde %(target)s"),
                    "report.returned": _("stuurde %(target)s terug"),
                    "report.processed": _("markeerde %(target)s als verwerkt"),
                    "report.unprocessed": _("markeerde %(target)s als niet verwerkt"),
                    "report.attachment": _("voegde de bijlage '%(target)s' toe"),
                    "report.transcript": _(
                        "laadde een transcript bij %(target)s (%(count)s passages)"
                    ),
                    "theme.added": _("voegde het thema '%(target)s' toe"),
                    "theme.removed": _("verwijderde het thema '%(target)s'"),
                    "fragment.created": _("markeerde een fragment"),
                    "fragment.changed": _("wijzigde een fragment"),
                    "fragment.deleted": _("verwijderde een fragment"),
                },
                audit_choices={("keyfigure", "status"): KeyFigureStatus},
                # Their entries name key figures ("Interview met …"): never shown to a client.
                team_only_actions=frozenset(
                    {
                        "keyfigure.proposed",
                        "keyfigure.changed",
                        "keyfigure.approved",
                        "keyfigure.status",
                        "interview.created",
                        "interview.claimed",
                        "interview.changed",
                        "report.saved",
                        "report.submitted",
                        "report.accepted",
                        "report.returned",
                        "report.processed",
                        "report.unprocessed",
                        "report.attachment",
                        "report.transcript",
                    }
                ),
                derived=(
                    DerivedItem(
                        "harvest",
                        "Alle input consultatieronde verwerkt",
                        REPORTS_PROCESSED,
                        "processteps.consultation.selectors.reports_all_processed",
                        _("Afgevinkt zodra elk geaccepteerd verslag als verwerkt is gemarkeerd."),
                    ),
                ),
                documents="processteps.consultation.documents",
                demo="processteps.consultation.demo.demo_load",
            )
        )
