"""A project's own process steps, with their checklist, tasks and data sources."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .method import MethodStep, StepContent
from .project import Project


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Niet gestart")
    IN_PROGRESS = "in_progress", _("Bezig")
    COMPLETED = "completed", _("Afgerond")
    SKIPPED = "skipped", _("Besloten niet te doen")


class Decision(models.TextChoices):
    """Whether a step the method leaves open ("te zijner tijd beoordelen") is carried out."""

    NOT_REQUIRED = "not_required", _("Geen besluit nodig")
    PENDING = "pending", _("Besluit nog te nemen")
    GO = "go", _("Wordt uitgevoerd")
    NO_GO = "no_go", _("Wordt niet uitgevoerd")


class UncertaintyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PARTLY = "partly", _("Deels gereduceerd")
    REDUCED = "reduced", _("Gereduceerd")


class ProcessStepQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate checklist x/y and open tasks, so lists of steps cost one query. Each count is
        a subquery of its own: counting over a join of checklist items and tasks would make a row
        per item per task (and need DISTINCT to undo it)."""
        items = ChecklistItem.objects.filter(step=models.OuterRef("pk")).order_by()
        open_tasks = Task.objects.filter(step=models.OuterRef("pk")).exclude(
            status__in=CLOSED_TASK_STATUSES
        )

        def count(queryset):
            counted = queryset.order_by().values("step").annotate(n=models.Count("pk"))
            return Coalesce(models.Subquery(counted.values("n")), 0)

        return self.annotate(
            checklist_total=count(items),
            checklist_done=count(items.filter(is_done=True)),
            open_task_count=count(open_tasks),
        )


class ProcessStep(StepContent):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="steps", verbose_name=_("project")
    )
    method_step = models.ForeignKey(
        MethodStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("methodestap"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    skip_reason = models.TextField(_("reden om niet uit te voeren"), blank=True)
    completion_override_reason = models.TextField(
        _("reden voor afronden zonder volledige checklist of reductie"), blank=True
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    decision = models.CharField(
        _("besluit over uitvoering"),
        max_length=20,
        choices=Decision.choices,
        default=Decision.NOT_REQUIRED,
    )
    decision_form = models.TextField(
        _("vorm"), blank=True, help_text=_("Zo ja, in welke vorm wordt de stap uitgevoerd?")
    )
    decision_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    planned_start = models.DateField(_("gepland vanaf (maand)"), null=True, blank=True)
    planned_end = models.DateField(_("gepland tot en met (maand)"), null=True, blank=True)
    actual_start = models.DateField(_("werkelijk gestart"), null=True, blank=True)
    actual_end = models.DateField(_("werkelijk afgerond"), null=True, blank=True)

    uncertainty_status = models.CharField(
        _("status onzekerheidsreductie"),
        max_length=20,
        choices=UncertaintyStatus.choices,
        default=UncertaintyStatus.OPEN,
    )
    uncertainty_justification = models.TextField(_("onderbouwing"), blank=True)
    uncertainty_judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uncertainty_judged_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    objects = ProcessStepQuerySet.as_manager()

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("processtap")
        verbose_name_plural = _("processtappen")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="step_unique_number"),
            models.UniqueConstraint(
                fields=["project", "key"], condition=~models.Q(key=""), name="step_unique_key"
            ),
            models.CheckConstraint(
                condition=models.Q(planned_start__isnull=True)
                | models.Q(planned_end__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="step_planned_period_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="skipped") | ~models.Q(skip_reason=""),
                name="step_skip_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def get_absolute_url(self):
        return reverse(
            "processteps:step", kwargs={"project": self.project_id, "number": self.number}
        )

    def clean(self):
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError(
                {"planned_end": _("Het einde van de planning ligt voor het begin.")}
            )
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            raise ValidationError({"actual_end": _("De einddatum ligt voor de startdatum.")})
        if self.status == StepStatus.SKIPPED and not self.skip_reason.strip():
            raise ValidationError({"skip_reason": _("Geef een reden om de stap niet te doen.")})

    @property
    def is_closed(self) -> bool:
        return self.status in (StepStatus.COMPLETED, StepStatus.SKIPPED)

    @property
    def needs_decision(self) -> bool:
        return self.decision == Decision.PENDING


class ChecklistItem(models.Model):
    step = models.ForeignKey(
        ProcessStep,
        on_delete=models.CASCADE,
        related_name="checklist_items",
        verbose_name=_("stap"),
    )
    text = models.CharField(_("checklistpunt"), max_length=300)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    from_method = models.BooleanField(_("uit de methode"), default=False)
    # A checklist item the app ticks itself from the project's data (e.g. all reports processed).
    derived_from = models.CharField(_("afgeleid van"), max_length=40, blank=True, editable=False)
    is_done = models.BooleanField(_("afgevinkt"), default=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("afgevinkt op"), null=True, blank=True)

    class Meta:
        ordering = ["step", "position", "id"]
        verbose_name = _("checklistpunt")
        verbose_name_plural = _("checklistpunten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_done=False) | models.Q(done_at__isnull=False),
                name="checklist_done_has_time",
            ),
        ]

    def __str__(self):
        return self.text


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("Bezig")
    DECISION_PENDING = "decision_pending", _("Besluit nog te nemen")
    DONE = "done", _("Klaar")
    CANCELLED = "cancelled", _("Vervallen")


CLOSED_TASK_STATUSES = (TaskStatus.DONE, TaskStatus.CANCELLED)


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_TASK_STATUSES)

    def for_user(self, user):
        """Tasks assigned to the user, or to the whole team of a project the user works in."""
        team_projects = Project.objects.filter(
            memberships__user=user, memberships__role__in=["leader", "member"]
        )
        return self.filter(
            models.Q(assignee=user) | models.Q(assignee__isnull=True, project__in=team_projects)
        )


class Task(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("project")
    )
    step = models.ForeignKey(
        ProcessStep,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("stap"),
        help_text=_("Leeg voor een taak die het hele proces doorloopt."),
    )
    title = models.CharField(_("taak"), max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tasks",
        verbose_name=_("uitvoerder"),
        help_text=_("Leeg: het team als geheel."),
    )
    due_date = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    notes = models.TextField(_("notities"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    # The assignee the assignment mail went to, so a task that runs twice mails once.
    notified_assignee_id = models.BigIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "position", "id"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        indexes = [models.Index(fields=["assignee", "status"], name="task_assignee_status")]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_TASK_STATUSES


class SourceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Link")
    DATASET = "dataset", _("Dataset")
    NOTE = "note", _("Notitie")


def source_upload_to(instance, filename):
    return f"projects/{instance.step.project_id}/sources/{filename}"


class DataSource(models.Model):
    step = models.ForeignKey(
        ProcessStep, on_delete=models.CASCADE, related_name="sources", verbose_name=_("stap")
    )
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=SourceKind.choices)
    file = models.FileField(_("bestand"), upload_to=source_upload_to, blank=True, max_length=300)
    url = models.URLField(_("URL"), blank=True, max_length=1000)
    notes = models.TextField(_("notities"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        ordering = ["step", "-added_at", "-id"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self):
        return self.title

    @property
    def filename(self) -> str:
        return os.path.basename(self.file.name) if self.file else ""

    def clean(self):
        if self.kind == SourceKind.LINK and not self.url:
            raise ValidationError({"url": _("Een link heeft een URL nodig.")})
        if self.kind in (SourceKind.DOCUMENT, SourceKind.DATASET) and not (self.file or self.url):
            raise ValidationError({"file": _("Voeg een bestand toe of geef een URL.")})
        if self.kind == SourceKind.NOTE and not (self.notes.strip() or self.file or self.url):
            raise ValidationError({"notes": _("Een notitie heeft tekst nodig.")})
