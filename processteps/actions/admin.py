"""Admin of the action book (step 10). The pages and services are the way to change an action
form (they keep one owner and the dates in order); the admin is for looking and for repairs."""

from django.contrib import admin

from .models import (
    Action,
    ActionCause,
    ActionComment,
    ActionGoal,
    ActionIndicator,
    ActionInvitation,
    ActionParty,
    BudgetLine,
    Milestone,
)


class ActionGoalInline(admin.TabularInline):
    model = ActionGoal
    extra = 0
    raw_id_fields = ["goal"]


class ActionCauseInline(admin.TabularInline):
    model = ActionCause
    extra = 0
    raw_id_fields = ["cause"]


class ActionPartyInline(admin.TabularInline):
    model = ActionParty
    extra = 0


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class ActionIndicatorInline(admin.TabularInline):
    model = ActionIndicator
    extra = 0
    raw_id_fields = ["indicator"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "status", "start_date", "end_date", "updated_at"]
    list_filter = ["status", "domain", "project"]
    search_fields = ["title", "description"]
    raw_id_fields = ["intervention_point"]
    inlines = [
        ActionGoalInline,
        ActionCauseInline,
        ActionPartyInline,
        BudgetLineInline,
        MilestoneInline,
        ActionIndicatorInline,
    ]


@admin.register(ActionInvitation)
class ActionInvitationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "to", "action", "status", "created_at", "sent_at"]
    list_filter = ["status"]
    readonly_fields = ["subject", "body", "error", "sent_at"]


@admin.register(ActionComment)
class ActionCommentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "action", "received_on", "recorded_by"]
