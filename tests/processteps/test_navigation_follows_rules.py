"""Every link of the step tools' navigation that a user is shown leads somewhere the user may go.

The registry shows a tool's nav entry to whoever holds its rule; the view behind it checks its
own. They must agree for every role: a team member used to be shown "Uitnodigingsmail" and
"Thema's" (leader-only pages, 403) on the step pages of steps 3 and 4.
"""

import pytest
from django.urls import reverse

from processteps.registry import tools

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["leader", "member", "client"])
def test_every_nav_entry_shown_to_a_role_answers_that_role(role, project, client_as):
    user = getattr(project, role)
    client = client_as(user)
    shown, refused = 0, []
    for tool in tools():
        for entry in tool.nav:
            if not user.has_perm(entry.perm, project):
                continue
            url = reverse(entry.url_name, kwargs={"project": project.pk})
            shown += 1
            status = client.get(url).status_code
            if status in (403, 404):
                refused.append((entry.url_name, entry.perm, status))
    assert shown > 0
    assert not refused, f"shown to the {role} but refused: {refused}"


def test_a_member_sees_the_current_situation_of_the_framework_without_its_edit_link(
    project, client_as
):
    from processteps.implementation.models import DomainSituation
    from processteps.models import Domain

    domain = Domain.values[0]
    DomainSituation.objects.create(project=project, domain=domain, text="Lange wachtlijsten")
    url = f"/projects/{project.pk}/implementation/framework/"
    for role, linked in (("member", False), ("leader", True)):
        page = client_as(role).get(url).content.decode()
        assert "Lange wachtlijsten" in page
        assert (f"/framework/{domain}/situation/" in page) is linked, role
