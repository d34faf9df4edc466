"""URLs of the meetings (steps 6-8), in the "meetings" namespace."""

from django.urls import path

from .views import dialogues, meetings, participants, results, vision

app_name = "meetings"

P = "projects/<int:project>/meetings/"
M = P + "<int:meeting>/"
A = M + "participants/<int:attendance>/"
C = M + "cafe/"
H = P + "harvest/<int:item>/"
V = P + "vision/"
IMG = V + "images/<int:image>/"

urlpatterns = [
    # Meetings, their agenda and calendar.
    path(P, meetings.meetings, name="meetings"),
    path(P + "new/<slug:kind>/", meetings.meeting_create, name="meeting_create"),
    path(M, meetings.meeting_detail, name="meeting_detail"),
    path(M + "edit/", meetings.meeting_edit, name="meeting_edit"),
    path(M + "cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path(M + "held/", meetings.meeting_held, name="meeting_held"),
    path(M + "split/", meetings.meeting_split, name="meeting_split"),
    path(M + "calendar.ics", meetings.meeting_ics, name="meeting_ics"),
    path(M + "briefing/", meetings.briefing, name="briefing"),
    path(M + "agenda/", meetings.agenda_add, name="agenda_add"),
    path(M + "agenda/<int:item>/", meetings.agenda_edit, name="agenda_edit"),
    path(M + "agenda/<int:item>/delete/", meetings.agenda_delete, name="agenda_delete"),
    path(P + "calendar/", meetings.calendar, name="calendar"),
    path(P + "calendar/rotate/", meetings.feed_rotate, name="feed_rotate"),
    path("agenda/<str:token>.ics", meetings.calendar_feed, name="calendar_feed"),
    # Participants, attendance and invitations.
    path(P + "participants/", participants.participants, name="participants"),
    path(P + "participants/new/", participants.participant_add, name="participant_add"),
    path(P + "participants/import/", participants.participant_import, name="participant_import"),
    path(
        P + "participants/import/template.csv",
        participants.participant_template,
        name="participant_template",
    ),
    path(
        P + "participants/<int:participant>/",
        participants.participant_edit,
        name="participant_edit",
    ),
    path(M + "participants/", participants.attendance_add, name="attendance_add"),
    path(A + "register/", participants.attendance_register, name="attendance_register"),
    path(A + "decline/", participants.attendance_decline, name="attendance_decline"),
    path(A + "presence/", participants.attendance_presence, name="attendance_presence"),
    path(M + "invitations/", participants.invitations_send, name="invitations_send"),
    path(P + "invitation/", participants.invitation, name="invitation"),
    path(P + "invitation/mails/", participants.mails, name="mails"),
    # Minutes, fundamental questions, intervention points (step 6).
    path(M + "minutes/", results.minutes, name="minutes"),
    path(M + "minutes/approve/", results.minutes_approve, name="minutes_approve"),
    path(M + "minutes/reopen/", results.minutes_reopen, name="minutes_reopen"),
    path(M + "minutes/render/", results.minutes_render, name="minutes_render"),
    path(M + "minutes/pdf/", results.minutes_pdf, name="minutes_pdf"),
    path(P + "questions/", results.questions, name="questions"),
    path(P + "questions/<int:question>/", results.question_edit, name="question_edit"),
    path(P + "questions/<int:question>/delete/", results.question_delete, name="question_delete"),
    path(P + "intervention-points/", results.intervention_points, name="intervention_points"),
    path(P + "intervention-points/<int:point>/", results.point_edit, name="point_edit"),
    path(P + "intervention-points/<int:point>/delete/", results.point_delete, name="point_delete"),
    # Dialogues: World Café, harvest, participation, responses (steps 7-8).
    path(C, dialogues.cafe, name="cafe"),
    path(C + "rounds/", dialogues.round_add, name="round_add"),
    path(C + "rounds/<int:round>/delete/", dialogues.round_delete, name="round_delete"),
    path(C + "tables/", dialogues.table_add, name="table_add"),
    path(C + "tables/<int:table>/", dialogues.table_edit, name="table_edit"),
    path(C + "tables/<int:table>/delete/", dialogues.table_delete, name="table_delete"),
    path(M + "harvest/", dialogues.meeting_harvest, name="meeting_harvest"),
    path(M + "participation/", dialogues.participation_record, name="participation_record"),
    path(P + "harvest/", dialogues.harvest, name="harvest"),
    path(H + "edit/", dialogues.harvest_edit, name="harvest_edit"),
    path(H + "delete/", dialogues.harvest_delete, name="harvest_delete"),
    path(H + "respond/", dialogues.harvest_respond, name="harvest_respond"),
    path(P + "responses/", dialogues.responses, name="responses"),
    path(P + "participation/", dialogues.participation, name="participation"),
    # Vision and target images, decisions, justice tests (steps 7-8).
    path(V, vision.target_images, name="target_images"),
    path(V + "edit/", vision.vision_edit, name="vision_edit"),
    path(V + "adopt/", vision.vision_adopt, name="vision_adopt"),
    path(V + "images/new/", vision.image_create, name="image_create"),
    path(IMG, vision.image_edit, name="image_edit"),
    path(IMG + "delete/", vision.image_delete, name="image_delete"),
    path(IMG + "decide/", vision.image_decide, name="image_decide"),
    path(IMG + "justice/", vision.justice_test, name="justice_test"),
]
