"""Admin of the consultation round."""

from django.contrib import admin

from .models import (
    Angle,
    Briefing,
    BriefingAcknowledgement,
    Fragment,
    Interview,
    InterviewReport,
    InvitationTemplate,
    KeyFigure,
    ReportAttachment,
    SentMail,
    Theme,
    Transcript,
    TranscriptPassage,
)


@admin.register(Angle)
class AngleAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "project", "position"]
    list_filter = ["project"]


@admin.register(KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "angle", "is_usual_suspect", "status", "project"]
    list_filter = ["status", "is_usual_suspect", "project"]
    search_fields = ["name", "organisation", "email"]


class TranscriptPassageInline(admin.TabularInline):
    model = TranscriptPassage
    extra = 0


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["key_figure", "scheduled_at", "form", "quote_consent", "project"]
    list_filter = ["form", "quote_consent", "project"]
    filter_horizontal = ["interviewers"]


@admin.register(InterviewReport)
class InterviewReportAdmin(admin.ModelAdmin):
    list_display = ["interview", "status", "submitted_at", "accepted_at", "processed_at"]
    list_filter = ["status"]


@admin.register(Transcript)
class TranscriptAdmin(admin.ModelAdmin):
    list_display = ["report", "format", "filename", "uploaded_at"]
    inlines = [TranscriptPassageInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "project", "position"]
    list_filter = ["project"]


@admin.register(Fragment)
class FragmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "dimension", "report", "project"]
    list_filter = ["dimension", "project"]


@admin.register(SentMail)
class SentMailAdmin(admin.ModelAdmin):
    list_display = ["to", "subject", "status", "created_at", "sent_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in SentMail._meta.fields]


admin.site.register([InvitationTemplate, Briefing, BriefingAcknowledgement, ReportAttachment])
