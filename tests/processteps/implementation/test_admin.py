"""The admin lists and opens the implementation plan's records (for looking and repairs)."""

import pytest
from django.urls import reverse

from processteps.implementation.models import ActionProgress
from processteps.implementation.services.progress import progress_report

from .helpers import actions, organisation

pytestmark = pytest.mark.django_db


def test_the_admin_pages_open(project, client_as):
    org = organisation(project)
    progress_report(actor=project.leader, action=actions(project).housing, status="running")
    browser = client_as("admin")
    for model, obj in (
        ("implementationbody", org.group),
        ("steeringmoment", org.meeting),
        ("actionprogress", ActionProgress.objects.get()),
    ):
        changelist = reverse(f"admin:implementation_{model}_changelist")
        assert browser.get(changelist).status_code == 200
        change = reverse(f"admin:implementation_{model}_change", args=[obj.pk])
        assert browser.get(change).status_code == 200
    assert (
        browser.get(reverse("admin:implementation_domainsituation_changelist")).status_code == 200
    )
