"""The action-book pages, the evidence chain, the export and the Actieboek's compile read a
fixed number of queries, however many actions: measured at two sizes, the counts are equal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from processteps.actions.models import Action
from processteps.causes.models import CausalFactor, FactorKind
from processteps.consultation.models import QuoteConsent
from tests.factories import grow_actions

from .helpers import quote_for, world_of

# every request renders its page: these count what rendering costs (not the page cache)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

PAGES = ("action_list", "incomplete", "gaps", "export_xlsx")


def grow(w, count):
    extra = CausalFactor.objects.bulk_create(
        CausalFactor(analysis=w.cc.analysis, statement=f"Oorzaak {n}", kind=FactorKind.CAUSE)
        for n in range(count)
    )
    causes = [w.cc.cause, *extra]
    for n, cause in enumerate(causes[: max(2, count // 4)]):
        consent = (QuoteConsent.BY_NAME, QuoteConsent.NONE)[n % 2]
        quote_for(w.project, cause, text=f"Citaat {n}", consent=consent, name=f"Figuur {n}")
    return grow_actions(
        w.project, count=count, goals=[w.housing, w.trust], causes=causes, point=w.point
    )


def counts(w, browser) -> dict:
    found = {}
    first = Action.objects.filter(project=w.project).order_by("id").first()
    urls = {name: reverse(f"actions:{name}", kwargs={"project": w.project.pk}) for name in PAGES}
    for name in ("action_detail", "action_chain", "action_edit"):
        urls[name] = reverse(
            f"actions:{name}", kwargs={"project": w.project.pk, "action": first.pk}
        )
    urls["cause_chain"] = reverse(
        "actions:cause_chain", kwargs={"project": w.project.pk, "cause": w.cc.cause.pk}
    )
    urls["step"] = w.project.steps.get(key="actions").get_absolute_url()
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(url)
        assert response.status_code == 200, name
        found[name] = len(queries)
    return found


def test_the_pages_cost_the_same_at_two_sizes(project, client_as):
    w = world_of(project)
    browser = client_as("member")
    grow(w, 3)
    small = counts(w, browser)
    grow(w, 40)
    large = counts(w, browser)
    assert small == large
