"""Accessibility: axe-core on every page, and the helper every browser test runs it with.

The helper (``tests/e2e/conftest.py``) is proven on pages with known faults first: it must find
them, on a page reached by a click as well as on the last page of a test. Then the crawl: the
demo project loaded, each demo role (and a visitor without an account) starts from the home page,
the navigation, the dashboard and every step page and follows the site's own links two deep
(pages found by their links, so every tool's pages join without a list here); axe must report
nothing serious or critical, and no page may use an id twice. A team member's pages are the
leader's templates with fewer buttons: axe checks the member's start pages and the kinds of page
the leader's crawl did not reach; every page of every role is still fetched and checked for
duplicate ids.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from .conftest import AxeChecker, axe_report, axe_violations, login

pytestmark = [pytest.mark.browser]

GOOD = """<!doctype html><html lang="nl"><head><title>Goed</title></head><body>
<main><h1>Goed</h1><p><a href="/bad">naar de foute pagina</a></p></main></body></html>"""
BAD = """<!doctype html><html lang="nl"><head><title>Fout</title></head><body>
<main><h1>Fout</h1>
<p style="color:#aaa;background:#fff">Lichtgrijze tekst</p>
<form><input type="text" name="q"><input id="twice"><input id="twice" aria-label="twee"></form>
<p><a href="/good">terug</a></p></main></body></html>"""


@pytest.fixture
def fake_site(browser):
    """A context whose http://a11y.test/ serves the pages above (no server needed)."""
    context = browser.new_context(base_url="http://a11y.test")

    def serve(route, request):
        path = request.url.removeprefix("http://a11y.test")
        body = {"/good": GOOD, "/bad": BAD}.get(path)
        if body is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(status=200, content_type="text/html", body=body)

    context.route("http://a11y.test/**", serve)
    yield context
    context.close()


def test_axe_finds_contrast_missing_labels_and_duplicate_ids(fake_site):
    page = fake_site.new_page()
    page.goto("/good")
    assert axe_violations(page) == []
    page.goto("/bad")
    found = {v["id"]: v for v in axe_violations(page)}
    assert {"color-contrast", "label", "duplicate-id"} <= set(found)
    assert found["duplicate-id"]["nodes"][0]["target"] == "#twice"
    assert all(v["impact"] in ("serious", "critical") for v in found.values())


def test_the_checker_checks_a_page_left_by_a_click_and_the_last_page(fake_site, monkeypatch):
    from playwright import sync_api

    from .conftest import _ACTIONS, _checked_before

    for class_name, names in _ACTIONS.items():
        cls = getattr(sync_api, class_name)
        for name in names.split():
            monkeypatch.setattr(cls, name, _checked_before(getattr(cls, name)))
    checker = AxeChecker(fake_site)
    fake_site._axe_checker = checker
    page = fake_site.new_page()
    page.goto("/bad")
    page.get_by_role("link", name="terug").click()  # /bad is checked before the click
    page.wait_for_url("**/good")
    assert list(checker.failures) == ["http://a11y.test/bad"]
    page.get_by_role("link", name="naar de foute pagina").click()
    page.wait_for_url("**/bad")
    checker.failures.clear()
    checker.finish()  # the test's last page
    assert list(checker.failures) == ["http://a11y.test/bad"]
    assert "color-contrast" in checker.report() and "#twice" in checker.report()
    assert checker.checked == [
        "http://a11y.test/bad",
        "http://a11y.test/good",
        "http://a11y.test/bad",
    ]


# --- the crawl: every page of the demo, as every role ----------------------------------------

PASSWORD = "een-lang-demo-wachtwoord-42"
ROLES = {"leader": "projectleider", "member": "teamlid", "client": "opdrachtgever"}
DEPTH = 2
# Pages of the same kind (the same path but for its numbers, the same query keys) are many in
# the demo (every interview, every goal…): axe checks the first SAMPLES of each kind per role;
# every page is still fetched and checked for duplicate ids. The start pages are always checked.
SAMPLES = 1
SKIP_PREFIXES = ("/admin/", "/accounts/logout", "/static/", "/media/", "/i18n/")
SKIP_PARTS = ("/pdf", "/export", "download", ".csv", ".xlsx", ".pdf", ".zip")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: Counter = Counter()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids[attrs["id"]] += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _followable(url: str) -> str | None:
    """The same-origin URL to follow (without fragment), or None."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIP_PREFIXES) or any(p in url.lower() for p in SKIP_PARTS):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _kind(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/<n>", parts.path)
    keys = sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return path + ("?" + "&".join(keys) if keys else "")


def crawl(client, seeds, checked_kinds=frozenset()):
    """Fetch the seeds and the pages they link to, to DEPTH; returns the URLs axe should check
    (every seed, SAMPLES of every other kind not in ``checked_kinds``), the duplicate ids of
    every HTML page, the number of HTML pages fetched and the links that refused their user
    (403 or 404: a page offered a link its reader may not follow), each with the page that
    offered it."""
    seen, duplicates, to_check, kinds, refused = set(), {}, [], Counter(), {}
    fetched = 0
    frontier = [(url, None) for url in seeds]
    for depth in range(DEPTH + 1):
        following = []
        for url, offered_on in frontier:
            if url in seen:
                continue
            seen.add(url)
            response = client.get(url)
            if response.status_code in (403, 404) and offered_on is not None:
                refused[url] = (response.status_code, offered_on)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            parsed = _Page()
            parsed.feed(response.content.decode())
            twice = sorted(i for i, n in parsed.ids.items() if n > 1)
            if twice:
                duplicates[url] = twice
            fetched += 1
            kind = _kind(url)
            kinds[kind] += 1
            if depth == 0 or (kind not in checked_kinds and kinds[kind] <= SAMPLES):
                to_check.append(url)
            following += [(u, url) for u in map(_followable, parsed.links) if u and u not in seen]
        frontier = following
    return to_check, duplicates, fetched, refused


@pytest.fixture
def demo(transactional_db, settings, tmp_path, monkeypatch):
    from processteps.catalogue_loader import load_catalogue
    from processteps.models import MethodChecklistItem, MethodStep, Project

    # A transactional test before this one may have flushed the method catalogue.
    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    settings.VAR_DIR = tmp_path  # the demo's password file is not the developer's
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=StringIO())
    return Project.objects.get()


def test_every_page_of_the_demo_passes_axe_for_every_role(demo, browser, live_server):
    project = demo
    dashboard = project.get_absolute_url()
    steps = [f"{dashboard}steps/{s.number}/" for s in project.steps.order_by("number")]
    users = get_user_model().objects
    visitors = {"anonymous": (None, ["/", "/accounts/login/"])}
    for role, username in ROLES.items():
        visitors[role] = (users.get(username=username), ["/", "/my/tasks/", dashboard, *steps])

    failures, duplicates, checked, fetched, refused = {}, {}, {}, {}, {}
    team_kinds = set()  # kinds of page axe checked for the leader
    for role, (user, seeds) in visitors.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        to_check, twice, fetched[role], links_refused = crawl(
            client, seeds, team_kinds if role == "member" else frozenset()
        )
        refused.update({f"{role} {url}": why for url, why in links_refused.items()})
        if role == "leader":
            team_kinds.update(map(_kind, to_check))
        duplicates.update({f"{role} {url}": ids for url, ids in twice.items()})
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            if user is not None:
                login(page, user.username, PASSWORD)
            for url in to_check:
                page.goto(url)
                violations = axe_violations(page)
                if violations:
                    failures[f"{role} {url}"] = violations
        finally:
            context.close()
        checked[role] = to_check
    print("axe checked:", {role: len(urls) for role, urls in checked.items()}, "fetched:", fetched)
    assert not duplicates, f"ids used twice: {duplicates}"
    # every link a page shows its reader leads somewhere the reader may go
    assert not refused, f"links that refuse their reader (status, offered on): {refused}"
    assert not failures, "axe-core: serious or critical violations\n" + "\n".join(
        axe_report(url, v) for url, v in failures.items()
    )
    # The crawl found the pages: the visitor the demo's public page (through the home page),
    # the team the tools' pages.
    assert f"/openbaar/{project.slug}/" in checked["anonymous"]
    assert all(fetched[role] > 15 for role in ROLES), fetched
    assert len(checked["leader"]) > 100 and len(checked["client"]) > 15, checked
    assert fetched["member"] > 100 and len(checked["member"]) >= 14, (fetched, checked)


# --- the language switch: a button, no script -------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_language_switch_works_without_javascript_and_stays_on_the_page(browser, live_server):
    from processteps.catalogue_loader import load_catalogue
    from processteps.models import MethodChecklistItem, MethodStep

    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto("/accounts/password_reset/")
        assert page.locator("#language").get_attribute("onchange") is None
        page.get_by_label("Taal").select_option("en")
        page.get_by_role("button", name="Taal wijzigen").click()
        page.wait_for_load_state()
        assert page.url.endswith("/accounts/password_reset/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("button", name="Change language").is_visible()
        assert page.get_by_label("Language").input_value() == "en"
    finally:
        context.close()
