"""Interview reports in the browser: the structured form, concurrent edits (refused, nothing
lost), submit / accept / return, "processed" and the derived checklist item, attachments and
transcripts."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from processteps.consultation.models import (
    InterviewReport,
    ReportAttachment,
    ReportStatus,
    Transcript,
    TranscriptPassage,
)
from processteps.consultation.services import reports as report_services
from processteps.models import AuditEntry
from tests.processteps.helpers import error_messages_of, messages_of

from .test_interviews_support import (
    VTT,
    accepted_report_with_transcript,
    interview,
    key_figure,
    report,
    vtt_upload,
)

pytestmark = pytest.mark.django_db

STALE = (
    "Iemand anders heeft dit verslag intussen opgeslagen. Jouw tekst is niet opgeslagen en staat "
    "hieronder nog in het formulier"
)


PASSAGE = re.compile(r'id="passage-\d+"')


def url(name, report_obj, *args):
    project = report_obj.interview.project_id
    return reverse(f"consultation:{name}", args=[project, report_obj.pk, *args])


def payload(version, **text):
    data = dict.fromkeys(InterviewReport.CONTENT_FIELDS, "")
    data.update(text, version=version, action="save")
    return data


@pytest.fixture
def draft(project):
    """A draft report of an interview that the member and the leader both conduct."""
    return report(interview(project, interviewers=[project.member, project.leader]))


# --- the form and concurrent edits --------------------------------------------------------------


def test_the_interviewer_saves_the_structured_report(draft, client_as):
    browser = client_as("member")
    page = browser.get(url("report", draft)).content.decode()
    assert 'name="version" value="1"' in page
    for field in InterviewReport.CONTENT_FIELDS:
        assert f'name="{field}"' in page

    response = browser.post(
        url("report", draft),
        payload(1, problem="Eenzaamheid", causes="Geen ontmoetingsplek", solutions="Buurtkamer",
                values="Naar elkaar omzien", free_text="Warm gesprek"),
    )  # fmt: skip

    assert response.status_code == 302
    assert messages_of(response) == ["Het verslag is opgeslagen."]
    draft.refresh_from_db()
    assert (draft.problem, draft.values, draft.version, draft.author.username) == (
        "Eenzaamheid", "Naar elkaar omzien", 2, "teamlid",
    )  # fmt: skip


def test_a_concurrent_edit_is_refused_and_nothing_is_lost(draft, client_as, project):
    first, second = client_as("member"), client_as("leader")
    # Both open version N.
    for browser in (first, second):
        assert 'name="version" value="1"' in browser.get(url("report", draft)).content.decode()

    saved = first.post(url("report", draft), payload(1, problem="Tekst van Tim"))
    audit = AuditEntry.objects.filter(action="report.saved").count()
    assert saved.status_code == 302

    refused = second.post(
        url("report", draft), payload(1, problem="Tekst van Lotte", causes="Lottes oorzaken")
    )

    assert refused.status_code == 409
    page = refused.content.decode()
    assert STALE in page
    # The second person's text is still in the form ...
    assert "Tekst van Lotte</textarea>" in page
    assert "Lottes oorzaken</textarea>" in page
    # ... and the first person's saved text is shown next to it.
    saved_problem = page[page.index('id="saved-problem"') :]
    assert saved_problem[: saved_problem.index("</div>")].endswith("Tekst van Tim")
    assert "Opgeslagen door Tim Teamlid" in page
    # The first person's text is intact.
    draft.refresh_from_db()
    assert (draft.problem, draft.causes, draft.version) == ("Tekst van Tim", "", 2)
    assert AuditEntry.objects.filter(action="report.saved").count() == audit


def test_saving_again_after_reloading_works(draft, client_as):
    client_as("member").post(url("report", draft), payload(1, problem="Eerst"))
    browser = client_as("leader")
    page = browser.get(url("report", draft)).content.decode()
    assert 'name="version" value="2"' in page
    assert browser.post(url("report", draft), payload(2, problem="Daarna")).status_code == 302
    draft.refresh_from_db()
    assert draft.problem == "Daarna"


def test_text_is_kept_exactly_as_typed(draft, client_as):
    text = "  Eerste regel\n\n  <b>geen opmaak</b> & zo  "
    client_as("member").post(url("report", draft), payload(1, free_text=text))
    draft.refresh_from_db()
    assert draft.free_text == text
    page = client_as("member").get(url("report", draft)).content.decode()
    assert "&lt;b&gt;geen opmaak&lt;/b&gt; &amp; zo" in page


# --- submit, accept, return, processed --------------------------------------------------------


def test_submit_accept_and_the_derived_checklist_item(draft, client_as, project):
    step_4 = project.steps.get(number=4)
    item = step_4.checklist_items.get(derived_from="reports_processed")
    assert item.text.lower() == "alle input consultatieronde verwerkt"
    member, leader = client_as("member"), client_as("leader")

    response = member.post(
        url("report", draft), {**payload(1, problem="Wonen"), "action": "submit"}
    )
    assert messages_of(response) == ["Het verslag is ingediend bij de projectleider."]
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED and draft.submitted_at
    page = member.get(url("report", draft)).content.decode()
    assert 'id="report-form"' not in page, "a submitted report is read-only"

    key_figure_of_report = draft.interview.key_figure
    key_figure_of_report.status = "agreed"
    key_figure_of_report.save()
    assert leader.post(url("report_accept", draft)).status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.accepted_by) == (ReportStatus.ACCEPTED, project.leader)
    # Accepting the report moves its key figure on to "interviewed", in the audit trail too.
    key_figure_of_report.refresh_from_db()
    assert key_figure_of_report.status == "interviewed"
    entry = project.audit_entries.filter(action="keyfigure.status").latest("id")
    assert (entry.actor, entry.data) == (project.leader, {"status": "interviewed"})
    item.refresh_from_db()
    assert not item.is_done, "accepted but not processed"

    response = leader.post(url("report_processed", draft), {"processed": "1"})
    assert messages_of(response)[-1] == "Het verslag is gemarkeerd als verwerkt."
    item.refresh_from_db()
    assert item.is_done

    # A second accepted report that is not processed un-ticks it again.
    other = report(interview(project, key_figure(project, name="Bert")), status="accepted")
    report_services.consultation_checklist_sync(project)
    item.refresh_from_db()
    assert not item.is_done
    leader.post(url("report_processed", other), {"processed": "1"})
    item.refresh_from_db()
    assert item.is_done
    leader.post(url("report_processed", other), {"processed": "0"})
    item.refresh_from_db()
    assert not item.is_done
    page = client_as("leader").get(reverse("processteps:step", args=[project.pk, 4]))
    assert page.status_code == 200


def test_the_leader_returns_a_report_with_comments(draft, client_as, project):
    report_services.report_submit(actor=project.member, report=draft)
    leader = client_as("leader")

    empty = leader.post(url("report_return", draft), {"comments": "  "})
    assert empty.status_code == 400
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED

    response = leader.post(url("report_return", draft), {"comments": "Vul de oorzaken aan."})
    assert messages_of(response) == ["Het verslag is teruggestuurd naar de interviewer."]
    draft.refresh_from_db()
    assert (draft.status, draft.return_comments) == (ReportStatus.RETURNED, "Vul de oorzaken aan.")
    page = client_as("member").get(url("report", draft)).content.decode()
    assert "Vul de oorzaken aan." in page and 'id="report-form"' in page, "editable again"
    response = client_as("member").post(
        url("report", draft), {**payload(draft.version, causes="Aangevuld"), "action": "submit"}
    )
    draft.refresh_from_db()
    assert (draft.status, draft.causes) == (ReportStatus.SUBMITTED, "Aangevuld")


def test_an_empty_report_cannot_be_submitted(project, client_as):
    empty = report_services.report_for(interview(project))
    response = client_as("member").post(url("report", empty), {**payload(0), "action": "submit"})
    assert error_messages_of(response) == ["Een leeg verslag kan niet worden ingediend."]
    empty.refresh_from_db()
    assert empty.status == ReportStatus.DRAFT


def test_a_draft_cannot_be_accepted_or_processed(draft, client_as):
    leader = client_as("leader")
    assert error_messages_of(leader.post(url("report_accept", draft)))
    assert error_messages_of(leader.post(url("report_processed", draft), {"processed": "1"}))
    draft.refresh_from_db()
    assert (draft.status, draft.processed_at) == (ReportStatus.DRAFT, None)


def test_saving_a_submitted_report_is_refused(draft, client_as, project):
    report_services.report_submit(actor=project.member, report=draft)
    draft.refresh_from_db()
    response = client_as("member").post(url("report", draft), payload(draft.version, problem="X"))
    assert error_messages_of(response) == [
        "Een ingediend of geaccepteerd verslag kan niet worden gewijzigd."
    ]
    draft.refresh_from_db()
    assert draft.problem != "X"


# --- transcripts ------------------------------------------------------------------------------


def test_a_vtt_transcript_is_parsed_into_passages(draft, client_as):
    browser = client_as("member")
    response = browser.post(url("report_transcript", draft), {"file": vtt_upload()})

    assert response.status_code == 302
    assert messages_of(response) == ["Het transcript is ingelezen: 3 passages."]
    transcript = Transcript.objects.get(report=draft)
    assert (transcript.format, transcript.filename) == ("vtt", "gesprek.vtt")
    passages = list(transcript.passages.order_by("index"))
    assert [(p.start, p.speaker) for p in passages] == [
        (1.0, "Tim Teamlid"), (7.0, "Anna de Vries"), (83.0, "Anna de Vries"),
    ]  # fmt: skip
    page = browser.get(url("report", draft)).content.decode()
    assert "00:01:23" in page and "<strong>Anna de Vries:</strong>" in page
    assert "De buurtkamer is de plek" in page


def test_a_bad_transcript_is_refused_in_dutch_and_changes_nothing(draft, client_as):
    browser = client_as("member")
    bad = SimpleUploadedFile("gesprek.vtt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00")
    response = browser.post(url("report_transcript", draft), {"file": bad})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="transcript-error"' in page
    assert "Dit is geen transcript" in page or "geen geldig WebVTT-bestand" in page
    assert not Transcript.objects.exists()
    assert not TranscriptPassage.objects.exists()


def test_a_broken_transcript_keeps_the_previous_one(draft, client_as):
    browser = client_as("member")
    browser.post(url("report_transcript", draft), {"file": vtt_upload()})
    broken = VTT.replace("00:01:23.000", "00:01:xx.000")
    response = browser.post(url("report_transcript", draft), {"file": vtt_upload(text=broken)})
    assert response.status_code == 400
    assert "ongeldige tijdcode" in response.content.decode()
    assert TranscriptPassage.objects.filter(transcript__report=draft).count() == 3


def test_a_transcript_of_another_type_is_refused(draft, client_as):
    upload = SimpleUploadedFile("gesprek.pdf", b"%PDF-1.4 ...")
    response = client_as("member").post(url("report_transcript", draft), {"file": upload})
    assert response.status_code == 400
    assert "Een transcript is een .vtt-, .srt- of .txt-bestand, geen &#x27;.pdf&#x27;." in (
        response.content.decode()
    )
    assert not Transcript.objects.exists()


def test_srt_and_text_transcripts_are_read(draft, client_as):
    srt = "1\n00:00:01,000 --> 00:00:04,000\nAnna: Wonen is duur.\n\n2\n00:00:05,000 --> " \
          "00:00:09,000\nAnna: Er moet meer gebouwd worden.\n"  # fmt: skip
    browser = client_as("member")
    response = browser.post(
        url("report_transcript", draft), {"file": SimpleUploadedFile("gesprek.srt", srt.encode())}
    )
    assert response.status_code == 302
    assert Transcript.objects.get(report=draft).format == "srt"
    response = browser.post(
        url("report_transcript", draft),
        {"file": SimpleUploadedFile("notities.txt", b"Anna zegt dat wonen duur is.\n")},
    )
    assert response.status_code == 302
    assert Transcript.objects.get(report=draft).format == "text"


def test_passages_are_filtered_by_the_search_box(project, client_as):
    accepted = accepted_report_with_transcript(project)
    browser = client_as("member")
    page = browser.get(url("report", accepted), {"q": "buurtkamer"}).content.decode()
    assert len(PASSAGE.findall(page)) == 1 and "De buurtkamer" in page
    assert "1 passage met 'buurtkamer'" in page
    hostile = browser.get(url("report", accepted), {"q": "<script>x</script>"}).content.decode()
    assert "<script>x" not in hostile and "&lt;script&gt;x" in hostile

    partial = browser.get(
        url("report_passages", accepted), {"q": "anna"}, headers={"HX-Request": "true"}
    )
    assert partial.status_code == 200
    html = partial.content.decode()
    assert html.lstrip().startswith('<div id="passage-list">') and "<html" not in html
    assert len(PASSAGE.findall(html)) == 2, "the speaker is searched too"
    plain = browser.get(url("report_passages", accepted), {"q": "anna"})
    assert plain.status_code == 302 and "q=anna" in plain["Location"]


# --- attachments ------------------------------------------------------------------------------


def test_attachments_are_uploaded_and_downloaded_through_a_permission_check(draft, client_as):
    browser = client_as("member")
    upload = SimpleUploadedFile("Folder buurthuis.pdf", b"%PDF-1.4 folder")
    response = browser.post(url("report_attachment_add", draft), {"title": "", "file": upload})
    assert response.status_code == 302
    attachment = ReportAttachment.objects.get(report=draft)
    assert attachment.title == "Folder_buurthuis.pdf"
    page = browser.get(url("report", draft)).content.decode()
    download = url("report_attachment_download", draft, attachment.pk)
    assert download in page
    assert "/media/" not in page, "never a public media URL"

    response = browser.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 folder"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_an_attachment_with_a_false_extension_is_refused(draft, client_as):
    upload = SimpleUploadedFile("folder.pdf", b"MZ\x90\x00 not a pdf")
    response = client_as("member").post(url("report_attachment_add", draft), {"file": upload})
    assert response.status_code == 400
    assert "De inhoud van het bestand past niet bij de extensie" in response.content.decode()
    assert not ReportAttachment.objects.exists()
