"""The demo project's consultation round and its published Bloemlezing (``make run``)."""

import pytest
from django.urls import reverse

from documents.models import Audience, DocumentVersion, Publication, RenderStatus
from processteps.consultation.demo import demo_consultation_load
from processteps.consultation.demo_data import INTERVIEWS, KEY_FIGURES, THEMES
from processteps.consultation.models import (
    Fragment,
    FragmentTheme,
    Interview,
    KeyFigure,
    QuoteConsent,
    ReportStatus,
    Theme,
    TranscriptPassage,
)
from processteps.demo import demo_load
from processteps.models import AuditEntry, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    """The demo project as ``demo_load`` makes it (catalogue reloaded if a transactional test
    flushed it)."""
    from processteps.catalogue_loader import load_catalogue
    from processteps.models import MethodChecklistItem, MethodStep

    if MethodStep.objects.count() != 11:
        load_catalogue(MethodStep, MethodChecklistItem)
    settings.DEMO_DATA_ALLOWED = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    project, _password = demo_load(password="demo-wachtwoord-123")
    project.leader = project.memberships.get(role=Role.LEADER).user
    project.member = project.memberships.get(role=Role.MEMBER).user
    return project


def load(project) -> bool:
    return demo_consultation_load(project=project, leader=project.leader, members=[project.member])


def counts(project) -> dict:
    return {
        "key_figures": KeyFigure.objects.filter(project=project).count(),
        "angles": project.angles.count(),
        "interviews": Interview.objects.filter(project=project).count(),
        "themes": Theme.objects.filter(project=project).count(),
        "fragments": Fragment.objects.filter(project=project).count(),
        "links": FragmentTheme.objects.filter(theme__project=project).count(),
        "passages": TranscriptPassage.objects.filter(
            transcript__report__interview__project=project
        ).count(),
        "audit": AuditEntry.objects.filter(project=project).count(),
    }


def test_the_demo_consultation_round_loads_through_the_services(demo):
    assert load(demo) is True
    project = demo

    key_figures = KeyFigure.objects.filter(project=project)
    assert key_figures.count() == len(KEY_FIGURES) == 30
    statuses = {s: key_figures.filter(status=s).count() for s in ("interviewed", "declined")}
    assert statuses == {"interviewed": 20, "declined": 3}
    assert key_figures.filter(approved_at__isnull=True).count() == 1
    assert key_figures.filter(is_usual_suspect=False).exists()
    assert key_figures.filter(is_usual_suspect=True).exists()
    assert all(k.email.endswith("@example.org") for k in key_figures)
    functional = project.angles.filter(parent__isnull=True)
    assert functional.count() == 5
    assert project.angles.filter(parent__isnull=False).count() >= 5
    assert not key_figures.filter(angle__isnull=True).exists()

    interviews = Interview.objects.filter(project=project).prefetch_related("interviewers")
    assert interviews.count() == len(INTERVIEWS) == 20
    assert {u.username for i in interviews for u in i.interviewers.all()} == {
        "projectleider",
        "teamlid",
    }
    consents = {c: interviews.filter(quote_consent=c).count() for c in QuoteConsent.values}
    assert all(consents.values()), consents
    reports = {s: interviews.filter(report__status=s).count() for s in ReportStatus.values}
    assert reports["accepted"] >= 15 and reports["submitted"] == 0
    assert not interviews.filter(
        report__status=ReportStatus.ACCEPTED, report__processed_at__isnull=True
    ).exists()
    transcripts = interviews.filter(report__transcript__isnull=False)
    assert transcripts.count() == 3
    assert TranscriptPassage.objects.filter(
        transcript__report__interview__project=project, speaker="Samira Haddad"
    ).exists()

    main_themes = Theme.objects.filter(project=project, parent__isnull=True)
    assert list(main_themes.values_list("name", flat=True)) == [t[0] for t in THEMES]
    assert len(THEMES) == 6
    fragments = Fragment.objects.filter(project=project)
    assert fragments.count() >= 50
    assert set(fragments.values_list("dimension", flat=True)) == {"truth", "wisdom", "sincerity"}
    assert not fragments.filter(theme_links__isnull=True).exists()
    assert fragments.filter(passage__isnull=False).count() >= 9
    for theme in main_themes:
        assert FragmentTheme.objects.filter(theme__in=[theme, *theme.children.all()]).exists()

    # Step 4's derived checklist item ticks: every accepted report is processed.
    item = project.steps.get(number=4).checklist_items.get(derived_from="reports_processed")
    assert item.is_done


def test_every_quote_is_literally_in_its_report_or_transcript(demo):
    load(demo)
    fragments = Fragment.objects.filter(project=demo).select_related("report", "passage")
    for fragment in fragments:
        if fragment.passage is not None:
            assert fragment.text in fragment.passage.text
            assert fragment.passage.transcript.report_id == fragment.report_id
        else:
            assert fragment.text in getattr(fragment.report, fragment.source_field)


def test_loading_twice_adds_nothing(demo):
    assert load(demo) is True
    before = counts(demo)
    assert load(demo) is False
    assert counts(demo) == before


def test_the_demo_bloemlezing_is_compiled_rendered_and_published(demo, client):
    from processteps.consultation.demo import demo_load as demo_bloemlezing_load
    from tests.documents.conftest import assert_in_pdf, pdf_bytes_of, pdf_text, squash

    demo_bloemlezing_load(project=demo, leader=demo.leader)

    document = demo.documents.get(step__number=4)
    version = DocumentVersion.objects.get(document=document)
    assert version.render_status == RenderStatus.READY and version.pdf_pages >= 15
    audiences = set(
        Publication.objects.active().filter(document=document).values_list("audience", flat=True)
    )
    assert audiences == {Audience.CLIENT, Audience.PUBLIC}
    pdf = pdf_text(pdf_bytes_of(version))
    assert_in_pdf(
        [
            "Bloemlezing",
            "Inhoudsopgave",
            *[t[0] for t in THEMES],
            "Analyse kenmerken geraadpleegde personen",
            "Maak de taakstelling meerjarig",
            "Annelies Verhoeven (Gemeente Weststad)",
            "Een sleutelfiguur (gemeente)",
        ],
        pdf,
    )
    # Consent holds in the demo too: no quote without consent, no anonymous person's name.
    silent = Fragment.objects.filter(
        project=demo, report__interview__quote_consent=QuoteConsent.NONE
    )
    assert silent.exists()
    for fragment in silent:
        assert squash(fragment.text) not in squash(pdf)
        assert fragment.text not in version.html
    hidden = KeyFigure.objects.filter(
        project=demo, interviews__quote_consent__in=[QuoteConsent.ANONYMOUS, QuoteConsent.NONE]
    )
    for key_figure in hidden:
        assert key_figure.name not in version.html
        assert squash(key_figure.name) not in squash(pdf)
    for key_figure in KeyFigure.objects.filter(project=demo):
        assert key_figure.email not in version.html
        assert not key_figure.phone or key_figure.phone not in version.html

    public = client.get(reverse("documents:public_document", args=[demo.slug, 4]))
    assert public.status_code == 200
    assert "Maak de taakstelling meerjarig" in public.content.decode()

    # Idempotent: loading again makes no new version or publication.
    demo_bloemlezing_load(project=demo, leader=demo.leader)
    assert DocumentVersion.objects.filter(document=document).count() == 1
    assert Publication.objects.filter(document=document).count() == 2
