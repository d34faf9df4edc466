"""The method catalogue: the eleven steps of the Methode Samenlevingsbeleid (seed 000).

The catalogue is data, loaded once by a data migration from ``processteps/catalogue.py`` and
editable in the admin. A project copies it when it is created (see ``services.projects``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StepContent(models.Model):
    """The content a step carries, shared by the catalogue and a project's own copy."""

    number = models.PositiveSmallIntegerField(_("nummer"))
    # The stable name code refers to (step tools register by key): numbers and names can change.
    key = models.SlugField(
        _("sleutel"),
        max_length=40,
        blank=True,
        help_text=_("Vaste naam van de stap in de methode; hulpmiddelen van stappen horen erbij."),
    )
    name = models.CharField(_("processtap"), max_length=200)
    document_name = models.CharField(_("procesdocument"), max_length=200)
    document_type = models.SlugField(_("documenttype"), max_length=50)
    essence = models.TextField(_("essentie"), blank=True)
    methodology = models.TextField(_("methodologie"), blank=True)
    in_society = models.BooleanField(_("arena Samenleving"), default=False)
    in_politics = models.BooleanField(_("arena Politiek"), default=False)
    in_administration = models.BooleanField(_("arena Bestuur"), default=False)
    communication = models.TextField(_("communiceren"), blank=True)
    data_collection = models.TextField(_("data verzamelen"), blank=True)
    uncertainty_reduction = models.TextField(_("onzekerheidsreductie"), blank=True)
    beleidskompas = models.JSONField(
        _("Beleidskompas-vragen"),
        default=list,
        blank=True,
        help_text=_(
            "Nummers (1-6) van de Beleidskompas-vragen die het procesdocument beantwoordt."
        ),
    )

    CONTENT_FIELDS = (
        "number",
        "key",
        "name",
        "document_name",
        "document_type",
        "essence",
        "methodology",
        "in_society",
        "in_politics",
        "in_administration",
        "communication",
        "data_collection",
        "uncertainty_reduction",
        "beleidskompas",
    )

    class Meta:
        abstract = True

    @property
    def arenas(self) -> list[str]:
        labels = []
        if self.in_society:
            labels.append(pgettext_lazy("arena", "Samenleving"))
        if self.in_politics:
            labels.append(_("Politiek"))
        if self.in_administration:
            labels.append(_("Bestuur"))
        return labels

    @property
    def beleidskompas_questions(self) -> list[str]:
        from processteps.catalogue import BELEIDSKOMPAS_QUESTIONS

        wanted = set(self.beleidskompas or [])
        return [f"{n}. {text}" for n, text in BELEIDSKOMPAS_QUESTIONS if n in wanted]


class MethodStep(StepContent):
    class Meta:
        ordering = ["number"]
        verbose_name = _("methodestap")
        verbose_name_plural = _("methodestappen")
        constraints = [
            models.UniqueConstraint(fields=["number"], name="methodstep_unique_number"),
            models.UniqueConstraint(
                fields=["key"], condition=~models.Q(key=""), name="methodstep_unique_key"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class MethodChecklistItem(models.Model):
    step = models.ForeignKey(
        MethodStep, on_delete=models.CASCADE, related_name="checklist_items", verbose_name=_("stap")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text = models.CharField(_("tekst"), max_length=300)

    class Meta:
        ordering = ["step__number", "position", "id"]
        verbose_name = _("checklistpunt (methode)")
        verbose_name_plural = _("checklistpunten (methode)")

    def __str__(self):
        return self.text
