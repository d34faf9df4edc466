"""URLs of the action book (step 10) in the "actions" namespace."""

from django.urls import path

from .views import actions

app_name = "actions"

P = "projects/<int:project>/actions/"
A = P + "<int:action>/"

urlpatterns = [
    path(P, actions.action_list, name="action_list"),
    path(P + "incomplete/", actions.incomplete_list, name="incomplete"),
    path(P + "gaps/", actions.gaps_view, name="gaps"),
    path(P + "new/", actions.action_add, name="action_add"),
    path(P + "export.xlsx", actions.export_xlsx, name="export_xlsx"),
    path(P + "causes/<int:cause>/", actions.cause_chain_view, name="cause_chain"),
    path(A, actions.action_detail, name="action_detail"),
    path(A + "edit/", actions.action_edit, name="action_edit"),
    path(A + "delete/", actions.action_delete, name="action_delete"),
    path(A + "adopt/", actions.action_adopt, name="action_adopt"),
    path(A + "reopen/", actions.action_reopen, name="action_reopen"),
    path(A + "chain/", actions.action_chain_view, name="action_chain"),
    path(A + "invite/", actions.action_invite, name="action_invite"),
    path(A + "comments/new/", actions.comment_add, name="comment_add"),
    path(P + "comments/<int:comment>/delete/", actions.comment_delete, name="comment_delete"),
    path(
        P + "milestones/<int:milestone>/toggle/", actions.milestone_toggle, name="milestone_toggle"
    ),
]
