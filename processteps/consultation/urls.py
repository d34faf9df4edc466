"""URLs of the consultation round (steps 2-4): the key-figure register, interviews, reports,
fragments, themes and search, in the "consultation" namespace."""

from django.urls import path

from .views import fragments, interviews, keyfigures, reports

app_name = "consultation"

P = "projects/<int:project>/"
K = P + "keyfigures/"
ONE = K + "<int:key_figure>/"
I = P + "interviews/"  # noqa: E741
R = P + "reports/<int:report>/"
F = P + "fragments/"

urlpatterns = [
    # The key-figure register and its angles (step 2).
    path(K, keyfigures.keyfigure_list, name="keyfigure_list"),
    path(K + "new/", keyfigures.keyfigure_add, name="keyfigure_add"),
    path(K + "coverage/", keyfigures.keyfigure_coverage, name="keyfigure_coverage"),
    path(K + "import/", keyfigures.keyfigure_import, name="keyfigure_import"),
    path(K + "import/template.csv", keyfigures.keyfigure_template, name="keyfigure_template"),
    path(
        K + "export.csv", keyfigures.keyfigure_export, {"fmt": "csv"}, name="keyfigure_export_csv"
    ),
    path(
        K + "export.xlsx",
        keyfigures.keyfigure_export,
        {"fmt": "xlsx"},
        name="keyfigure_export_xlsx",
    ),
    path(ONE, keyfigures.keyfigure_detail, name="keyfigure_detail"),
    path(ONE + "edit/", keyfigures.keyfigure_edit, name="keyfigure_edit"),
    path(ONE + "approve/", keyfigures.keyfigure_approve, name="keyfigure_approve"),
    path(ONE + "status/", keyfigures.keyfigure_status, name="keyfigure_status"),
    path(ONE + "erase/", keyfigures.keyfigure_erase, name="keyfigure_erase"),
    path(P + "angles/", keyfigures.angle_list, name="angle_list"),
    path(P + "angles/add/", keyfigures.angle_add, name="angle_add"),
    path(P + "angles/<int:angle>/remove/", keyfigures.angle_remove, name="angle_remove"),
    # Interviews: overview, planning, claiming, invitations, briefing.
    path(I, interviews.interviews, name="interviews"),
    path(I + "new/", interviews.interview_create, name="interview_create"),
    path(I + "<int:interview>/edit/", interviews.interview_edit, name="interview_edit"),
    path(I + "<int:interview>/report/", interviews.interview_report, name="interview_report"),
    path(I + "claim/<int:key_figure>/", interviews.interview_claim, name="interview_claim"),
    path(I + "invitation/", interviews.invitation, name="invitation"),
    path(I + "invitation/send/", interviews.invitation_send, name="invitation_send"),
    path(I + "mails/", interviews.sent_mails, name="sent_mails"),
    path(I + "briefing/", interviews.briefing, name="briefing"),
    path(
        I + "briefing/acknowledge/",
        interviews.briefing_acknowledge,
        name="briefing_acknowledge",
    ),
    # Reports: the form, review, attachments, transcript.
    path(R, reports.report, name="report"),
    path(R + "passages/", reports.report_passages, name="report_passages"),
    path(R + "accept/", reports.report_accept, name="report_accept"),
    path(R + "return/", reports.report_return, name="report_return"),
    path(R + "processed/", reports.report_processed, name="report_processed"),
    path(R + "attachments/", reports.report_attachment_add, name="report_attachment_add"),
    path(
        R + "attachments/<int:attachment>/",
        reports.report_attachment_download,
        name="report_attachment_download",
    ),
    path(R + "transcript/", reports.report_transcript, name="report_transcript"),
    path(R + "fragments/new/", fragments.fragment_create, name="fragment_create"),
    # Fragments and themes.
    path(F, fragments.fragments, name="fragments"),
    path(F + "<int:fragment>/edit/", fragments.fragment_edit, name="fragment_edit"),
    path(F + "<int:fragment>/delete/", fragments.fragment_delete, name="fragment_delete"),
    path(
        F + "<int:fragment>/themes/<int:theme>/move/",
        fragments.fragment_move,
        name="fragment_move",
    ),
    path(P + "themes/", fragments.themes, name="themes"),
    path(P + "themes/<int:theme>/remove/", fragments.theme_remove, name="theme_remove"),
    # Full-text search over reports, transcripts and fragments.
    path(P + "search/", fragments.search, name="search"),
]
