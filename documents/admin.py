from django.contrib import admin

from .models import DocumentSection, DocumentVersion, ProcessDocument, Publication


class SectionInline(admin.StackedInline):
    model = DocumentSection
    extra = 0
    fields = ["position", "key", "title", "body"]


@admin.register(ProcessDocument)
class ProcessDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "step", "document_type", "updated_at"]
    list_filter = ["document_type", "project"]
    inlines = [SectionInline]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    """Versions are immutable: the admin shows them and their render state, nothing more."""

    list_display = ["document", "number", "author", "created_at", "render_status", "pdf_pages"]
    list_filter = ["render_status"]
    readonly_fields = [f.name for f in DocumentVersion._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["version", "audience", "published_by", "published_at", "unpublished_at"]
    list_filter = ["audience"]
    readonly_fields = [f.name for f in Publication._meta.fields]

    def has_add_permission(self, request):
        return False
