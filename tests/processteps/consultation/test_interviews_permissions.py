"""The permission matrix of the consultation views (interviews, reports, fragments, themes,
search) against every role, in the style of test_permissions.py.

Reading guide: ``LOGIN`` is a redirect to the login page; 404: the project is not shown to that
person; 403: their role may not do this; 200/302: success (a 302 never with an error message);
``REFUSED``: a redirect with an error message (the service said no, nothing changed).

A team member may edit only the reports of interviews they conduct: the ":other" rows use an
interview that only the leader conducts.
"""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from processteps.consultation.models import (
    Briefing,
    Fragment,
    FragmentTheme,
    Interview,
    InterviewReport,
    KeyFigure,
    ReportAttachment,
    ReportStatus,
    Theme,
    Transcript,
)
from processteps.consultation.services import interviews as interview_services
from processteps.consultation.services import reports as report_services
from processteps.models import Project
from tests.matrix import LOGIN, REFUSED, PermissionMatrix, Request, browser_for, world_once

from .test_interviews_support import (
    accepted_report_with_transcript,
    fragment,
    interview,
    key_figure,
    report,
    theme,
    vtt_upload,
)

pytestmark = pytest.mark.django_db

# THE MATRIX: (view[:variant], method) -> what each role gets, in the order of ROLES.
#                                             anonymous outsider client member leader admin
EXPECTED = {
    ("interviews", "GET"):                        (LOGIN, 404, 403, 200, 200, 200),
    ("interview_create", "GET"):                  (LOGIN, 404, 403, 403, 200, 200),
    ("interview_create", "POST"):                 (LOGIN, 404, 403, 403, 302, 302),
    ("interview_edit", "GET"):                    (LOGIN, 404, 403, 403, 200, 200),
    ("interview_edit", "POST"):                   (LOGIN, 404, 403, 403, 302, 302),
    # Starting (POST: creating) the report of an interview the member conducts / does not
    # conduct; a GET of one that has no report yet leads back to the interviews.
    ("interview_report", "GET"):                  (LOGIN, 404, 403, 302, 302, 302),
    ("interview_report", "POST"):                 (LOGIN, 404, 403, 302, 302, 302),
    ("interview_report:other", "GET"):            (LOGIN, 404, 403, 403, 302, 302),
    ("interview_report:other", "POST"):           (LOGIN, 404, 403, 403, 302, 302),
    # The site admin holds every permission, but is no team member: no interviewer.
    ("interview_claim", "POST"):                  (LOGIN, 404, 403, 302, 302, REFUSED),
    ("invitation", "GET"):                        (LOGIN, 404, 403, 403, 200, 200),
    ("invitation", "POST"):                       (LOGIN, 404, 403, 403, 302, 302),
    ("invitation_send", "POST"):                  (LOGIN, 404, 403, 403, 302, 302),
    ("sent_mails", "GET"):                        (LOGIN, 404, 403, 403, 200, 200),
    ("briefing", "GET"):                          (LOGIN, 404, 403, 200, 200, 200),
    ("briefing", "POST"):                         (LOGIN, 404, 403, 403, 302, 302),
    ("briefing_acknowledge", "POST"):             (LOGIN, 404, 403, 302, 302, 302),
    # The member's own report (a draft) and one of an interview only the leader conducts.
    ("report", "GET"):                            (LOGIN, 404, 403, 200, 200, 200),
    ("report", "POST"):                           (LOGIN, 404, 403, 302, 302, 302),
    ("report:other", "GET"):                      (LOGIN, 404, 403, 200, 200, 200),
    ("report:other", "POST"):                     (LOGIN, 404, 403, 403, 302, 302),
    ("report_passages", "GET"):                   (LOGIN, 404, 403, 200, 200, 200),
    ("report_accept", "POST"):                    (LOGIN, 404, 403, 403, 302, 302),
    ("report_return", "POST"):                    (LOGIN, 404, 403, 403, 302, 302),
    ("report_processed", "POST"):                 (LOGIN, 404, 403, 403, 302, 302),
    ("report_attachment_add", "POST"):            (LOGIN, 404, 403, 302, 302, 302),
    ("report_attachment_add:other", "POST"):      (LOGIN, 404, 403, 403, 302, 302),
    ("report_attachment_download", "GET"):        (LOGIN, 404, 403, 200, 200, 200),
    ("report_transcript", "POST"):                (LOGIN, 404, 403, 302, 302, 302),
    ("report_transcript:other", "POST"):          (LOGIN, 404, 403, 403, 302, 302),
    ("fragment_create", "GET"):                   (LOGIN, 404, 403, 200, 200, 200),
    ("fragment_create", "POST"):                  (LOGIN, 404, 403, 302, 302, 302),
    ("fragments", "GET"):                         (LOGIN, 404, 403, 200, 200, 200),
    ("fragment_edit", "GET"):                     (LOGIN, 404, 403, 200, 200, 200),
    ("fragment_edit", "POST"):                    (LOGIN, 404, 403, 302, 302, 302),
    ("fragment_delete", "POST"):                  (LOGIN, 404, 403, 302, 302, 302),
    ("fragment_move", "POST"):                    (LOGIN, 404, 403, 302, 302, 302),
    ("themes", "GET"):                            (LOGIN, 404, 403, 403, 200, 200),
    ("themes", "POST"):                           (LOGIN, 404, 403, 403, 302, 302),
    ("theme_remove", "POST"):                     (LOGIN, 404, 403, 403, 302, 302),
    ("search", "GET"):                            (LOGIN, 404, 403, 200, 200, 200),
}  # fmt: skip


@dataclass
class World:
    project: Project
    figure: KeyFigure  # approved, interviewed by the member (own_interview)
    free_figure: KeyFigure  # approved, nobody interviews them yet
    own_interview: Interview  # the member interviews; draft report
    own_report: InterviewReport
    fresh_interview: Interview  # the member interviews; no report yet
    leaders_interview: Interview  # only the leader interviews; no report yet
    leaders_draft: InterviewReport  # only the leader interviews; a draft
    other_report: InterviewReport  # only the leader interviews; submitted
    accepted: InterviewReport  # accepted, with a transcript
    attachment: ReportAttachment
    theme: Theme
    fragment: Fragment


def build_world(project) -> World:
    leader, member = project.leader, project.member
    figure = key_figure(project)
    own = interview(project, figure, interviewers=[member])
    own_report = report(own)
    fresh = interview(project, key_figure(project, name="Bert Bakker"), interviewers=[member])
    leaders = interview(project, key_figure(project, name="Carla Claes"), interviewers=[leader])
    leaders_draft = report(
        interview(project, key_figure(project, name="Chris Cools"), interviewers=[leader])
    )
    other = report(
        interview(project, key_figure(project, name="Dirk Dekker"), interviewers=[leader]),
        status=ReportStatus.SUBMITTED,
    )
    accepted = accepted_report_with_transcript(project, key_figure(project, name="Eva Eerdmans"))
    attachment = report_services.attachment_add(
        actor=member,
        report=own_report,
        title="Notitie",
        file=SimpleUploadedFile("notitie.txt", b"Een notitie.\n"),
    )
    the_theme = theme(project, "Wonen")
    second = fragment(accepted, "De buurtkamer is de plek.", the_theme)
    fragment(accepted, "Te weinig betaalbare woningen.", the_theme)
    interview_services.briefing_publish(actor=leader, project=project, text="<p>Luister goed.</p>")
    return World(
        project=project,
        figure=figure,
        free_figure=key_figure(project, name="Femke Fris"),
        own_interview=own,
        own_report=own_report,
        fresh_interview=fresh,
        leaders_interview=leaders,
        leaders_draft=leaders_draft,
        other_report=other,
        accepted=accepted,
        attachment=attachment,
        theme=the_theme,
        fragment=second,
    )


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's world once more, built once for the tests after the matrix class (each runs
    in a savepoint of its own)."""
    yield from world_once(build_world, django_db_blocker, str(tmp_path_factory.mktemp("media")))


@pytest.fixture
def world(module_world, settings) -> World:
    settings.MEDIA_ROOT = module_world.media_root
    return module_world


@pytest.fixture
def client_as(world):
    """``client_as("member")``: a test client logged in as that person of the world."""
    return lambda who: browser_for(world.people.users[who])


HTMX = {"HX-Request": "true"}


def report_kwargs(attr):
    return lambda w: {"project": w.project.pk, "report": getattr(w, attr).pk}


def interview_kwargs(attr):
    return lambda w: {"project": w.project.pk, "interview": getattr(w, attr).pk}


def plan(w):
    return {
        "key_figure": w.free_figure.pk,
        "interviewers": [w.project.member.pk],
        "scheduled_at": "2024-04-01T10:00",
        "form": "in_person",
        "quote_consent": "anonymous",
        "report_due": "2024-04-15",
    }


def report_text(attr):
    return lambda w: {
        "version": getattr(w, attr).version,
        "problem": "Te weinig groen.",
        "causes": "",
        "solutions": "",
        "values": "",
        "free_text": "",
        "action": "save",
    }


def transcript_payload(w):
    return {"file": vtt_upload()}


def fragment_kwargs(w):
    return {"project": w.project.pk, "fragment": w.fragment.pk}


REQUESTS = {
    "interviews": Request(),
    "interview_create": Request(data=plan),
    "interview_edit": Request(
        interview_kwargs("own_interview"),
        lambda w: {k: v for k, v in plan(w).items() if k != "key_figure"},
    ),
    "interview_report": Request(interview_kwargs("fresh_interview")),
    "interview_report:other": Request(interview_kwargs("leaders_interview")),
    "interview_claim": Request(lambda w: {"project": w.project.pk, "key_figure": w.free_figure.pk}),
    "invitation": Request(
        data=lambda w: {"subject": "Uitnodiging {{ project }}", "body": "Beste {{ naam }},"}
    ),
    "invitation_send": Request(data=lambda w: {"key_figures": [w.figure.pk]}),
    "sent_mails": Request(),
    "briefing": Request(data=lambda w: {"text": "Stel open vragen."}),
    "briefing_acknowledge": Request(),
    "report": Request(report_kwargs("own_report"), report_text("own_report")),
    "report:other": Request(report_kwargs("leaders_draft"), report_text("leaders_draft")),
    "report_passages": Request(report_kwargs("accepted"), headers=HTMX),
    "report_accept": Request(report_kwargs("other_report")),
    "report_return": Request(report_kwargs("other_report"), lambda w: {"comments": "Aanvullen"}),
    "report_processed": Request(report_kwargs("accepted"), lambda w: {"processed": "1"}),
    "report_attachment_add": Request(
        report_kwargs("own_report"),
        lambda w: {"title": "Folder", "file": SimpleUploadedFile("folder.txt", b"Folder.\n")},
    ),
    "report_attachment_add:other": Request(
        report_kwargs("leaders_draft"),
        lambda w: {"title": "Folder", "file": SimpleUploadedFile("folder.txt", b"Folder.\n")},
    ),
    "report_attachment_download": Request(
        lambda w: {"project": w.project.pk, "report": w.own_report.pk,
                   "attachment": w.attachment.pk},
    ),
    "report_transcript": Request(report_kwargs("own_report"), transcript_payload),
    "report_transcript:other": Request(report_kwargs("leaders_draft"), transcript_payload),
    "fragment_create": Request(
        report_kwargs("accepted"),
        lambda w: {"text": "Betaalbare woningen", "themes": [w.theme.pk], "dimension": "truth"},
    ),
    "fragments": Request(),
    "fragment_edit": Request(
        fragment_kwargs,
        lambda w: {"text": "De buurtkamer.", "themes": [w.theme.pk], "dimension": "wisdom"},
    ),
    "fragment_delete": Request(fragment_kwargs),
    "fragment_move": Request(
        lambda w: {"project": w.project.pk, "fragment": w.fragment.pk, "theme": w.theme.pk},
        lambda w: {"direction": "down"},
    ),
    "themes": Request(data=lambda w: {"name": "Zorg", "parent": "", "description": ""}),
    "theme_remove": Request(lambda w: {"project": w.project.pk, "theme": w.theme.pk}),
    "search": Request(query={"q": "woningen"}),
}  # fmt: skip


class TestConsultationMatrix(PermissionMatrix):
    namespace = "consultation"
    covers = staticmethod(lambda name: not name.startswith(("keyfigure_", "angle_")))
    expected = EXPECTED
    requests = REQUESTS

    @classmethod
    def build(cls, people):
        return build_world(people.project)


# --- refused actions change nothing ---------------------------------------------------------


def test_a_member_cannot_change_the_report_of_an_interview_they_do_not_conduct(world, client_as):
    other = world.other_report
    browser = client_as("member")
    url = reverse("consultation:report", kwargs={"project": world.project.pk, "report": other.pk})
    page = browser.get(url)
    assert page.status_code == 200
    assert 'id="report-form"' not in page.content.decode(), "read-only for a non-interviewer"
    draft = world.leaders_draft
    version = draft.version
    url = reverse("consultation:report", kwargs={"project": world.project.pk, "report": draft.pk})
    data = {"version": draft.version, "problem": "Overschreven", "action": "save"}
    assert browser.post(url, data).status_code == 403
    transcript_url = reverse("consultation:report_transcript", args=[world.project.pk, draft.pk])
    assert browser.post(transcript_url, {"file": vtt_upload()}).status_code == 403
    draft.refresh_from_db()
    assert (draft.problem, draft.version) != ("Overschreven", version + 1)
    assert draft.version == version
    assert not Transcript.objects.filter(report=draft).exists()


def test_the_client_sees_no_report_transcript_fragment_or_search(world, client_as):
    browser = client_as("client")
    project = world.project.pk
    for url in (
        reverse("consultation:report", kwargs={"project": project, "report": world.accepted.pk}),
        reverse(
            "consultation:report_passages", kwargs={"project": project, "report": world.accepted.pk}
        ),
        reverse("consultation:fragments", kwargs={"project": project}),
        reverse("consultation:search", kwargs={"project": project}) + "?q=woningen",
        reverse(
            "consultation:report_attachment_download",
            kwargs={"project": project, "report": world.own_report.pk,
                    "attachment": world.attachment.pk},
        ),
    ):  # fmt: skip
        response = browser.get(url)
        assert response.status_code == 403, url
        assert b"buurtkamer" not in response.content


def test_refused_posts_change_nothing(world, client_as):
    before = {
        "fragments": Fragment.objects.count(),
        "links": list(FragmentTheme.objects.values_list("pk", "position")),
        "themes": Theme.objects.count(),
        "status": InterviewReport.objects.get(pk=world.other_report.pk).status,
        "briefing": Briefing.objects.get(project=world.project).revision,
    }
    project = world.project.pk
    for role in ("anonymous", "outsider", "client", "member"):
        browser = client_as(role)
        browser.post(reverse("consultation:report_accept", args=[project, world.other_report.pk]))
        browser.post(reverse("consultation:themes", args=[project]), {"name": "Gekaapt"})
        browser.post(reverse("consultation:theme_remove", args=[project, world.theme.pk]))
        browser.post(reverse("consultation:briefing", args=[project]), {"text": "Anders"})
    for role in ("anonymous", "outsider", "client"):
        browser = client_as(role)
        browser.post(reverse("consultation:fragment_delete", args=[project, world.fragment.pk]))
        browser.post(
            reverse(
                "consultation:fragment_move", args=[project, world.fragment.pk, world.theme.pk]
            ),
            {"direction": "up"},
        )
    after = {
        "fragments": Fragment.objects.count(),
        "links": list(FragmentTheme.objects.values_list("pk", "position")),
        "themes": Theme.objects.count(),
        "status": InterviewReport.objects.get(pk=world.other_report.pk).status,
        "briefing": Briefing.objects.get(project=world.project).revision,
    }
    assert after == before


@pytest.mark.parametrize(
    "view",
    ["report_accept", "report_return", "report_processed", "fragment_delete", "theme_remove",
     "invitation_send", "briefing_acknowledge", "interview_claim"],
)  # fmt: skip
def test_changes_are_never_made_by_a_get(view, world, client_as):
    request = REQUESTS[view]
    response = client_as("leader").get(
        reverse(f"consultation:{view}", kwargs=request.kwargs(world))
    )
    assert response.status_code == 405


# --- ids from another project -----------------------------------------------------------------


@pytest.fixture
def elsewhere(world):
    """A second project led by the same leader, with a report, fragment and theme of its own."""
    from tests.factories import MembershipFactory, ProjectFactory

    other = ProjectFactory(leader=world.project.leader, name="Andere wijk")
    other.leader = world.project.leader
    other.member = MembershipFactory(project=other, user=world.project.member).user
    accepted = accepted_report_with_transcript(other, key_figure(other, name="Gert Gans"))
    the_theme = theme(other, "Elders")
    return {
        "report": accepted,
        "interview": accepted.interview,
        "key_figure": accepted.interview.key_figure,
        "theme": the_theme,
        "fragment": fragment(accepted, "Elders gezegd.", the_theme),
        "attachment": report_services.attachment_add(
            actor=other.member, report=accepted, title="X",
            file=SimpleUploadedFile("x.txt", b"x\n"),
        ),
    }  # fmt: skip


CROSS_PROJECT = [
    ("interview_edit", "GET", {"interview": "interview"}),
    ("interview_report", "GET", {"interview": "interview"}),
    ("interview_claim", "POST", {"key_figure": "key_figure"}),
    ("report", "GET", {"report": "report"}),
    ("report_accept", "POST", {"report": "report"}),
    ("report_processed", "POST", {"report": "report"}),
    ("report_transcript", "POST", {"report": "report"}),
    ("report_attachment_download", "GET", {"report": "report", "attachment": "attachment"}),
    ("fragment_create", "GET", {"report": "report"}),
    ("fragment_edit", "POST", {"fragment": "fragment"}),
    ("fragment_delete", "POST", {"fragment": "fragment"}),
    ("fragment_move", "POST", {"fragment": "fragment", "theme": "theme"}),
    ("theme_remove", "POST", {"theme": "theme"}),
]


@pytest.mark.parametrize("view, method, kinds", CROSS_PROJECT)
def test_an_id_from_another_project_is_not_found(view, method, kinds, world, elsewhere, client_as):
    kwargs = {"project": world.project.pk}
    kwargs.update({arg: elsewhere[kind].pk for arg, kind in kinds.items()})
    counts = (Fragment.objects.count(), Theme.objects.count(), FragmentTheme.objects.count())
    browser = client_as("leader")
    url = reverse(f"consultation:{view}", kwargs=kwargs)
    response = browser.get(url) if method == "GET" else browser.post(url, {"direction": "up"})
    assert response.status_code == 404
    assert (Fragment.objects.count(), Theme.objects.count(), FragmentTheme.objects.count()) == (
        counts
    )


def test_a_fragment_from_another_reports_passage_is_not_accepted(world, elsewhere, client_as):
    passage = elsewhere["report"].transcript.passages.first()
    url = reverse("consultation:fragment_create", args=[world.project.pk, world.accepted.pk])
    response = client_as("leader").post(
        url, {"passage": passage.pk, "text": "Gestolen", "themes": [world.theme.pk]}
    )
    assert response.status_code == 404
    assert not Fragment.objects.filter(text="Gestolen").exists()
