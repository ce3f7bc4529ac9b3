"""The year's edition of the report (표지, 설립목적, 목적사업) and the list of published PDFs."""
from django.contrib import admin

from reports.admin_base import (
    ReportAdmin,
    ReportAdminWithoutHistory,
    ReportTabularInline,
    edition_year,
    list_apps_in_report_order,
)
from reports.models import PublishedEdition, PurposeBusiness, ReportEdition

list_apps_in_report_order(admin.site)


class PurposeBusinessInline(ReportTabularInline):
    model = PurposeBusiness
    fields = ["order", "text"]


@admin.register(ReportEdition)
class ReportEditionAdmin(ReportAdmin):
    list_display = ["year", "title", "issued_on", "figures_as_of", "organisation_name"]
    list_display_links = ["year", "title"]
    search_fields = ["title", "organisation_name"]
    fieldsets = [
        (None, {"fields": ["year", "title", "issued_on", "figures_as_of", "organisation_name"]}),
        ("설립목적", {"fields": ["purpose", "purpose_source"]}),
    ]
    inlines = [PurposeBusinessInline]


@admin.register(PurposeBusiness)
class PurposeBusinessAdmin(ReportAdmin):
    list_display = ["text", "order", edition_year]
    list_editable = ["order"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["text"]


@admin.register(PublishedEdition)
class PublishedEditionAdmin(ReportAdminWithoutHistory):
    """Published PDFs are made by the 발행 page and never changed: the admin only lists them."""

    list_display = ["edition", "published_at", "published_by", "sha256", "size", "note"]
    list_filter = ["edition"]
    list_select_related = ["edition", "published_by"]
    search_fields = ["sha256", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
