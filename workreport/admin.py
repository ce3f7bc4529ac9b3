"""The year's edition of the report (표지, 설립목적, 목적사업), with the action that opens next year's,
and the report cycle's rounds and parts, for reading and their history.

It lives here, not in reports, because opening a year copies every app's records (workreport.rollover).
"""
from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from reports.admin import PurposeBusinessInline
from reports.admin_base import ReadOnlyAdminMixin, ReportAdmin
from reports.models import ReportEdition
from workreport.models import PartReview, ReportingRound
from workreport.rollover import EditionAlreadyExists, open_next_edition


@admin.register(ReportEdition)
class ReportEditionAdmin(ReportAdmin):
    list_display = ["year", "title", "issued_on", "figures_as_of", "organisation_name"]
    list_display_links = ["year", "title"]
    search_fields = ["year", "title", "organisation_name"]
    fieldsets = [
        (None, {"fields": ["year", "title", "issued_on", "figures_as_of", "organisation_name"]}),
        ("설립목적", {"fields": ["purpose", "purpose_source"]}),
    ]
    inlines = [PurposeBusinessInline]
    actions = ["open_next_year"]

    @admin.action(description="다음 연도판 열기", permissions=["add"])
    def open_next_year(self, request, queryset):
        """Open next year's edition from the one selected (workreport.rollover.open_next_edition)."""
        if queryset.count() != 1:
            self.message_user(request, "다음 연도판은 연도판 하나를 골라 엽니다.", messages.ERROR)
            return
        source = queryset.get()
        try:
            edition = open_next_edition(source)
        except EditionAlreadyExists as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            f"{edition.year}년 연도판을 {source.year}년에서 열었습니다. 예산현액은 0에서 시작하니 세부사업 예산을 가져오고, "
            "추진실적과 향후일정을 채워 주세요.",
            messages.SUCCESS,
        )


class PartReviewInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Each part's status in the round, read-only: transitions go through workreport.review."""

    model = PartReview
    fields = ["part", "status", "reason", "changed_by", "changed_at"]
    readonly_fields = fields
    extra = 0

    @admin.display(description="항목")
    def part(self, review):
        return review.part_name


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """The rounds, for reading and their history: who opened each, every part's transitions.
    Opening a round and moving a part happen on the round dashboard (/review/), never here."""

    list_display = ["title", "edition", "due_on", "opened_by", "opened_at", "closed_at"]
    list_filter = ["edition"]
    readonly_fields = ["edition", "title", "due_on", "opened_by", "opened_at", "closed_at"]
    inlines = [PartReviewInline]


@admin.register(PartReview)
class PartReviewAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """One part's review and its history (제출, 반려: 사유, 확정, 다시 열기 — who and when)."""

    list_display = ["part", "round", "status", "changed_by", "changed_at"]
    list_filter = ["round", "status", "desk"]
    list_select_related = ["round", "page__unit", "changed_by"]
    readonly_fields = ["round", "page", "desk", "status", "reason", "changed_by", "changed_at"]

    @admin.display(description="항목")
    def part(self, review):
        return review.part_name
