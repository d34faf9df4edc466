"""Accessibility: axe-core on every page, and the helper every browser test runs it with.

The helper (``tests/e2e/conftest.py``) is proven on pages with known faults first: it must find
them, on a page reached by a click as well as on the last page of a test.
"""

import pytest

from .conftest import AxeChecker, axe_violations

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
