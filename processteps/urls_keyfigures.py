"""URLs of the consultation round: the key-figure register of step 2 (included by
processteps.urls, so every name lives in the "processteps" namespace)."""

from django.urls import path

from .views import keyfigures as views

P = "projects/<int:project>/"
K = P + "keyfigures/"
ONE = K + "<int:key_figure>/"

urlpatterns: list = [
    path(K, views.keyfigure_list, name="keyfigure_list"),
    path(K + "new/", views.keyfigure_add, name="keyfigure_add"),
    path(K + "coverage/", views.keyfigure_coverage, name="keyfigure_coverage"),
    path(K + "import/", views.keyfigure_import, name="keyfigure_import"),
    path(K + "import/template.csv", views.keyfigure_template, name="keyfigure_template"),
    path(K + "export.csv", views.keyfigure_export, {"fmt": "csv"}, name="keyfigure_export_csv"),
    path(K + "export.xlsx", views.keyfigure_export, {"fmt": "xlsx"}, name="keyfigure_export_xlsx"),
    path(ONE, views.keyfigure_detail, name="keyfigure_detail"),
    path(ONE + "edit/", views.keyfigure_edit, name="keyfigure_edit"),
    path(ONE + "approve/", views.keyfigure_approve, name="keyfigure_approve"),
    path(ONE + "status/", views.keyfigure_status, name="keyfigure_status"),
    path(ONE + "erase/", views.keyfigure_erase, name="keyfigure_erase"),
    path(P + "angles/", views.angle_list, name="angle_list"),
    path(P + "angles/add/", views.angle_add, name="angle_add"),
    path(P + "angles/<int:angle>/remove/", views.angle_remove, name="angle_remove"),
]
