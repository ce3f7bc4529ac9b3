"""인사담당's data-entry pages: 조직, 팀별 주요업무, 직원·보직, and the 정원/현원 table per 직급."""
from django import forms
from django.contrib import admin
from django.db.models import Sum
from django.utils import timezone

from reports.admin_base import (
    ReportAdmin,
    ReportAdminWithoutHistory,
    ReportTabularInline,
    edition_year,
)
from reports.formatting import format_count, format_date, format_gap
from reports.spreadsheets import DeskImportExportMixin
from staffing import census as census_service
from staffing import figures
from staffing.resources import AuthorisedHeadcountResource, CurrentHeadcountResource, PersonResource
from staffing.models import (
    AUTHORISED_HELP,
    CENSUS_HELP,
    AuthorisedHeadcount,
    ContractStaffCount,
    CurrentHeadcount,
    DutyGroup,
    DutyItem,
    Grade,
    HeadcountCensus,
    OrgUnit,
    Person,
    Post,
)


class DutyGroupInline(ReportTabularInline):
    model = DutyGroup
    fields = ["order", "heading"]
    show_change_link = True
    verbose_name_plural = "팀별 주요업무 구분 (업무 내용은 '변경'에서)"


class UnitPostInline(ReportTabularInline):
    model = Post
    fk_name = "unit"
    fields = ["order", "person", "title", "is_head"]
    autocomplete_fields = ["person"]


@admin.register(OrgUnit)
class OrgUnitAdmin(ReportAdmin):
    list_display = ["name", "kind", "parent", "order", edition_year]
    list_display_links = ["name"]
    list_editable = ["order"]
    list_filter = ["edition", "kind"]
    list_select_related = ["parent", "edition"]
    search_fields = ["name"]
    autocomplete_fields = ["edition", "parent"]
    inlines = [DutyGroupInline, UnitPostInline]


class DutyItemInline(ReportTabularInline):
    model = DutyItem
    fields = ["order", "text"]


@admin.register(DutyGroup)
class DutyGroupAdmin(ReportAdmin):
    list_display = ["heading_or_blank", "unit", "order"]
    list_editable = ["order"]
    list_filter = ["unit__edition", "unit"]
    list_select_related = ["unit"]
    search_fields = ["heading", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [DutyItemInline]

    @admin.display(description="업무 구분", ordering="heading")
    def heading_or_blank(self, group):
        return group.heading or "(구분 없음)"


@admin.register(DutyItem)
class DutyItemAdmin(ReportAdmin):
    list_display = ["text", "group", "order"]
    list_editable = ["order"]
    list_filter = ["group__unit__edition", "group__unit"]
    list_select_related = ["group__unit"]
    search_fields = ["text", "group__heading", "group__unit__name"]
    autocomplete_fields = ["group"]


class PersonPostInline(ReportTabularInline):
    model = Post
    fk_name = "person"
    # A post's 순서 places it in its unit (UnitPostInline), not among one person's posts.
    order_field = None
    fields = ["unit", "title", "is_head", "order"]
    autocomplete_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(DeskImportExportMixin, ReportAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "phone", "grade", "employment", edition_year]
    list_filter = ["edition", "employment", "grade"]
    list_select_related = ["grade", "edition"]
    search_fields = ["name", "phone"]
    autocomplete_fields = ["edition", "grade"]
    inlines = [PersonPostInline]


@admin.register(Post)
class PostAdmin(ReportAdmin):
    list_display = ["title", "person", "unit", "is_head", "order"]
    list_editable = ["order"]
    list_filter = ["unit__edition", "is_head", "unit"]
    list_select_related = ["person", "unit"]
    search_fields = ["person__name", "title", "unit__name"]
    autocomplete_fields = ["person", "unit"]


class AuthorisedHeadcountInline(ReportTabularInline):
    model = AuthorisedHeadcount
    fields = ["effective_from", "count"]
    verbose_name_plural = "정원 (시행일별)"


class CurrentHeadcountInline(ReportTabularInline):
    model = CurrentHeadcount
    fields = ["as_of", "count"]
    verbose_name_plural = "현원 (기준일별 · 새 조사일은 '현원 조사'에서 모든 직급을 함께)"


def headcount_rows_today():
    """The 인력 table in force today, by grade name (정원 in force, 현원 of the latest census)."""
    return {row.grade: row for row in figures.headcount_table(timezone.localdate()) if not row.is_total}


@admin.register(Grade)
class GradeAdmin(ReportAdminWithoutHistory):
    """The 인력 table of the report, one row per 직급: 정원 and 현원 are edited on each 직급's page."""

    list_display = ["name", "authorised", "current", "gap"]
    search_fields = ["name"]
    inlines = [AuthorisedHeadcountInline, CurrentHeadcountInline]
    readonly_fields = ["authorised", "current", "gap"]
    fields = ["name", "order", "authorised", "current", "gap"]

    def prepare_results(self, grades):
        rows = headcount_rows_today()
        for grade in grades:
            grade.headcount = rows.get(grade.name)

    def _row(self, grade):
        if not hasattr(grade, "headcount"):
            grade.headcount = headcount_rows_today().get(grade.name) if grade.pk else None
        return grade.headcount

    @admin.display(description="정원")
    def authorised(self, grade):
        row = self._row(grade)
        return format_count(row.authorised) if row else "-"

    @admin.display(description="현원")
    def current(self, grade):
        row = self._row(grade)
        return format_count(row.current) if row else "-"

    @admin.display(description="과부족")
    def gap(self, grade):
        row = self._row(grade)
        return format_gap(row.gap) if row else "-"

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        census = figures.current_census_date(today)
        title = f"직급별 정원·현원 (오늘 {format_date(today)} 현재"
        title += f", 현원은 {format_date(census)} 조사)" if census else ")"
        table = figures.headcount_table(today)
        total, contract = table[0], figures.contract_staff(today)
        context = {
            "title": title,
            "headcount_total": {
                "authorised": format_count(total.authorised),
                "current": format_count(total.current),
                "gap": format_gap(total.gap),
                "contract": format_count(contract),
                "staff": format_count(figures.total_staff_of(table, contract)),
            },
        }
        return super().changelist_view(request, {**context, **(extra_context or {})})


class HeadcountAdmin(ReportAdmin):
    list_display = ["grade", "count"]
    list_editable = ["count"]
    list_filter = ["grade"]
    list_select_related = ["grade"]
    search_fields = ["grade__name"]
    autocomplete_fields = ["grade"]


@admin.register(AuthorisedHeadcount)
class AuthorisedHeadcountAdmin(DeskImportExportMixin, HeadcountAdmin):
    resource_classes = [AuthorisedHeadcountResource]
    list_display = ["effective_from", *HeadcountAdmin.list_display]
    list_filter = ["effective_from", *HeadcountAdmin.list_filter]
    date_hierarchy = "effective_from"

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"subtitle": AUTHORISED_HELP, **(extra_context or {})})


def grade_field_name(grade):
    return f"grade_{grade.pk}"


class HeadcountCensusForm(forms.ModelForm):
    """One census on one form: its date, every grade's 현원 (each required, 0 included) and 계약직.

    A new census opens with the counts of the previous one (HeadcountCensusAdmin.get_changeform_initial_data),
    so recording one hire is changing one number.
    """

    contract_staff = forms.IntegerField(label="정원 외 인력(계약직)", min_value=0, help_text="명")

    class Meta:
        model = HeadcountCensus
        fields = ["as_of", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.grades = list(Grade.objects.order_by("order"))
        counts, contract = census_service.census_counts(self.instance) if self.instance.pk else ({}, None)
        for grade in self.grades:
            self.fields[grade_field_name(grade)] = forms.IntegerField(
                label=f"{grade.name} 현원", min_value=0, initial=counts.get(grade.pk), help_text="명",
            )
        if contract is not None:
            self.fields["contract_staff"].initial = contract

    def grade_counts(self):
        return {grade.pk: self.cleaned_data[grade_field_name(grade)] for grade in self.grades}


@admin.register(HeadcountCensus)
class HeadcountCensusAdmin(ReportAdmin):
    """현원 조사: one row per 조사일 with its total; a census is entered and corrected as a whole."""

    form = HeadcountCensusForm
    list_display = ["census_day", "current_total", "contract", "note"]
    list_display_links = ["census_day"]
    date_hierarchy = "as_of"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(current_sum=Sum("rows__count")).select_related("contract_staff")

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            # a reader sees the counts as one line (the grade inputs are the form's, not the model's)
            return [(None, {"fields": ["as_of", "note", "counts"]})]
        grade_fields = [grade_field_name(grade) for grade in Grade.objects.order_by("order")]
        return [
            (None, {"fields": ["as_of", "note"], "description": CENSUS_HELP}),
            ("직급별 현원", {"fields": grade_fields}),
            ("정원 외 인력", {"fields": ["contract_staff"]}),
        ]

    def get_form(self, request, obj=None, **kwargs):
        # the grade fields are the form's own, not the model's: only these two are built from it
        return super().get_form(request, obj, **{**kwargs, "fields": ["as_of", "note"]})

    def get_readonly_fields(self, request, obj=None):
        # a census's date is what it is: a later count is a new census
        return ["as_of", "counts"] if obj is not None else []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        previous = census_service.previous_census()
        if previous is not None:
            counts, contract = census_service.census_counts(previous)
            initial.update({grade_field_name(grade): counts[grade.pk] for grade in Grade.objects.all() if grade.pk in counts})
            if contract is not None:
                initial["contract_staff"] = contract
        return initial

    def save_model(self, request, obj, form, change):
        census_service.record_census(
            as_of=obj.as_of, counts=form.grade_counts(), contract_staff=form.cleaned_data["contract_staff"],
            note=obj.note, census=obj,
        )

    @admin.display(description="직급별 현원")
    def counts(self, census):
        counts, contract = census_service.census_counts(census)
        grades = " · ".join(f"{grade.name} {counts.get(grade.pk, '없음')}" for grade in Grade.objects.order_by("order"))
        return f"{grades} · 계약직 {'없음' if contract is None else contract}"

    @admin.display(description="조사일", ordering="as_of")
    def census_day(self, census):
        return format_date(census.as_of)

    @admin.display(description="현원 계", ordering="current_sum")
    def current_total(self, census):
        return f"{census.current_sum or 0:,}명"

    @admin.display(description="계약직")
    def contract(self, census):
        contract = getattr(census, "contract_staff", None)
        return f"{contract.count:,}명" if contract is not None else "없음"


@admin.register(CurrentHeadcount)
class CurrentHeadcountAdmin(DeskImportExportMixin, HeadcountAdmin):
    resource_classes = [CurrentHeadcountResource]
    list_display = ["as_of", *HeadcountAdmin.list_display]
    list_filter = ["as_of", *HeadcountAdmin.list_filter]
    date_hierarchy = "as_of"

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"subtitle": CENSUS_HELP, **(extra_context or {})})


@admin.register(ContractStaffCount)
class ContractStaffCountAdmin(ReportAdmin):
    list_display = ["as_of", "count", "note"]
    list_editable = ["count"]
    list_filter = ["as_of"]
    date_hierarchy = "as_of"
