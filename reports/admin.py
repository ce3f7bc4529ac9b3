from django.contrib import admin

# Register your models here.


# --- Published editions (owned by the publishing helper): read-only records for auditors. ---
from reports.models import PublishedEdition  # noqa: E402


@admin.register(PublishedEdition)
class PublishedEditionAdmin(admin.ModelAdmin):
    """A published file never changes: no add (publish from /report/published/), no change, no delete."""

    list_display = ("edition", "published_at", "published_by", "size", "sha256", "note")
    list_select_related = ("edition", "published_by")
    list_filter = ("edition",)
    readonly_fields = ("edition", "file", "sha256", "size", "published_by", "published_at", "note")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
