"""Admin of the goal tree (step 9). The pages and services are the way to change a tree; the
admin is for looking and for repairs (the tree check on the page finds what a repair breaks)."""

from django.contrib import admin

from .models import (
    Goal,
    GoalCause,
    GoalDecision,
    GoalMerge,
    GoalTree,
    Indicator,
    Means,
    Measurement,
    PolicyOption,
)


@admin.register(GoalTree)
class GoalTreeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "project", "updated_at"]
    list_filter = ["kind", "status", "project"]


class MeansInline(admin.TabularInline):
    model = Means
    extra = 0


class GoalCauseInline(admin.TabularInline):
    model = GoalCause
    extra = 0
    raw_id_fields = ["cause"]


class PolicyOptionInline(admin.StackedInline):
    model = PolicyOption
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["statement", "level", "parent", "tree", "domain", "horizon"]
    list_filter = ["tree__kind", "level", "domain", "tree__project"]
    search_fields = ["statement"]
    raw_id_fields = ["parent", "target_image"]
    inlines = [GoalCauseInline, MeansInline, PolicyOptionInline]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "goal", "project"]
    list_filter = ["kind", "project"]
    search_fields = ["name"]
    raw_id_fields = ["goal"]
    inlines = [MeasurementInline]


@admin.register(GoalDecision)
class GoalDecisionAdmin(admin.ModelAdmin):
    list_display = ["reference", "goal", "body", "decided_on", "outcome"]
    list_filter = ["body", "outcome"]


@admin.register(GoalMerge)
class GoalMergeAdmin(admin.ModelAdmin):
    list_display = ["source_goal", "team_goal", "merged_by", "merged_at"]
    readonly_fields = [f.name for f in GoalMerge._meta.fields]
