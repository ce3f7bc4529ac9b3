"""목적사업 of an edition and the list of published PDFs (the edition itself: workreport.admin)."""
from django.contrib import admin

from reports.admin_base import (
    ReadOnlyAdminMixin, ReportAdmin, ReportAdminWithoutHistory, ReportTabularInline, edition_year,
)
from reports.models import PublishedEdition, PurposeBusiness


class PurposeBusinessInline(ReportTabularInline):
    model = PurposeBusiness
    fields = ["order", "text"]


@admin.register(PurposeBusiness)
class PurposeBusinessAdmin(ReportAdmin):
    list_display = ["text", "order", edition_year]
    list_editable = ["order"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["text"]
    autocomplete_fields = ["edition"]


@admin.register(PublishedEdition)
class PublishedEditionAdmin(ReadOnlyAdminMixin, ReportAdminWithoutHistory):
    """Published PDFs are made by the 발행 page and never changed: the admin only lists them."""

    list_display = ["edition", "published_at", "published_by", "sha256", "size", "note"]
    list_filter = ["edition"]
    list_select_related = ["edition", "published_by"]
    search_fields = ["sha256", "note"]
