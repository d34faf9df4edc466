"""URLs of the causal complexes (step 5) in the "causes" namespace: analyses (own and the
team's), factors, links, evidence, merging, comparing, the check, export and import."""

from django.urls import path

from .views import analyses, exchange, factors

app_name = "causes"

P = "projects/<int:project>/causes/"
A = P + "analyses/<int:analysis>/"
F = P + "factors/<int:factor>/"
L = P + "links/<int:link>/"

urlpatterns = [
    # Analyses.
    path(P, analyses.overview, name="overview"),
    path(P + "start/", analyses.team_start, name="team_start"),
    path(P + "mine/", analyses.analysis_mine, name="analysis_mine"),
    path(P + "problems/", analyses.problems, name="problems"),
    path(P + "compare/", analyses.compare, name="compare"),
    path(A, analyses.analysis_detail, name="analysis_detail"),
    path(A + "edit/", analyses.analysis_edit, name="analysis_edit"),
    path(A + "submit/", analyses.analysis_submit, name="analysis_submit"),
    path(A + "withdraw/", analyses.analysis_withdraw, name="analysis_withdraw"),
    # Merging into the team analysis; its complexes.
    path(P + "merge/", analyses.merge, name="merge"),
    path(A + "merge/", analyses.analysis_merge, name="analysis_merge"),
    path(F + "merge/", analyses.factor_merge, name="factor_merge"),
    path(P + "complexes/new/", analyses.complex_add, name="complex_add"),
    path(P + "complexes/<int:complex>/edit/", analyses.complex_edit, name="complex_edit"),
    path(P + "complexes/<int:complex>/delete/", analyses.complex_delete, name="complex_delete"),
    # Factors, links, evidence.
    path(A + "factors/new/", factors.factor_add, name="factor_add"),
    path(F, factors.factor_detail, name="factor_detail"),
    path(F + "edit/", factors.factor_edit, name="factor_edit"),
    path(F + "delete/", factors.factor_delete, name="factor_delete"),
    path(F + "evidence/", factors.evidence_add, name="evidence_add"),
    path(P + "evidence/<int:evidence>/remove/", factors.evidence_remove, name="evidence_remove"),
    path(A + "links/new/", factors.link_add, name="link_add"),
    path(L + "edit/", factors.link_edit, name="link_edit"),
    path(L + "delete/", factors.link_delete, name="link_delete"),
    path(L + "loop/", factors.link_loop, name="link_loop"),
    path(P + "fragments/<int:fragment>/", factors.fragment_citations, name="fragment_citations"),
    # Export and import.
    path(A + "export.<str:fmt>", exchange.analysis_export, name="analysis_export"),
    path(A + "import/", exchange.analysis_import, name="analysis_import"),
]
