"""Status reports of actions (planned, running, delayed, done, stopped): the whole team reports
them, each report kept as history."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from processteps.services.audit import audit_record

from ..models import ActionProgress, ProgressStatus
from ..selectors import current_progress
from .common import require

REPORT_STATUS = "implementation.report_status"


def progress_report(*, actor, action, status: str, reported_on: datetime.date | None = None,
                    note: str = "") -> ActionProgress:  # fmt: skip
    """Report that ``action`` has ``status`` from ``reported_on`` (today when not given)."""
    project = action.project
    require(actor, REPORT_STATUS, project)
    if status not in ProgressStatus.values:
        raise ValidationError({"status": _("Kies een status van de uitvoering.")})
    reported_on = reported_on or timezone.localdate()
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("De datum van de melding ligt in de toekomst.")})
    note = note.strip()
    with transaction.atomic():
        # One report at a time per action: the latest stays the latest.
        type(action).objects.select_for_update().filter(pk=action.pk).first()
        current = current_progress(action)
        if current is not None:
            if reported_on < current.reported_on:
                raise ValidationError(
                    {
                        "reported_on": _(
                            "Er is al een melding van %(date)s; een nieuwe melding kan niet "
                            "eerder zijn."
                        )
                        % {"date": current.reported_on.strftime("%d-%m-%Y")}
                    }
                )
            if current.status == status and not note:
                raise ValidationError(
                    {
                        "status": _("De actie staat al op ‘%(status)s’.")
                        % {"status": current.get_status_display()}
                    }
                )
        report = ActionProgress(
            action=action, status=status, reported_on=reported_on, note=note, reported_by=actor
        )
        report.full_clean()
        report.save()
        audit_record(
            actor=actor,
            project=project,
            action="actionprogress.set",
            target=action,
            data={"status": status},
        )
    return report
