"""예산담당's data-entry pages: 세입·세출 과목, the 정책사업 → 단위사업 → 세부사업 tree and 집행 실적.

Every total, 증감 and 집행률 shown here comes from budget.figures and is printed with
reports.formatting; the admin only places them beside the amounts they derive from.
"""
from django.contrib import admin
from django.db.models import F
from django.db.models.functions import Coalesce

from budget import figures
from budget.models import (
    DetailProgram,
    ExecutionRecord,
    ExpenditureAccount,
    PolicyProgram,
    RevenueAccount,
    UnitProgram,
)
from reports.admin_base import ReportAdmin, ReportInlineFormSet, ReportTabularInline, edition_year
from budget.resources import DetailProgramResource, ExecutionRecordResource
from reports.formatting import format_amount, format_as_of, format_date, format_rate
from reports.models import ReportEdition
from reports.spreadsheets import DeskImportExportMixin

UNIT_EDITION = "unit__policy__edition"


class RevenueLevelFilter(admin.SimpleListFilter):
    title = "단계"
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [("summary", "총괄 과목 (I. 세입 총괄)"), ("detail", "세부 과목 (IV. 세입예산)")]

    def queryset(self, request, queryset):
        if self.value() == "summary":
            return queryset.filter(parent__isnull=True)
        if self.value() == "detail":
            return queryset.filter(parent__isnull=False)
        return queryset


class RevenueDetailFormSet(ReportInlineFormSet):
    """Detail lines take their summary line's edition, so the form need not ask for it."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.edition_id = self.instance.edition_id
        return form


class RevenueDetailInline(ReportTabularInline):
    model = RevenueAccount
    fk_name = "parent"
    fields = ["order", "name", "budget_amount", "prior_amount"]
    formset = RevenueDetailFormSet
    verbose_name = "세부 과목"
    verbose_name_plural = "세부 과목 (IV. 세입예산, 금액은 여기에 입력)"


def revenue_rows(edition):
    """세입 rows of an edition by (is_summary, name): section I for summary lines, IV for details."""
    summary = {(True, row.name): row for row in figures.revenue_summary(edition) if not row.is_total}
    detail = {(False, row.name): row for row in figures.revenue_detail(edition) if not row.is_total}
    return summary | detail


def expenditure_rows(edition):
    """세출 총괄 rows of an edition by account name."""
    return {row.name: row for row in figures.expenditure_summary(edition) if not row.is_total}


class ComparisonColumns:
    """예산현액 / 전년도 / 증감액 / 증감률 columns read from a figures ComparisonRow.

    The rows are computed once per edition on a list page (prepare_results) and on demand
    on a change form.
    """

    def rows_for(self, edition):
        raise NotImplementedError

    def row_key(self, account):
        raise NotImplementedError

    def prepare_results(self, accounts):
        rows_by_edition = {}
        for account in accounts:
            if account.edition_id not in rows_by_edition:
                rows_by_edition[account.edition_id] = self.rows_for(account.edition)
            account.comparison = rows_by_edition[account.edition_id].get(self.row_key(account))

    def _row(self, account):
        if not hasattr(account, "comparison"):
            account.comparison = (
                self.rows_for(account.edition).get(self.row_key(account)) if account.pk else None
            )
        return account.comparison

    @admin.display(description="예산현액")
    def budget_total(self, account):
        row = self._row(account)
        return format_amount(row.current if row else None)

    @admin.display(description="전년도 최종예산")
    def prior_total(self, account):
        row = self._row(account)
        return format_amount(row.prior if row else None)

    @admin.display(description="증감액")
    def change(self, account):
        row = self._row(account)
        return format_amount(row.change if row else None)

    @admin.display(description="증감률")
    def rate(self, account):
        row = self._row(account)
        return format_rate(row.rate if row else None)


@admin.register(RevenueAccount)
class RevenueAccountAdmin(ComparisonColumns, ReportAdmin):
    # Each 총괄 과목 followed by its 세부 과목, indented: the two tables of the report in one list.
    list_display = ["tree_name", "budget_total", "prior_total", "change", "rate", "order"]
    list_display_links = ["tree_name"]
    ordering = ["edition", Coalesce("parent__order", "order"), F("parent").asc(nulls_first=True), "order"]
    list_editable = ["order"]
    list_filter = ["edition", RevenueLevelFilter]
    list_select_related = ["parent", "edition"]
    search_fields = ["name"]
    autocomplete_fields = ["edition", "parent"]
    readonly_fields = ["budget_total", "prior_total", "change", "rate"]
    inlines = [RevenueDetailInline]
    fieldsets = [
        (None, {"fields": ["edition", "parent", "name", "order"]}),
        ("금액 (천원)", {
            "fields": ["budget_amount", "prior_amount"],
            "description": "세부 과목의 금액을 적습니다. 총괄 과목은 승인 총액이 따로 있을 때만 적습니다.",
        }),
        ("보고서에 인쇄되는 값 (총괄 과목은 세부 과목 합계)", {
            "fields": ["budget_total", "prior_total", "change", "rate"],
        }),
    ]

    def rows_for(self, edition):
        return revenue_rows(edition)

    def row_key(self, account):
        return (account.parent_id is None, account.name)

    @admin.display(description="과목명", ordering="name")
    def tree_name(self, account):
        return f"└ {account.name}" if account.parent_id else account.name

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.parent_id:
            return fieldsets
        # A summary line's own amounts are an optional approved total; its printed figures are
        # the sum of its detail lines below, so the input is folded away.
        name, options = fieldsets[1]
        return [fieldsets[0], ("승인 총액 (선택)", {**options, "classes": ["collapse"]}), *fieldsets[2:]]

    def get_inlines(self, request, obj):
        # Only a summary line (section I) has detail lines under it.
        if obj is not None and obj.parent_id:
            return []
        return super().get_inlines(request, obj)


@admin.register(ExpenditureAccount)
class ExpenditureAccountAdmin(ComparisonColumns, ReportAdmin):
    list_display = ["name", "budget_total", "prior_total", "change", "rate", "order"]
    list_editable = ["order"]
    list_filter = ["edition", "itemise_in_execution"]
    list_select_related = ["edition"]
    search_fields = ["name", "execution_label"]
    autocomplete_fields = ["edition"]
    readonly_fields = ["budget_total", "change", "rate"]
    fieldsets = [
        (None, {"fields": ["edition", "name", "execution_label", "order", "itemise_in_execution"]}),
        ("금액 (천원)", {"fields": ["prior_amount", "budget_amount"]}),
        ("보고서에 인쇄되는 값 (예산현액은 이 과목의 세부사업 합계)", {"fields": ["budget_total", "change", "rate"]}),
    ]

    def rows_for(self, edition):
        return expenditure_rows(edition)

    def row_key(self, account):
        return account.name


class UnitProgramInline(ReportTabularInline):
    model = UnitProgram
    fields = ["order", "number", "name", "owning_team"]
    autocomplete_fields = ["owning_team"]
    show_change_link = True
    verbose_name_plural = "단위사업 (세부사업은 각 단위사업의 '변경'에서)"


@admin.register(PolicyProgram)
class PolicyProgramAdmin(ReportAdmin):
    list_display = ["name", "number", "category", "order", edition_year]
    list_editable = ["order"]
    list_filter = ["edition", "category"]
    list_select_related = ["edition"]
    search_fields = ["name"]
    autocomplete_fields = ["edition"]
    inlines = [UnitProgramInline]


class DetailProgramInline(ReportTabularInline):
    model = DetailProgram
    # 명시이월 and 집행 실적 are set on the 세부사업's own page ('변경'), to keep a row on one line.
    fields = ["order", "name", "account", "budget_amount", "note"]
    autocomplete_fields = ["account"]
    show_change_link = True
    verbose_name_plural = "세부사업 (명시이월·집행 실적은 각 세부사업의 '변경'에서)"


@admin.register(UnitProgram)
class UnitProgramAdmin(ReportAdmin):
    list_display = ["number", "name", "total", "owning_team", "order"]
    list_display_links = ["number", "name"]
    list_editable = ["order"]
    list_filter = ["policy__edition", "policy", ("owning_team", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["policy__edition", "owning_team"]
    search_fields = ["number", "name"]
    autocomplete_fields = ["policy", "owning_team"]
    readonly_fields = ["total"]
    fields = ["policy", "number", "name", "owning_team", "order", "total"]
    inlines = [DetailProgramInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("details")

    @admin.display(description="단위사업 합계 (천원)")
    def total(self, unit):
        if unit.pk is None:
            return "-"
        return format_amount(figures.unit_total(unit))


class ExecutionRecordInline(ReportTabularInline):
    model = ExecutionRecord
    fields = ["as_of", "committed_amount", "spent_amount", "is_correction", "correction_reason"]
    verbose_name_plural = "집행 실적 (기준일별 누계, 천원)"


@admin.register(DetailProgram)
class DetailProgramAdmin(DeskImportExportMixin, ReportAdmin):
    """세부사업 with the execution the report prints: the 집행 실적 in force on its edition's 기준일."""

    resource_classes = [DetailProgramResource]
    # The list's amounts are those in force on each edition's 기준일; the record's date is on the change form.
    list_display = ["name", "unit_label", "budget", "committed", "spent", "committed_rate", "spent_rate"]
    list_filter = [UNIT_EDITION, "unit__policy", ("unit__owning_team", admin.RelatedOnlyFieldListFilter),
                   "account", "carried_over"]
    list_select_related = ["unit__policy__edition", "account"]
    search_fields = ["name", "unit__name", "unit__number", "note"]
    autocomplete_fields = ["unit", "account"]
    readonly_fields = ["recorded_on", "committed", "spent", "committed_rate", "spent_rate"]
    fieldsets = [
        (None, {"fields": ["unit", "name", "account", "order", "note"]}),
        ("예산 (천원)", {"fields": ["budget_amount", "carried_over", "carried_over_amount"]}),
        ("보고서에 인쇄되는 집행 (연도판 기준일에 유효한 집행 실적, 아래에서 입력)", {
            "fields": ["recorded_on", "committed", "spent", "committed_rate", "spent_rate"],
        }),
    ]
    inlines = [ExecutionRecordInline]

    def changelist_view(self, request, extra_context=None):
        as_of = ", ".join(f"{edition.year}년 {format_date(edition.figures_as_of)}" for edition in ReportEdition.objects.all())
        title = f"세부사업 (원인행위·지출 누계액은 연도판 기준일 {as_of} 현재)"
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def prepare_results(self, details):
        lines = {}
        for edition in {detail.unit.policy.edition for detail in details}:
            lines.update((line.detail.pk, line) for line in figures.detail_execution(edition))
        for detail in details:
            detail.execution = lines.get(detail.pk)

    def _recorded(self, detail):
        """budget.figures' 집행현황 line of the 세부사업 as of its edition's 기준일, when a 집행 실적 is in
        force then (None: nothing recorded yet, printed "-")."""
        if not hasattr(detail, "execution"):
            self.prepare_results([detail] if detail.pk else [])
        line = getattr(detail, "execution", None)
        return line if line is not None and line.recorded_on else None

    @admin.display(description="단위사업", ordering="unit__number")
    def unit_label(self, detail):
        return detail.unit.number or detail.unit.name

    @admin.display(description="예산현액", ordering="budget_amount")
    def budget(self, detail):
        # A 명시이월 사업 has no budget of this year: the report prints "-", not 0.
        return format_amount(None if detail.carried_over else detail.budget_amount)

    @admin.display(description="집행 실적 기준일")
    def recorded_on(self, detail):
        line = self._recorded(detail)
        return format_as_of(line.recorded_on) if line else "-"

    @admin.display(description="원인행위 누계액 (천원)")
    def committed(self, detail):
        line = self._recorded(detail)
        return format_amount(line.row.committed if line else None)

    @admin.display(description="지출 누계액 (천원)")
    def spent(self, detail):
        line = self._recorded(detail)
        return format_amount(line.row.spent if line else None)

    @admin.display(description="집행률 원인행위")
    def committed_rate(self, detail):
        line = self._recorded(detail)
        return format_rate(line.row.committed_rate if line else None)

    @admin.display(description="집행률 지출")
    def spent_rate(self, detail):
        line = self._recorded(detail)
        return format_rate(line.row.spent_rate if line else None)


@admin.register(ExecutionRecord)
class ExecutionRecordAdmin(DeskImportExportMixin, ReportAdmin):
    resource_classes = [ExecutionRecordResource]
    list_display = ["detail", "as_of", "committed", "spent", "committed_rate", "spent_rate", "correction"]
    list_filter = [f"detail__{UNIT_EDITION}", "as_of", "is_correction",
                   ("detail__unit__owning_team", admin.RelatedOnlyFieldListFilter),
                   ("detail__unit", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["detail"]
    search_fields = ["detail__name", "detail__unit__name"]
    autocomplete_fields = ["detail"]
    date_hierarchy = "as_of"

    fieldsets = [
        (None, {"fields": ["detail", "as_of"]}),
        ("기준일까지의 누계 (천원)", {"fields": ["committed_amount", "spent_amount"]}),
        ("감액·반납 정정 (누계가 이전 기준일보다 줄었을 때만)", {"fields": ["is_correction", "correction_reason"]}),
    ]

    @admin.display(description="원인행위 누계액 (천원)", ordering="committed_amount")
    def committed(self, record):
        return format_amount(record.committed_amount)

    @admin.display(description="지출 누계액 (천원)", ordering="spent_amount")
    def spent(self, record):
        return format_amount(record.spent_amount)

    @admin.display(description="감액·반납 정정")
    def correction(self, record):
        return record.correction_reason if record.is_correction else ""

    @admin.display(description="집행률(원인행위)")
    def committed_rate(self, record):
        return format_rate(figures.execution_rate(record.committed_amount, record.detail.budget_amount))

    @admin.display(description="집행률(지출)")
    def spent_rate(self, record):
        return format_rate(figures.execution_rate(record.spent_amount, record.detail.budget_amount))
