"""The eleven document types of the method (seed 000), each with its outline."""

from django.utils.translation import gettext_lazy as _

from .base import Builder, SectionSpec

S = SectionSpec

SOURCES = S("bronnen", _("Bronnen"), compiled="step_sources")
ACCOUNT = S(
    "verantwoording", _("Verantwoording: checklist en onzekerheidsreductie"), "step_account"
)


class PlanVanAanpak(Builder):
    document_type = "plan_van_aanpak"
    outline = (
        S("aanleiding", _("Aanleiding")),
        S("probleemvermoeden", _("Probleemvermoeden"), "project_issue"),
        S("doel", _("Doel")),
        S("aanpak", _("Aanpak en processtappen"), "process_steps"),
        S("team", _("Team en rollen"), "team"),
        S("middelen", _("Middelen")),
        S("planning", _("Planning"), "planning"),
        S("communicatie", _("Communicatie"), "communication"),
        S("afspraken", _("Afspraken"), "agreements"),
        S("taken", _("Taken"), "project_tasks"),
    )


class Omgevingsanalyse(Builder):
    document_type = "omgevingsanalyse"
    outline = (
        S("inleiding", _("Inleiding")),
        S("invalshoeken", _("Functionele en subfunctionele invalshoeken")),
        S("sleutelfiguren", _("Sleutelfiguren: usual en unusual suspects")),
        SOURCES,
        ACCOUNT,
    )


class OogstConsultatieronde(Builder):
    document_type = "oogst_consultatieronde"
    outline = (
        S("inleiding", _("Inleiding")),
        S("werkwijze", _("Werkwijze: interviews en briefing")),
        S("oogst", _("De oogst")),
        S("bronnen", _("Door sleutelfiguren aangedragen documenten"), "step_sources"),
        ACCOUNT,
    )


# Probleem- en oorzakenanalyse (step 5): processteps.causes.documents.


# Interventiepunten, Concept-visie and Visienota (steps 6-8): processteps.meetings.documents.


# Doelenboom (step 9): processteps.goals.documents.


# Actieboek (step 10): processteps.actions.documents.


# Uitvoeringsplan (step 11): processteps.implementation.documents.
