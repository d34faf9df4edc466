"""Admin of the implementation plan (step 11). The pages and services are the way to change
it (they keep the checklist items in step); the admin is for looking and for repairs."""

from django.contrib import admin

from .models import ActionProgress, DomainSituation, ImplementationBody, SteeringMoment


@admin.register(ImplementationBody)
class ImplementationBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "kind", "party_kind", "project"]
    list_filter = ["role", "kind", "project"]
    search_fields = ["name", "task"]


@admin.register(SteeringMoment)
class SteeringMomentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "frequency", "responsible", "project"]
    list_filter = ["kind", "frequency", "project"]
    raw_id_fields = ["responsible", "audience"]


@admin.register(DomainSituation)
class DomainSituationAdmin(admin.ModelAdmin):
    list_display = ["domain", "project", "updated_at"]
    list_filter = ["domain", "project"]


@admin.register(ActionProgress)
class ActionProgressAdmin(admin.ModelAdmin):
    list_display = ["action", "status", "reported_on", "reported_by"]
    list_filter = ["status"]
    raw_id_fields = ["action"]
    date_hierarchy = "reported_on"
