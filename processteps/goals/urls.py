"""URLs of the goal tree (step 9) in the "goals" namespace: trees, goals, means, merging,
indicators and measurements, the political weighing."""

from django.urls import path

from .views import indicators, trees, weighing

app_name = "goals"

P = "projects/<int:project>/goals/"
T = P + "trees/<int:tree>/"
G = P + "<int:goal>/"
IND = P + "indicators/"
ONE = IND + "<int:indicator>/"

urlpatterns = [
    # Trees.
    path(P, trees.overview, name="overview"),
    path(P + "start/", trees.team_start, name="team_start"),
    path(P + "mine/", trees.tree_mine, name="tree_mine"),
    path(T, trees.tree_detail, name="tree_detail"),
    path(T + "derive/", trees.tree_derive, name="tree_derive"),
    path(T + "submit/", trees.tree_submit, name="tree_submit"),
    path(T + "reopen/", trees.tree_reopen, name="tree_reopen"),
    path(T + "adopt/", trees.tree_adopt, name="tree_adopt"),
    path(T + "goals/new/", trees.goal_add, name="goal_add"),
    # Merging the own trees into the team's.
    path(P + "merge/", trees.merge, name="merge"),
    path(T + "merge/", trees.tree_merge, name="tree_merge"),
    path(G + "merge/", trees.goal_merge, name="goal_merge"),
    # Goals, the causes they remove, their means.
    path(G, trees.goal_detail, name="goal_detail"),
    path(G + "edit/", trees.goal_edit, name="goal_edit"),
    path(G + "delete/", trees.goal_delete, name="goal_delete"),
    path(G + "causes/", trees.goal_cause_add, name="goal_cause_add"),
    path(G + "causes/<int:link>/remove/", trees.goal_cause_remove, name="goal_cause_remove"),
    path(G + "means/", trees.means_add, name="means_add"),
    path(P + "means/<int:means>/edit/", trees.means_edit, name="means_edit"),
    path(P + "means/<int:means>/delete/", trees.means_delete, name="means_delete"),
    # Indicators and measurements (the gegevensbank).
    path(IND, indicators.indicator_list, name="indicator_list"),
    path(G + "indicators/new/", indicators.indicator_add, name="indicator_add"),
    path(ONE, indicators.indicator_detail, name="indicator_detail"),
    path(ONE + "edit/", indicators.indicator_edit, name="indicator_edit"),
    path(ONE + "delete/", indicators.indicator_delete, name="indicator_delete"),
    path(ONE + "measurements/", indicators.measurement_add, name="measurement_add"),
    path(
        P + "measurements/<int:measurement>/delete/",
        indicators.measurement_delete,
        name="measurement_delete",
    ),
    path(IND + "import/", indicators.measurement_import, name="measurement_import"),
    path(
        IND + "import/template.csv",
        indicators.measurement_template,
        name="measurement_template",
    ),
    path(IND + "measurements.csv", indicators.measurement_export_csv, name="measurement_export"),
    path(IND + "export.xlsx", indicators.indicator_export_xlsx, name="indicator_export"),
    # The political weighing.
    path(G + "options/", weighing.option_add, name="option_add"),
    path(P + "options/<int:option>/edit/", weighing.option_edit, name="option_edit"),
    path(P + "options/<int:option>/delete/", weighing.option_delete, name="option_delete"),
    path(P + "options/<int:option>/prefer/", weighing.option_prefer, name="option_prefer"),
    path(G + "decision/", weighing.decision_edit, name="decision_edit"),
]
