"""The integral framework's classifications (seed 004, "Aanpak lokale veerkracht"), shared by
the tools of steps 6-11: target images, harvest items, goals and actions are tagged with a
domain, and parties with a kind of party."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    HOUSING = "wonen", _("Wonen")
    WORK = "werken", _("Werken")
    WELLBEING = "welzijn", _("Welzijn")
    DEVELOPMENT = "ontwikkelen", _("Ontwikkelen")
    DAYTIME = "dagbesteding", _("Dagbesteding")
    INTEGRATION = "integreren", _("Integreren")
    SAFETY = "veiligheid", _("Veiligheid")


class PartyKind(models.TextChoices):
    """The rows of the framework's "betrokken partijen" table."""

    NEWCOMERS = "nieuwe_inwoners", _("Nieuwe inwoners")
    GOVERNMENTS = "overheden", _("Overheden")
    CIVIL_SOCIETY = "maatschappelijke_organisaties", _("Maatschappelijke organisaties")
    BUSINESSES = "ondernemers", _("Ondernemers")
    CITIZENS = "burgers", _("Burgers")
    INSTITUTIONS = "instellingen", _("Instellingen")


class Horizon(models.TextChoices):
    """The framework's columns "doel korte termijn" / "doel lange termijn"."""

    SHORT = "short", _("Korte termijn")
    LONG = "long", _("Lange termijn")
