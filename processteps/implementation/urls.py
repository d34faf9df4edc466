"""URLs of the implementation plan (step 11) in the "implementation" namespace: the
organisation and the steering rhythm, the Beleidskompas crosswalk, the integral framework."""

from django.urls import path

from .views import compass, organisation, planning

app_name = "implementation"

P = "projects/<int:project>/implementation/"

urlpatterns = [
    path(P, organisation.overview, name="overview"),
    path(P + "bodies/new/", organisation.body_add, name="body_add"),
    path(P + "bodies/<int:body>/edit/", organisation.body_edit, name="body_edit"),
    path(P + "bodies/<int:body>/delete/", organisation.body_delete, name="body_delete"),
    path(P + "steering/new/", organisation.moment_add, name="moment_add"),
    path(P + "steering/<int:moment>/edit/", organisation.moment_edit, name="moment_edit"),
    path(P + "steering/<int:moment>/delete/", organisation.moment_delete, name="moment_delete"),
    path(P + "beleidskompas/", compass.compass, name="compass"),
    path(P + "beleidskompas/export.pdf", compass.compass_export, name="compass_export"),
    path(P + "framework/", compass.framework, name="framework"),
    path(
        P + "framework/<slug:domain>/situation/",
        compass.situation_edit,
        name="situation_edit",
    ),
    path(P + "planning/", planning.planning, name="planning"),
    path(P + "monitoring/", planning.monitoring, name="monitoring"),
    path(P + "actions/<int:action>/", planning.action_progress, name="action_progress"),
    path(P + "actions/<int:action>/status/", planning.progress_report, name="progress_report"),
]
