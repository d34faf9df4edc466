"""The Bloemlezing (step 4): themes as chapters in the table of contents, quotes with their
attribution and dimension, consent (a "none" quote never appears; an anonymised one shows no
name, organisation, e-mail or phone), erasure, the analysis of the consulted key figures and the
appendix. Also used by the other test_bloemlezing* modules: :func:`consultation`."""

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from django.utils import timezone

import processteps.consultation.documents  # noqa: F401  (registered after documents.builders.types)
from documents.builders import builder_for
from documents.charts import bar_chart
from documents.models import Audience
from documents.services.documents import publish, version_create, version_render
from processteps.consultation.documents import Bloemlezing
from processteps.consultation.models import Dimension, KeyFigureStatus, QuoteConsent
from processteps.consultation.services import interviews as interview_services
from processteps.consultation.services import keyfigures as kf_services
from processteps.consultation.services import reports as report_services
from tests.documents.conftest import (
    assert_in_pdf,
    document_of,
    pdf_bytes_of,
    pdf_pages_text,
    pdf_text,
    squash,
)

pytestmark = pytest.mark.django_db


# -- building a consultation through the services -------------------------------------------------


@dataclass
class Consultation:
    project: object
    angles: dict = field(default_factory=dict)
    themes: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    reports: dict = field(default_factory=dict)
    fragments: dict = field(default_factory=dict)


def add_angles(c: Consultation, actor):
    overheid = kf_services.angle_add(actor=actor, project=c.project, name="Overheid")
    c.angles["Overheid"] = overheid
    c.angles["Gemeenten"] = kf_services.angle_add(
        actor=actor, project=c.project, name="Gemeenten", parent=overheid
    )
    c.angles["Maatschappelijke organisaties"] = kf_services.angle_add(
        actor=actor, project=c.project, name="Maatschappelijke organisaties"
    )
    c.angles["Bedrijfsleven"] = kf_services.angle_add(
        actor=actor, project=c.project, name="Bedrijfsleven"
    )


def add_themes(c: Consultation, actor):
    opvang = report_services.theme_add(actor=actor, project=c.project, name="Opvang en huisvesting")
    c.themes["Opvang en huisvesting"] = opvang
    c.themes["Asielopvang"] = report_services.theme_add(
        actor=actor, project=c.project, name="Asielopvang", parent=opvang
    )
    c.themes["Arbeid en economie"] = report_services.theme_add(
        actor=actor,
        project=c.project,
        name="Arbeid en economie",
        description="Werk als sleutel tot meedoen.",
    )


def interviewed_key_figure(
    c: Consultation, actor, *, name, consent, angle, subangle=None, usual=True, **fields
):
    """A key figure taken through the pipeline, interviewed, with an accepted report."""
    key_figure = kf_services.key_figure_propose(
        actor=actor,
        project=c.project,
        name=name,
        angle=c.angles[angle],
        subangle=c.angles[subangle] if subangle else None,
        is_usual_suspect=usual,
        **fields,
    )
    key_figure = kf_services.key_figure_approve(actor=actor, key_figure=key_figure)
    for status in (KeyFigureStatus.APPROACHED, KeyFigureStatus.AGREED):
        key_figure = kf_services.key_figure_set_status(
            actor=actor, key_figure=key_figure, status=status
        )
    interview = interview_services.interview_create(
        actor=actor,
        key_figure=key_figure,
        interviewers=[actor],
        scheduled_at=timezone.make_aware(datetime.datetime(2024, 1, 15, 10, 0)),
        quote_consent=consent,
    )
    report = report_services.report_for(interview)
    report = report_services.report_save(
        actor=actor,
        report=report,
        version=report.version,
        problem=f"Verslag van het gesprek met {name}.",
    )
    report_services.report_submit(actor=actor, report=report)
    report = report_services.report_accept(actor=actor, report=report)
    c.figures[name] = key_figure
    c.reports[name] = report
    return key_figure


def quote(c: Consultation, actor, who: str, text: str, themes, dimension=Dimension.TRUTH):
    fragment = report_services.fragment_create(
        actor=actor,
        report=c.reports[who],
        text=text,
        themes=[c.themes[t] for t in themes],
        dimension=dimension,
        source_field="problem",
    )
    c.fragments[text] = fragment
    return fragment


NAMED = "Hendrika Zwanenburg"
NAMED_ORG = "Stichting Vluchtelingenwerk Oostland"
ANONYMOUS = "Bartholomeus Quist"
ANONYMOUS_ORG = "Gemeente Oosterwolde"
ANONYMOUS_EMAIL = "b.quist@example.org"
ANONYMOUS_PHONE = "06-98765432"
SILENT = "Wilhelmina Draaisma"

QUOTE_NAMED = "Wie hier aankomt, wil vooral zo snel mogelijk meedoen."
QUOTE_NAMED_2 = "Taal leer je op de werkvloer sneller dan in een klaslokaal."
QUOTE_ANONYMOUS = "De opvang wordt van crisis naar crisis georganiseerd."
QUOTE_SILENT = "Dit mag echt niemand ooit lezen over de burgemeester."


def consultation(project) -> Consultation:
    """Three consulted key figures: one quotable by name, one anonymously, one not at all."""
    actor = project.leader
    c = Consultation(project)
    add_angles(c, actor)
    add_themes(c, actor)
    interviewed_key_figure(
        c,
        actor,
        name=NAMED,
        consent=QuoteConsent.BY_NAME,
        angle="Maatschappelijke organisaties",
        organisation=NAMED_ORG,
        organisation_type="maatschappelijke organisatie",
        function="Coördinator",
        email="h.zwanenburg@example.org",
        phone="06-11223344",
        address="Dorpsstraat 1",
        city="Westerhaven",
    )
    interviewed_key_figure(
        c,
        actor,
        name=ANONYMOUS,
        consent=QuoteConsent.ANONYMOUS,
        angle="Overheid",
        subangle="Gemeenten",
        organisation=ANONYMOUS_ORG,
        organisation_type="gemeente",
        function="Wethouder",
        email=ANONYMOUS_EMAIL,
        phone=ANONYMOUS_PHONE,
        address="Raadhuisplein 7",
        city="Oosterwolde",
        usual=False,
    )
    interviewed_key_figure(
        c,
        actor,
        name=SILENT,
        consent=QuoteConsent.NONE,
        angle="Bedrijfsleven",
        organisation="Draaisma Uitzendbureau",
        organisation_type="bedrijf",
        email="w.draaisma@example.org",
    )
    quote(c, actor, NAMED, QUOTE_NAMED, ["Arbeid en economie"], Dimension.WISDOM)
    quote(c, actor, NAMED, QUOTE_NAMED_2, ["Arbeid en economie"], Dimension.SINCERITY)
    quote(c, actor, ANONYMOUS, QUOTE_ANONYMOUS, ["Asielopvang"], Dimension.TRUTH)
    quote(c, actor, SILENT, QUOTE_SILENT, ["Opvang en huisvesting", "Arbeid en economie"])
    return c


def bloemlezing_of(project):
    document = document_of(project, 4)
    assert isinstance(builder_for(document), Bloemlezing)
    return document


def rendered_version(project, *, note=""):
    document = bloemlezing_of(project)
    version = version_create(actor=project.leader, document=document, change_note=note)
    assert version_render(version_id=version.pk) is True
    return version, pdf_bytes_of(version)


def toc_entries(pages: list[str]) -> dict[str, int]:
    """Title -> page number of the table of contents (pdftotext's layout of its page)."""
    toc_page = next(i for i, page in enumerate(pages) if "Inhoudsopgave" in page)
    entries = {}
    for line in pages[toc_page].splitlines():
        match = re.match(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", line)
        if match:
            entries[match.group(1).strip()] = int(match.group(2))
    return entries


# -- the compiled document -------------------------------------------------------------------------


def test_outline_keeps_the_section_keys_and_themes_become_chapters(project):
    c = consultation(project)
    document = bloemlezing_of(project)
    assert set(document.sections.values_list("key", flat=True)) == {
        "inleiding",
        "themas",
        "kenmerken",
        "verantwoording",
        "geraadpleegden",
    }
    sections = builder_for(document).sections()
    keys = [s.key for s in sections]
    opvang, arbeid = c.themes["Opvang en huisvesting"], c.themes["Arbeid en economie"]
    assert keys == [
        "inleiding",
        "themas",
        f"thema-{opvang.pk}",
        f"thema-{arbeid.pk}",
        "kenmerken",
        "verantwoording",
        "geraadpleegden",
    ]
    assert [s.title for s in sections][2:4] == ["Opvang en huisvesting", "Arbeid en economie"]
    assert len({s.anchor for s in sections}) == len(sections)


def test_the_pdf_lists_themes_in_its_contents_with_page_numbers_and_holds_the_quotes(project):
    from tests.documents.conftest import write

    consultation(project)
    document = bloemlezing_of(project)
    write(document, "inleiding", "<p>Wat de samenleving ons vertelde.</p>", actor=project.leader)
    version, pdf = rendered_version(project)

    pages = pdf_pages_text(pdf)
    entries = toc_entries(pages)
    for title in (
        "Inleiding",
        "Opvang en huisvesting",
        "Asielopvang",
        "Arbeid en economie",
        "Analyse kenmerken geraadpleegde personen",
        "Bijlage: geraadpleegde personen",
    ):
        assert title in entries, (title, entries)
        # The number is the page the chapter (or sub-theme) starts on.
        assert title in pages[entries[title] - 1], (title, entries[title])
    # Chapters in order: themes before the analysis, sub-theme within its theme.
    assert (
        entries["Opvang en huisvesting"]
        <= entries["Asielopvang"]
        < entries["Arbeid en economie"]
        < entries["Analyse kenmerken geraadpleegde personen"]
    )
    # The sub-theme is indented under its theme in the contents.
    toc = next(p for p in pages if "Inhoudsopgave" in p)
    indent = {
        title: len(line) - len(line.lstrip())
        for line in toc.splitlines()
        for title in ("Opvang en huisvesting", "Asielopvang")
        if line.strip().startswith(title)
    }
    assert indent["Asielopvang"] > indent["Opvang en huisvesting"]

    text = pdf_text(pdf)
    assert_in_pdf(
        [
            "Wat de samenleving ons vertelde.",
            QUOTE_NAMED,
            QUOTE_NAMED_2,
            QUOTE_ANONYMOUS,
            f"{NAMED} ({NAMED_ORG})",
            "Een sleutelfiguur (gemeente)",
            "Waarheid",
            "Wijsheid",
            "Waarachtigheid",
            "Werk als sleutel tot meedoen.",
        ],
        text,
    )
    # Within a theme the team's order holds.
    flat = squash(text)
    assert flat.index(squash(QUOTE_NAMED)) < flat.index(squash(QUOTE_NAMED_2))
    assert version.pdf_pages >= 8


def test_the_team_order_of_fragments_is_kept(project):
    c = consultation(project)
    links = c.themes["Arbeid en economie"].fragment_links
    second = links.get(fragment=c.fragments[QUOTE_NAMED_2])
    report_services.fragment_move(actor=project.leader, link=second, direction=-1)

    html = "".join(s.compiled for s in builder_for(bloemlezing_of(project)).sections())
    assert html.index(QUOTE_NAMED_2) < html.index(QUOTE_NAMED)


def test_a_fragment_without_consent_never_appears_in_the_pdf_or_the_reading_views(
    project, client_as
):
    consultation(project)
    version, pdf = rendered_version(project)
    for audience in (Audience.CLIENT, Audience.PUBLIC):
        publish(actor=project.leader, version=version, audience=audience)

    assert squash(QUOTE_SILENT) not in squash(pdf_text(pdf))
    assert QUOTE_SILENT not in version.html
    assert all(QUOTE_SILENT not in s["compiled"] for s in version.sections)
    # It is counted as left out, nothing more.
    assert_in_pdf(["1 gemarkeerd fragment is niet opgenomen"], pdf_text(pdf))

    public = client_as("anonymous").get(
        reverse("documents:public_document", args=[project.slug, 4])
    )
    assert public.status_code == 200
    assert QUOTE_NAMED in public.content.decode()
    assert QUOTE_SILENT not in public.content.decode()
    reading = client_as("client").get(
        reverse("documents:version", args=[project.pk, 4, version.number])
    )
    assert reading.status_code == 200
    assert QUOTE_NAMED in reading.content.decode()
    assert QUOTE_SILENT not in reading.content.decode()
    # Nor is the person who may not be quoted named in the appendix.
    assert SILENT not in public.content.decode()
    assert squash(SILENT) not in squash(pdf_text(pdf))


def personal_values(key_figure) -> list[str]:
    values = [
        key_figure.name,
        key_figure.organisation,
        key_figure.email,
        key_figure.phone,
        key_figure.address,
    ]
    return [v for v in values if v]


def test_an_anonymised_quote_shows_no_name_organisation_email_or_phone(project, client_as):
    c = consultation(project)
    version, pdf = rendered_version(project)
    publish(actor=project.leader, version=version, audience=Audience.PUBLIC)
    public = (
        client_as("anonymous")
        .get(reverse("documents:public_document", args=[project.slug, 4]))
        .content.decode()
    )

    key_figure = c.figures[ANONYMOUS]
    key_figure.refresh_from_db()
    secrets = personal_values(key_figure)
    assert {ANONYMOUS, ANONYMOUS_ORG, ANONYMOUS_EMAIL, ANONYMOUS_PHONE} <= set(secrets)
    text = squash(pdf_text(pdf))
    parts = [*secrets, "Quist", "Oosterwolde", "98765432"]
    for secret in parts:
        assert squash(secret) not in text, secret
        assert secret not in public, secret
        assert secret not in version.html, secret
    # The quote is there, attributed anonymously.
    assert QUOTE_ANONYMOUS in public
    assert "Een sleutelfiguur (gemeente)" in public
    # No contact details of anyone, not even of those quoted by name.
    for figure in c.figures.values():
        figure.refresh_from_db()
        for secret in (figure.email, figure.phone, figure.address):
            if secret:
                assert squash(secret) not in text and secret not in public, secret


def test_after_erasure_a_new_render_has_none_of_the_persons_data(project, client_as):
    c = consultation(project)
    key_figure = c.figures[NAMED]
    before = personal_values(key_figure)
    first, first_pdf = rendered_version(project)
    assert_in_pdf([NAMED, NAMED_ORG, "Coördinator"], pdf_text(first_pdf))

    kf_services.key_figure_erase(actor=project.leader, key_figure=key_figure)
    second, pdf = rendered_version(project, note="Na wissen")
    publish(actor=project.leader, version=second, audience=Audience.PUBLIC)

    text = squash(pdf_text(pdf))
    public = (
        client_as("anonymous")
        .get(reverse("documents:public_document", args=[project.slug, 4]))
        .content.decode()
    )
    for secret in [*before, "Zwanenburg", "Hendrika", "Vluchtelingenwerk"]:
        assert squash(secret) not in text, secret
        assert secret not in second.html, secret
        assert secret not in public, secret
    # Her quotes stay, anonymised (organisation type is no personal data).
    assert_in_pdf([QUOTE_NAMED, "Een sleutelfiguur (maatschappelijke organisatie)"], text)


# -- analysis and appendix ------------------------------------------------------------------------


def test_analysis_counts_consulted_key_figures_with_tables_and_a_chart(project):
    c = consultation(project)
    # Someone who declined and someone only proposed: in the register, not consulted.
    declined = kf_services.key_figure_propose(
        actor=project.leader,
        project=project,
        name="Gerrit Afzegger",
        angle=c.angles["Bedrijfsleven"],
    )
    declined = kf_services.key_figure_approve(actor=project.leader, key_figure=declined)
    for status in (KeyFigureStatus.APPROACHED, KeyFigureStatus.DECLINED):
        declined = kf_services.key_figure_set_status(
            actor=project.leader, key_figure=declined, status=status
        )
    kf_services.key_figure_propose(actor=project.leader, project=project, name="Nog Niemand")

    builder = builder_for(bloemlezing_of(project))
    data = builder.data
    assert [k.name for k in data.consulted] == sorted([NAMED, ANONYMOUS, SILENT])
    assert dict(data.register_counts())["Sleutelfiguren in het register"] == 5
    assert dict(data.register_counts())["Afgezegd"] == 1
    rows = {(r["name"], r["level"]): r for r in data.by_angle()}
    assert rows[("Overheid", 1)]["total"] == 1 and rows[("Overheid", 1)]["unusual"] == 1
    assert rows[("Gemeenten", 2)]["total"] == 1
    assert rows[("Bedrijfsleven", 1)]["total"] == 1  # the one who declined is not counted
    assert rows[("Maatschappelijke organisaties", 1)]["usual"] == 1
    kinds = {r["name"]: r["total"] for r in data.by_kind()}
    assert kinds == {"Usual suspects": 2, "Unusual suspects": 1}
    types = {r["name"]: r["total"] for r in data.by_organisation_type()}
    assert types == {"bedrijf": 1, "gemeente": 1, "maatschappelijke organisatie": 1}

    html = builder.bloemlezing_characteristics()
    assert html.count("<table") == 4
    assert html.count("<svg") == 2
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "data:" not in html and "href" not in html  # nothing the renderer would fetch
    assert "Overheid: 1 (0 usual, 1 unusual)" in html  # the chart's text alternative


def test_the_chart_is_rendered_inline_without_fetching_anything(project, caplog):
    consultation(project)
    with caplog.at_level("WARNING", logger="documents.rendering"):
        _version, pdf = rendered_version(project)
    assert not [r for r in caplog.records if "Refused" in r.getMessage()]
    assert_in_pdf(["Geraadpleegde personen per functionele invalshoek"], pdf_text(pdf))


def test_bar_chart_geometry_scales_to_the_largest_row():
    chart = bar_chart(
        chart_id="c",
        title="T",
        rows=[
            ("Een", [2, 2]),
            ("Twee", [1, 0]),
            ("Een heel erg lange naam van een invalshoek", [0, 0]),
        ],
        series=["usual", "unusual"],
    )
    first, second, third = chart["bars"]
    assert sum(s["width"] for s in first["segments"]) == pytest.approx(240)
    assert second["segments"][0]["width"] == pytest.approx(60)
    assert third["segments"] == [] and third["label"].endswith("…")
    assert chart["description"].startswith("Een: 4 (2 usual, 2 unusual); Twee: 1")
    assert bar_chart(chart_id="e", title="Leeg", rows=[], series=["a"])["bars"] == []


def test_the_appendix_respects_consent(project):
    c = consultation(project)
    html = builder_for(bloemlezing_of(project)).bloemlezing_consulted()

    assert NAMED in html and NAMED_ORG in html and "Coördinator" in html
    for secret in personal_values(c.figures[ANONYMOUS]) + personal_values(c.figures[SILENT]):
        assert secret not in html, secret
    assert "Wethouder" not in html  # a function could identify an anonymous person
    assert "Een sleutelfiguur (gemeente)" in html
    assert "Een sleutelfiguur (bedrijf)" in html
    for figure in c.figures.values():
        for secret in (figure.email, figure.phone, figure.address, figure.city):
            assert not secret or secret not in html


def test_an_empty_consultation_still_builds_every_chapter(project):
    document = bloemlezing_of(project)
    sections = builder_for(document).sections()
    assert [s.key for s in sections] == [
        "inleiding",
        "themas",
        "kenmerken",
        "verantwoording",
        "geraadpleegden",
    ]
    html = "".join(s.compiled for s in sections)
    assert "Er zijn nog geen thema" in html and "Nog niemand geraadpleegd" in html
    version = version_create(actor=project.leader, document=document)
    assert "Inhoudsopgave" in version.html


def test_theme_names_and_quotes_are_escaped_everywhere(project):
    c = consultation(project)
    hostile = report_services.theme_add(
        actor=project.leader,
        project=project,
        name="Wonen & <b onclick=x>zorg</b>",
        description="<img src=http://evil.example/x.png>",
    )
    c.themes[hostile.name] = hostile
    quote(c, project.leader, NAMED, "<script>alert('x')</script> Wij & zij", [hostile.name])

    version = version_create(actor=project.leader, document=bloemlezing_of(project))

    for forbidden in ("<script>alert", "<b onclick", "<img src", "http://evil.example/x.png>"):
        assert forbidden not in version.html, forbidden
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Wij &amp; zij" in version.html
    # In the table of contents, the chapter heading and the overview alike.
    assert version.html.count("Wonen &amp; &lt;b onclick=x&gt;zorg&lt;/b&gt;") >= 3
