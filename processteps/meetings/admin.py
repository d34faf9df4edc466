"""Admin of the meetings (steps 6-8). Changes a user makes go through the app's services; the
admin is for looking things up and for repairs by the site admin."""

from django.contrib import admin

from .models import (
    AgendaItem,
    Attendance,
    CafeRound,
    CafeTable,
    FundamentalQuestion,
    HarvestItem,
    InterventionPoint,
    JusticeRow,
    JusticeTest,
    Meeting,
    MeetingMail,
    MeetingSettings,
    Minutes,
    Participant,
    QuestionAnswer,
    TargetImage,
    TargetImageCitation,
    TargetImageDecision,
    Vision,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "duration_minutes"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["participant"]
    fields = ["participant", "status", "waitlisted_at", "registered_at", "invitation_sent_at"]


class CafeRoundInline(admin.TabularInline):
    model = CafeRound
    extra = 0


class CafeTableInline(admin.TabularInline):
    model = CafeTable
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "format", "starts_at", "status", "chair", "project"]
    list_filter = ["kind", "format", "status", "project"]
    search_fields = ["title", "place"]
    raw_id_fields = ["split_from", "theme"]
    inlines = [AgendaItemInline, AttendanceInline, CafeRoundInline, CafeTableInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "group", "project"]
    list_filter = ["group", "project"]
    search_fields = ["name", "organisation", "email"]
    raw_id_fields = ["key_figure"]


@admin.register(MeetingMail)
class MeetingMailAdmin(admin.ModelAdmin):
    list_display = ["to", "subject", "meeting", "status", "created_at", "sent_at"]
    list_filter = ["status", "project"]
    raw_id_fields = ["attendance"]


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "status", "approved_by", "approved_at", "render_status"]
    list_filter = ["status", "render_status"]


@admin.register(FundamentalQuestion)
class FundamentalQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "position", "project"]
    list_filter = ["project"]


@admin.register(QuestionAnswer)
class QuestionAnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "meeting"]


@admin.register(InterventionPoint)
class InterventionPointAdmin(admin.ModelAdmin):
    list_display = ["title", "cause", "arena", "project"]
    list_filter = ["arena", "project"]
    raw_id_fields = ["cause"]


@admin.register(HarvestItem)
class HarvestItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "round", "table", "project"]
    list_filter = ["project"]
    search_fields = ["text", "response"]
    raw_id_fields = ["meeting", "round", "table", "causes", "intervention_points"]


class CitationInline(admin.TabularInline):
    model = TargetImageCitation
    extra = 0
    raw_id_fields = ["item"]


class DecisionInline(admin.TabularInline):
    model = TargetImageDecision
    extra = 0
    fields = ["meeting", "outcome", "political_argument", "review_date", "decided_at"]
    readonly_fields = ["decided_at"]


@admin.register(TargetImage)
class TargetImageAdmin(admin.ModelAdmin):
    list_display = ["title", "domain", "horizon", "status", "project"]
    list_filter = ["domain", "horizon", "status", "project"]
    inlines = [CitationInline, DecisionInline]


class JusticeRowInline(admin.TabularInline):
    model = JusticeRow
    extra = 0


@admin.register(JusticeTest)
class JusticeTestAdmin(admin.ModelAdmin):
    list_display = ["target_image", "doability"]
    inlines = [JusticeRowInline]


admin.site.register(Vision)
admin.site.register(MeetingSettings)
