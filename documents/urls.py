from django.urls import path

from .views import documents, public

app_name = "documents"

D = "projects/<int:project>/documents/<int:number>/"
V = D + "versions/<int:version>/"

urlpatterns = [
    path("projects/<int:project>/documents/", documents.document_list, name="list"),
    path(D, documents.document_detail, name="document"),
    path(D + "sections/<slug:key>/", documents.section_edit, name="section_edit"),
    path(D + "versions/", documents.version_create, name="version_create"),
    path(D + "compare/", documents.compare, name="compare"),
    path(D + "publications/<int:publication>/unpublish/", documents.unpublish, name="unpublish"),
    path(V, documents.version_detail, name="version"),
    path(V + "status/", documents.version_status, name="version_status"),
    path(V + "render/", documents.version_render, name="version_render"),
    path(V + "pdf/", documents.version_pdf, name="version_pdf"),
    path(V + "publish/", documents.version_publish, name="version_publish"),
    path("openbaar/<slug:slug>/", public.public_project, name="public_project"),
    path("openbaar/<slug:slug>/<int:number>/", public.public_document, name="public_document"),
    path("openbaar/<slug:slug>/<int:number>/pdf/", public.public_pdf, name="public_pdf"),
]
