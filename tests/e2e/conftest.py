"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Every page a browser test visits is checked with axe-core (vendored in ``vendor/axe.min.js``):
the ``page`` fixture checks each document (and each state an htmx swap leaves) just before the
test's first action on it (a click, a fill, a ``goto`` elsewhere: the document is at rest and
about to be used or left) and the documents still open when the test ends. A violation of
impact *serious* or *critical*, or an id used twice on a page, fails the test with the rule, the
page and the offending nodes. Tests need do nothing for it; :func:`axe_check` checks the current
document at once (it is what the fixture calls).
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import require

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    require(os.path.exists(CHROMIUM) or shutil.which("chromium"), "Chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        require(False, "Playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


AXE_JS = Path(__file__).with_name("vendor") / "axe.min.js"
# The impacts that fail a test; "moderate" and "minor" are reported by axe but not enforced.
AXE_FAILING_IMPACTS = ("serious", "critical")

_AXE_RUN = """async (impacts) => {
    window.__axeChecked = true;
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations
        .filter((v) => impacts.includes(v.impact))
        .map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({
                target: n.target.join(" "),
                html: n.html,
                summary: n.failureSummary || "",
            })),
        }));
}"""

_DUPLICATE_IDS = """() => {
    const seen = new Map();
    for (const el of document.querySelectorAll("[id]")) {
        seen.set(el.id, (seen.get(el.id) || 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => ({id, count: n}));
}"""


def _checkable(page) -> bool:
    if not page.url.startswith(("http://", "https://")):
        return False
    return page.evaluate("document.contentType") in ("text/html", "application/xhtml+xml")


def axe_violations(page) -> list[dict]:
    """axe-core on the page's current document: the violations of impact serious or critical,
    and ids used more than once (rule ``duplicate-id``), each with its nodes. [] for a page
    that is not HTML (a PDF, about:blank)."""
    if not _checkable(page):
        return []
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(_AXE_RUN, list(AXE_FAILING_IMPACTS))
    duplicates = page.evaluate(_DUPLICATE_IDS)
    if duplicates:
        violations.append(
            {
                "id": "duplicate-id",
                "impact": "serious",
                "help": "Every id on a page must be unique (labels and ARIA refer to ids)",
                "nodes": [
                    {"target": f"#{d['id']}", "html": "", "summary": f"{d['count']} elements"}
                    for d in duplicates
                ],
            }
        )
    return violations


def axe_report(url: str, violations: list[dict]) -> str:
    """The violations of one page, readable: rule, impact, help, then each node."""
    lines = [f"{url}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        for node in v["nodes"][:10]:
            lines.append(f"      {node['target']}  {node['html'][:160]}")
            for text in node["summary"].splitlines()[:4]:
                lines.append(f"        {text.strip()}")
        if len(v["nodes"]) > 10:
            lines.append(f"      … and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


# The actions after which a test is on (or leaves) a document: the document is checked just
# before the first of them runs on it, while it is at rest and the test is about to use it.
_ACTIONS = {
    "Page": (
        "goto reload go_back go_forward click dblclick fill press check uncheck set_checked "
        "select_option set_input_files tap type dispatch_event"
    ),
    "Locator": (
        "click dblclick fill clear press press_sequentially check uncheck set_checked "
        "select_option set_input_files tap type dispatch_event"
    ),
}
# An htmx swap changes the document: it is checked again before the next action.
_HTMX_RESET = (
    "document.addEventListener('htmx:afterSettle', () => { window.__axeChecked = false; });"
)


class AxeChecker:
    """Checks the documents of one browser context: each document (and each state an htmx swap
    leaves) once, before the test's first action on it (a click, a fill, a ``goto`` elsewhere…),
    and the documents still open when the test ends. The violations are collected and asserted
    when the test ends, page by page."""

    def __init__(self, context):
        self.context = context
        self.failures: dict[str, list[dict]] = {}
        self.checked: list[str] = []
        self._busy = False
        context.add_init_script(script=_HTMX_RESET)

    def check(self, page) -> list[dict]:
        """Check the page's current document unless it was checked in its current state."""
        if self._busy or page.is_closed():
            return []
        self._busy = True
        try:
            for attempt in range(3):
                try:
                    page.wait_for_load_state("load")
                    if not _checkable(page) or page.evaluate("window.__axeChecked === true"):
                        return []
                    url = page.url
                    violations = axe_violations(page)
                    break
                except Exception as exc:  # a navigation replaced the document: check the next
                    if attempt == 2 or "context was destroyed" not in str(exc):
                        raise
            self.checked.append(url)
            if violations:
                self.failures.setdefault(url, []).extend(violations)
            return violations
        finally:
            self._busy = False

    def finish(self) -> None:
        for page in self.context.pages:
            self.check(page)

    def report(self) -> str:
        return "\n".join(axe_report(url, v) for url, v in self.failures.items())


def _checker_of(page):
    try:
        return getattr(page.context, "_axe_checker", None)
    except Exception:  # noqa: BLE001 - a closed page has no checker to ask
        return None


def _checked_before(method):
    def action(self, *args, **kwargs):
        page = self if hasattr(self, "main_frame") else self.page
        checker = _checker_of(page)
        if checker is not None:
            checker.check(page)
        return method(self, *args, **kwargs)

    action.__wrapped__ = method
    return action


def axe_check(page) -> list[dict]:
    """Check the page's current document now (it is not checked again until it changes);
    returns its serious/critical violations (the test also fails on them at its end)."""
    checker = _checker_of(page)
    if checker is None:
        return axe_violations(page)
    return checker.check(page)


@pytest.fixture
def page(browser, live_server, monkeypatch):
    from playwright import sync_api

    for class_name, names in _ACTIONS.items():
        cls = getattr(sync_api, class_name)
        for name in names.split():
            monkeypatch.setattr(cls, name, _checked_before(getattr(cls, name)))
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    checker = AxeChecker(context)
    context._axe_checker = checker
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    try:
        checker.finish()
    finally:
        context.close()
    if checker.failures:
        pytest.fail(
            "axe-core: serious or critical accessibility violations\n" + checker.report(),
            pytrace=False,
        )


def login(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
