"""Fragments and themes: marking quotes in an accepted report or its transcript, the theme
tree, the order within a theme, provenance, and attribution following consent."""

import re

import pytest
from django.urls import reverse

from processteps.consultation.models import (
    Fragment,
    FragmentTheme,
    QuoteConsent,
    ReportStatus,
    Theme,
)
from processteps.consultation.selectors import (
    fragment_attribution,
    fragments_per_theme,
    fragments_without_theme,
)
from processteps.consultation.services import keyfigures as keyfigure_services
from tests.processteps.helpers import error_messages_of, messages_of

from .test_interviews_support import (
    accepted_report_with_transcript,
    fragment,
    interview,
    key_figure,
    report,
    theme,
)

pytestmark = pytest.mark.django_db


def url(name, project, *args):
    return reverse(f"consultation:{name}", args=[project.pk, *args])


@pytest.fixture
def accepted(project):
    return accepted_report_with_transcript(project)


# --- attribution follows consent ------------------------------------------------------------


def consented(project, consent, **figure):
    figure = key_figure(
        project,
        name=figure.pop("name", "Anna de Vries"),
        organisation=figure.pop("organisation", "Woonbond Noord"),
        organisation_type=figure.pop("organisation_type", "Huurdersorganisatie"),
        email="anna@example.org",
        phone="06-12345678",
        **figure,
    )
    accepted = report(interview(project, figure, quote_consent=consent), status="accepted")
    return fragment(accepted, "Er zijn te weinig betaalbare woningen.")


def test_by_name_is_attributed_with_name_and_organisation(project):
    quote = consented(project, QuoteConsent.BY_NAME)
    assert fragment_attribution(quote) == (True, "Anna de Vries (Woonbond Noord)")


def test_by_name_without_an_organisation_is_the_name(project):
    quote = consented(project, QuoteConsent.BY_NAME, organisation="")
    assert fragment_attribution(quote) == (True, "Anna de Vries")


def test_anonymous_shows_no_name_organisation_email_or_phone(project):
    quote = consented(project, QuoteConsent.ANONYMOUS)
    publishable, label = fragment_attribution(quote)
    assert publishable
    assert label == "Een sleutelfiguur (huurdersorganisatie)"
    for personal in ("Anna", "Vries", "Woonbond", "anna@example.org", "06-12345678", "12345678"):
        assert personal.lower() not in label.lower()


def test_anonymous_without_organisation_type_falls_back_to_the_angle(project):
    from processteps.consultation.services.keyfigures import angle_add

    angle = angle_add(actor=project.leader, project=project, name="Wonen")
    quote = consented(project, QuoteConsent.ANONYMOUS, organisation_type="", angle=angle)
    assert fragment_attribution(quote) == (True, "Een sleutelfiguur (wonen)")


def test_not_quotable_is_not_publishable(project):
    quote = consented(project, QuoteConsent.NONE)
    publishable, label = fragment_attribution(quote)
    assert not publishable
    assert "Anna" not in label and "Woonbond" not in label


def test_an_erased_key_figure_is_attributed_anonymously(project):
    quote = consented(project, QuoteConsent.BY_NAME)
    figure = quote.report.interview.key_figure
    keyfigure_services.key_figure_erase(actor=project.leader, key_figure=figure)
    quote = Fragment.objects.select_related("report__interview__key_figure").get(pk=quote.pk)
    assert fragment_attribution(quote) == (True, "Een sleutelfiguur (huurdersorganisatie)")


def test_erased_even_if_consent_still_says_by_name(project):
    quote = consented(project, QuoteConsent.BY_NAME)
    figure = quote.report.interview.key_figure
    type(figure).objects.filter(pk=figure.pk).update(erased_at="2024-06-01T00:00Z")
    quote = Fragment.objects.select_related("report__interview__key_figure").get(pk=quote.pk)
    assert quote.report.interview.quote_consent == QuoteConsent.BY_NAME
    publishable, label = fragment_attribution(quote)
    assert publishable and "Anna" not in label


def test_publishable_only_leaves_out_quotes_without_consent(project):
    wonen = theme(project, "Wonen")
    fine = consented(project, QuoteConsent.ANONYMOUS, name="Bert Bakker")
    secret = consented(project, QuoteConsent.NONE, name="Carla Claes")
    for quote in (fine, secret):
        FragmentTheme.objects.create(fragment=quote, theme=wonen, position=quote.pk)
    everything = fragments_per_theme(project)[0].entries
    assert [(e.fragment.pk, e.publishable) for e in everything] == [
        (fine.pk, True), (secret.pk, False),
    ]  # fmt: skip
    published = fragments_per_theme(project, publishable_only=True)[0].entries
    assert [e.fragment.pk for e in published] == [fine.pk]


def test_the_fragments_page_shows_attribution_and_marks_unquotable(project, client_as):
    wonen = theme(project, "Wonen")
    FragmentTheme.objects.create(
        fragment=consented(project, QuoteConsent.NONE, name="Carla Claes"), theme=wonen
    )
    page = client_as("member").get(url("fragments", project)).content.decode()
    assert "Niet citeerbaar: geen toestemming om te citeren" in page
    assert "badge text-bg-danger attribution" in page


# --- marking fragments ------------------------------------------------------------------------


def test_marking_two_fragments_from_passages_keeps_their_provenance(project, accepted, client_as):
    wonen = theme(project, "Wonen")
    betaalbaar = theme(project, "Betaalbaarheid", parent=wonen)
    passages = list(accepted.transcript.passages.order_by("index"))
    browser = client_as("member")

    page = browser.get(url("report", project, accepted.pk)).content.decode()
    create = url("fragment_create", project, accepted.pk)
    assert f"{create}?passage={passages[1].pk}" in page
    form = browser.get(create, {"passage": passages[2].pk}).content.decode()
    assert "De buurtkamer is de plek waar mensen elkaar nog ontmoeten." in form
    assert "00:01:23" in form and "Wonen › Betaalbaarheid" in form

    response = browser.post(
        create,
        {"passage": passages[2].pk, "text": "De buurtkamer is de plek.", "themes": [wonen.pk],
         "dimension": "sincerity"},
    )  # fmt: skip
    assert response.status_code == 302
    assert messages_of(response) == ["Het fragment is gemarkeerd."]
    browser.post(
        create,
        {"passage": passages[1].pk, "text": "Te weinig betaalbare woningen.",
         "themes": [wonen.pk, betaalbaar.pk], "dimension": "truth", "next": "report"},
    )  # fmt: skip

    first, second = Fragment.objects.order_by("pk")
    assert (first.passage, first.dimension, first.created_by) == (
        passages[2], "sincerity", project.member,
    )  # fmt: skip
    assert set(second.themes.all()) == {wonen, betaalbaar}
    page = browser.get(url("fragments", project)).content.decode()
    wonen_section = page[page.index(f'id="theme-{wonen.pk}"') : page.index(
        f'id="theme-{betaalbaar.pk}"')]  # fmt: skip
    assert wonen_section.index("De buurtkamer") < wonen_section.index("Te weinig betaalbare")
    assert "Verslag van interview met Anna de Vries, 01-03-2024, transcript 00:01:23" in page
    assert "Een sleutelfiguur (huurdersorganisatie)" in page  # the default consent: anonymous
    assert 'id="fragment-%d"' % second.pk in page  # noqa: UP031


def test_marking_a_fragment_from_a_report_field(project, accepted, client_as):
    browser = client_as("leader")
    page = browser.get(url("report", project, accepted.pk)).content.decode()
    create = url("fragment_create", project, accepted.pk)
    assert f"{create}?field=solutions" in page
    form = browser.get(create, {"field": "solutions"}).content.decode()
    assert "Bouw kleine woningen voor starters." in form

    browser.post(create, {"field": "solutions", "text": "Bouw kleine woningen.", "themes": []})

    quote = Fragment.objects.get()
    assert (quote.source_field, quote.passage, quote.text) == (
        "solutions", None, "Bouw kleine woningen.",
    )  # fmt: skip
    page = browser.get(url("fragments", project)).content.decode()
    without = page[page.index('id="no-theme"') :]
    assert "Bouw kleine woningen." in without
    assert "over oplossingen (wijsheid)" in without


def test_a_fragment_needs_text_and_an_accepted_report(project, accepted, client_as):
    browser = client_as("member")
    response = browser.post(url("fragment_create", project, accepted.pk), {"text": "  "})
    assert response.status_code == 400
    draft = report(interview(project, key_figure(project, name="Bert")))
    response = browser.get(url("fragment_create", project, draft.pk))
    assert error_messages_of(response) == ["Fragmenten markeer je in een geaccepteerd verslag."]
    page = browser.get(url("report", project, draft.pk)).content.decode()
    assert "markeer als fragment" not in page
    assert not Fragment.objects.exists()


def test_an_unknown_field_is_not_found(project, accepted, client_as):
    response = client_as("member").get(
        url("fragment_create", project, accepted.pk), {"field": "status"}
    )
    assert response.status_code == 404


# --- order, edit, delete ------------------------------------------------------------------------


def test_fragments_are_reordered_within_a_theme(project, accepted, client_as):
    wonen = theme(project, "Wonen")
    zorg = theme(project, "Zorg")
    a = fragment(accepted, "Eerste", wonen, zorg)
    b = fragment(accepted, "Tweede", wonen)
    c = fragment(accepted, "Derde", wonen)
    browser = client_as("member")

    response = browser.post(url("fragment_move", project, c.pk, wonen.pk), {"direction": "up"})
    assert response["Location"].endswith(f"#theme-{wonen.pk}")
    browser.post(url("fragment_move", project, c.pk, wonen.pk), {"direction": "up"})
    browser.post(url("fragment_move", project, a.pk, wonen.pk), {"direction": "down"})
    browser.post(url("fragment_move", project, b.pk, wonen.pk), {"direction": "down"})

    order = [e.fragment.text for e in fragments_per_theme(project)[0].entries]
    assert order == ["Derde", "Eerste", "Tweede"]
    assert [e.fragment.pk for e in fragments_per_theme(project)[1].entries] == [a.pk], (
        "the order in one theme leaves the other alone"
    )
    bad = browser.post(url("fragment_move", project, a.pk, wonen.pk), {"direction": "sideways"})
    assert error_messages_of(bad) == ["Kies omhoog of omlaag."]


def test_editing_a_fragments_themes_and_deleting_it(project, accepted, client_as):
    wonen = theme(project, "Wonen")
    zorg = theme(project, "Zorg")
    quote = fragment(accepted, "Eerste", wonen)
    browser = client_as("member")

    form = browser.get(url("fragment_edit", project, quote.pk)).content.decode()
    assert re.search(rf'value="{wonen.pk}"[^>]*checked', form)
    assert not re.search(rf'value="{zorg.pk}"[^>]*checked', form)
    response = browser.post(
        url("fragment_edit", project, quote.pk),
        {"text": "Eerste, ingekort", "themes": [zorg.pk], "dimension": "wisdom"},
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.text, quote.dimension, list(quote.themes.all())) == (
        "Eerste, ingekort", "wisdom", [zorg],
    )  # fmt: skip

    response = browser.post(url("fragment_delete", project, quote.pk))
    assert messages_of(response)[-1] == "Het fragment is verwijderd."
    assert not Fragment.objects.exists() and not FragmentTheme.objects.exists()


# --- themes ---------------------------------------------------------------------------------


def test_the_leader_builds_a_two_level_theme_tree(project, client_as):
    browser = client_as("leader")
    assert browser.post(url("themes", project), {"name": "Wonen"}).status_code == 302
    wonen = Theme.objects.get(name="Wonen")
    browser.post(url("themes", project), {"name": "Betaalbaarheid", "parent": wonen.pk})
    browser.post(url("themes", project), {"name": "Zorg"})
    sub = Theme.objects.get(name="Betaalbaarheid")

    # Three levels are not offered: a sub-theme cannot be a parent.
    response = browser.post(url("themes", project), {"name": "Huur", "parent": sub.pk})
    assert response.status_code == 400
    duplicate = browser.post(url("themes", project), {"name": "wonen"})
    assert duplicate.status_code == 400
    assert "Dit thema bestaat al." in duplicate.content.decode()
    assert Theme.objects.count() == 3

    page = browser.get(url("themes", project)).content.decode()
    tree = page[page.index('id="theme-tree"') :]
    assert tree.index("Wonen") < tree.index("Betaalbaarheid") < tree.index("Zorg")

    response = browser.post(url("theme_remove", project, wonen.pk))
    assert messages_of(response) == ["Het thema 'Wonen' is verwijderd."]
    assert list(Theme.objects.values_list("name", flat=True)) == ["Zorg"]


def test_removing_a_theme_keeps_its_fragments(project, accepted, client_as):
    wonen = theme(project, "Wonen")
    quote = fragment(accepted, "Eerste", wonen)
    client_as("leader").post(url("theme_remove", project, wonen.pk))
    assert Fragment.objects.filter(pk=quote.pk).exists()
    assert [e.fragment for e in fragments_without_theme(project)] == [quote]


def test_the_theme_tree_in_the_fragment_form_is_in_tree_order(project, accepted, client_as):
    zorg = theme(project, "Zorg")
    wonen = theme(project, "Wonen")
    theme(project, "Huur", parent=wonen)
    theme(project, "Thuiszorg", parent=zorg)
    form = client_as("member").get(url("fragment_create", project, accepted.pk)).content.decode()
    labels = ["Zorg<", "Zorg › Thuiszorg", "Wonen<", "Wonen › Huur"]
    positions = [form.index(label) for label in labels]
    assert positions == sorted(positions)


def test_processed_reports_are_listed_with_their_badge(project, accepted, client_as):
    from processteps.consultation.services.reports import report_mark_processed

    report_mark_processed(actor=project.leader, report=accepted)
    page = client_as("member").get(url("fragments", project)).content.decode()
    assert "verwerkt" in page
    assert accepted.status == ReportStatus.ACCEPTED


def test_the_fragments_page_shows_one_theme_a_page_at_a_time(project, accepted, client_as):
    wonen, zorg = theme(project, "Wonen"), theme(project, "Zorg")
    for i in range(35):
        fragment(accepted, f"Woonciteraat {i:02d}", wonen)
    fragment(accepted, "Over de zorg", zorg)
    browser = client_as("member")
    first = browser.get(url("fragments", project)).content.decode()
    # The index names every theme with its count; the first theme is shown, 30 a page.
    assert f'href="?thema={zorg.pk}">Zorg <span class="badge text-bg-light border">1<' in first
    assert first.count("Woonciteraat") == 30 and "Over de zorg" not in first
    second = browser.get(url("fragments", project), {"thema": wonen.pk, "page": 2}).content.decode()
    assert second.count("Woonciteraat") == 5
    assert "Fragment 31 omhoog" in second  # the place in the theme, over all pages
    assert "Pagina 2 van 2" in second
    assert f"?thema={wonen.pk}&amp;page=1" in second  # the pager keeps the theme
    other = browser.get(url("fragments", project), {"thema": zorg.pk}).content.decode()
    assert "Over de zorg" in other and "Woonciteraat" not in other
