"""The interface is Dutch by default and English when the user picks it (the language cookie).

Checks the pages through the real middleware and templates, and checks the English catalogue
itself: every entry translated, nothing fuzzy, placeholders kept, and the compiled ``.mo`` in
step with the ``.po``.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from processteps.services.projects import project_create
from tests.factories import UserFactory

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
# The core's and the documents app's catalogue, and one per step tool (in its app).
PO_FILES = [PO_FILE] + sorted(
    Path(settings.BASE_DIR).glob("processteps/*/locale/en/LC_MESSAGES/django.po")
)

# Strings of the layout (base.html, the project breadcrumbs) and of the dashboard, Dutch and
# English. None of them occurs in the method catalogue's data, which stays Dutch.
LAYOUT = {
    "Naar de inhoud": "Skip to content",
    "Hoofdmenu": "Main menu",
    "Menu tonen": "Show menu",
    "Samenleving – werken volgens de Methode Samenlevingsbeleid": (
        "Samenleving – working with the Society Policy Method"
    ),
}
LOGGED_IN_LAYOUT = {
    "Mijn projecten": "My projects",
    "Mijn taken": "My tasks",
    "Uitloggen": "Log out",
    "Kruimelpad": "Breadcrumb",
}
DASHBOARD = {
    "De elf stappen": "The eleven steps",
    "Projectacties": "Project actions",
    "Recente activiteit": "Recent activity",
    "Alle activiteit": "All activity",
    "Mijn taken in dit project": "My tasks in this project",
    "Nog geen afspraken.": "No agreements yet.",
    "Niet gestart": "Not started",
    "Project bewerken": "Edit project",
    # The audit log is worded when it is shown, in the reader's language.
    "maakte het project": "created the project",
}


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def project_leader(db):
    leader = UserFactory(username="projectleider", first_name="Lotte", last_name="Leider")
    project = project_create(
        actor=leader,
        name="Leefbare wijk",
        issue="Hoe houden we de wijk leefbaar?",
        client_organisation="Gemeente Voorbeeld",
        start_date=datetime.date(2024, 1, 1),
    )
    return leader, project


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _assert_language(html: str, shown: dict, *, english: bool) -> None:
    for dutch, en in shown.items():
        wanted, unwanted = (en, dutch) if english else (dutch, en)
        assert wanted in html, f"{wanted!r} missing"
        assert unwanted not in html, f"{unwanted!r} shown"


# --- pages ---------------------------------------------------------------------------------


def test_login_page_in_english_with_the_language_cookie(english):
    response = english.get(reverse("login"))
    html = response.content.decode()

    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "Log in" in html
    assert "Forgotten your password?" in html
    assert "Inloggen" not in html
    assert "Wachtwoord vergeten?" not in html
    _assert_language(html, LAYOUT, english=True)
    # The language selector names the languages in English and marks English as chosen.
    assert re.search(r'<option value="en"\s+selected\s*>English</option>', html)
    assert ">Dutch</option>" in html
    assert ">Nederlands</option>" not in html


def test_login_page_is_dutch_without_the_cookie(client):
    response = client.get(reverse("login"))
    html = response.content.decode()

    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert "Wachtwoord vergeten?" in html
    assert "Log in" not in html
    _assert_language(html, LAYOUT, english=False)
    assert ">Nederlands</option>" in html


def test_the_browser_language_alone_does_not_switch_to_english(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert response["Content-Language"] == "nl"
    assert "Inloggen" in html
    assert "Log in" not in html


def test_unknown_language_in_the_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    html = _page(client, reverse("login"))
    assert "Inloggen" in html


def test_dashboard_in_english_for_the_project_leader(english, project_leader):
    leader, project = project_leader
    english.force_login(leader)

    html = _page(english, project.get_absolute_url())

    _assert_language(html, LAYOUT | LOGGED_IN_LAYOUT | DASHBOARD, english=True)
    assert "Client: Gemeente Voorbeeld" in html
    assert "Opdrachtgever:" not in html
    assert "0 of 11 steps completed" in html
    assert "stappen afgerond" not in html
    assert "1 January 2024" in html  # Django's own English date names


def test_dashboard_is_dutch_without_the_cookie(client, project_leader):
    leader, project = project_leader
    client.force_login(leader)

    html = _page(client, project.get_absolute_url())

    _assert_language(html, LAYOUT | LOGGED_IN_LAYOUT | DASHBOARD, english=False)
    assert "Opdrachtgever: Gemeente Voorbeeld" in html
    assert "0 van 11 stappen afgerond" in html
    assert "1 januari 2024" in html


def test_choosing_english_with_the_selector_sets_the_cookie(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Log in" in _page(client, reverse("login"))


# --- the catalogue ------------------------------------------------------------------------

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
_TAG = re.compile(r"</?\w+[^>]*>")


def _unescape(text: str) -> str:
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def _po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: {"flags": set, "msgid": str, "msgstr": str, ...}."""
    entries, entry, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry if entry is not None else {"flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            field = match[1]
            entry[field] = _unescape("".join(_STRING.findall(line[match.end() :])))
        elif line.startswith('"') and field:
            entry[field] += _unescape("".join(_STRING.findall(line)))
    return entries


@pytest.fixture(
    scope="module",
    params=PO_FILES,
    ids=[str(p.relative_to(settings.BASE_DIR)) for p in PO_FILES],
)
def catalogue(request):
    entries = _po_entries(request.param)
    header = [e for e in entries if e["msgid"] == ""]
    assert len(header) == 1
    entries = [e for e in entries if e["msgid"] != "" and not e.get("obsolete")]
    return header[0], entries, request.param


def _translations(entry: dict) -> list[tuple[str, str]]:
    if "msgid_plural" in entry:
        return [
            (entry["msgid"], entry.get("msgstr[0]", "")),
            (entry["msgid_plural"], entry.get("msgstr[1]", "")),
        ]
    return [(entry["msgid"], entry.get("msgstr", ""))]


def test_catalogue_header(catalogue):
    header, entries, path = catalogue
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"]
    assert len(entries) > (1000 if path == PO_FILE else 0)


def test_catalogue_has_no_untranslated_or_fuzzy_entries(catalogue):
    _header, entries, path = catalogue
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [
        source for e in entries for source, translated in _translations(e) if not translated
    ]
    assert fuzzy == []
    assert untranslated == []


def test_catalogue_keeps_placeholders_tags_and_whitespace(catalogue):
    _header, entries, path = catalogue
    problems = []
    for entry in entries:
        for source, translated in _translations(entry):
            if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(translated)):
                problems.append(("placeholder", source, translated))
            if sorted(_TAG.findall(source)) != sorted(_TAG.findall(translated)):
                problems.append(("tag", source, translated))
            if source[:1].isspace() != translated[:1].isspace() or (
                source[-1:].isspace() != translated[-1:].isspace()
            ):
                problems.append(("whitespace", source, translated))
    assert problems == []


def test_compiled_catalogue_matches_the_po_file(catalogue):
    """Every msgid translates, through Django, to the msgstr in the .po (the .mo is current)."""
    _header, entries, path = catalogue
    assert path.with_suffix(".mo").exists(), "run: make messages"
    stale = []
    with translation.override("en"):
        for entry in entries:
            if "msgid_plural" in entry:
                got = (
                    translation.ngettext(entry["msgid"], entry["msgid_plural"], 1),
                    translation.ngettext(entry["msgid"], entry["msgid_plural"], 2),
                )
                want = (entry["msgstr[0]"], entry["msgstr[1]"])
            elif "msgctxt" in entry:
                got = translation.pgettext(entry["msgctxt"], entry["msgid"])
                want = entry["msgstr"]
            else:
                got, want = translation.gettext(entry["msgid"]), entry["msgstr"]
            if got != want:
                stale.append((entry["msgid"], got, want))
    assert stale == []


@pytest.mark.parametrize(
    ("dutch", "english"),
    [
        ("Inloggen", "Log in"),
        ("De elf stappen", "The eleven steps"),
        ("Projectleider", "Project leader"),
        ("Teamlid", "Team member"),
        ("Opdrachtgever", "Client"),
        ("Sleutelfiguur", "Key figure"),
        ("Procesdocument", "Process document"),
        ("Onzekerheidsreductie", "Uncertainty reduction"),
        ("Afgerond", "Completed"),
        ("Besloten niet te doen", "Decided not to do"),
        ("Nederlands", "Dutch"),
        ("Engels", "English"),
    ],
)
def test_sample_of_translations(dutch, english):
    with translation.override("en"):
        assert translation.gettext(dutch) == english
    with translation.override("nl"):
        assert translation.gettext(dutch) == dutch


def test_plural_forms_in_english():
    singular = "%(count)s sleutelfiguur geïmporteerd en goedgekeurd."
    plural = "%(count)s sleutelfiguren geïmporteerd en goedgekeurd."
    with translation.override("en"):
        assert translation.ngettext(singular, plural, 1) % {"count": 1} == (
            "1 key figure imported and approved."
        )
        assert translation.ngettext(singular, plural, 3) % {"count": 3} == (
            "3 key figures imported and approved."
        )
