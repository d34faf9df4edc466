"""Admin of the causal complexes (step 5). The pages and services are the way to change an
analysis; the admin is for looking and for repairs (the check on the page finds what a repair
breaks)."""

from django.contrib import admin

from .models import CausalAnalysis, CausalComplex, CausalFactor, CausalLink, Evidence, FactorMerge


@admin.register(CausalAnalysis)
class CausalAnalysisAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "project", "updated_at"]
    list_filter = ["kind", "status", "project"]


@admin.register(CausalComplex)
class CausalComplexAdmin(admin.ModelAdmin):
    list_display = ["name", "analysis", "position"]
    raw_id_fields = ["analysis", "theme"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fk_name = "factor"
    extra = 0
    raw_id_fields = ["fragment", "added_by"]


@admin.register(CausalFactor)
class CausalFactorAdmin(admin.ModelAdmin):
    list_display = ["statement", "kind", "analysis", "complex"]
    list_filter = ["kind", "analysis__kind"]
    search_fields = ["statement"]
    raw_id_fields = ["analysis", "angle", "complex", "created_by"]
    inlines = [EvidenceInline]


@admin.register(CausalLink)
class CausalLinkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "polarity", "confidence", "is_reinforcing_loop", "analysis"]
    list_filter = ["polarity", "confidence", "is_reinforcing_loop"]
    raw_id_fields = ["analysis", "source", "target", "created_by"]


@admin.register(FactorMerge)
class FactorMergeAdmin(admin.ModelAdmin):
    list_display = ["source_factor", "team_factor", "merged_by", "merged_at"]
    raw_id_fields = ["source_factor", "team_factor", "merged_by"]
