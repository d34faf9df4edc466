from django.contrib import admin

from processteps.models import (
    AuditEntry,
    ChecklistItem,
    DataSource,
    Membership,
    MethodChecklistItem,
    MethodStep,
    ProcessStep,
    Project,
    Task,
    TeamAgreement,
)


class MethodChecklistInline(admin.TabularInline):
    model = MethodChecklistItem
    extra = 0


@admin.register(MethodStep)
class MethodStepAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "name",
        "document_name",
        "in_society",
        "in_politics",
        "in_administration",
    ]
    inlines = [MethodChecklistInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class AgreementInline(admin.TabularInline):
    model = TeamAgreement
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "client_organisation", "start_date", "created_at"]
    search_fields = ["name", "issue", "client_organisation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, AgreementInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "project", "role", "commitment"]
    list_filter = ["role", "project"]
    search_fields = ["user__username", "user__email", "project__name"]
    autocomplete_fields = ["user"]


class ChecklistInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ["position", "text", "from_method", "is_done", "done_by", "done_at"]
    readonly_fields = ["done_by", "done_at"]


@admin.register(ProcessStep)
class ProcessStepAdmin(admin.ModelAdmin):
    list_display = ["project", "number", "name", "status", "decision", "uncertainty_status"]
    list_filter = ["status", "decision", "uncertainty_status", "project"]
    search_fields = ["name", "project__name"]
    inlines = [ChecklistInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["text", "step", "is_done", "done_by", "done_at"]
    list_filter = ["is_done"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "step", "assignee", "due_date", "status"]
    list_filter = ["status", "project"]
    search_fields = ["title", "notes"]


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "step", "added_by", "added_at"]
    list_filter = ["kind"]


@admin.register(TeamAgreement)
class TeamAgreementAdmin(admin.ModelAdmin):
    list_display = ["text", "project", "position"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "project", "actor", "action", "target_repr"]
    list_filter = ["action", "project"]
    search_fields = ["target_repr"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# -- the consultation round ---------------------------------------------------------------------
