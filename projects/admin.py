"""Each team's page of 주요 현안업무 (one per 단위사업) and the 정책목표 및 추진전략 of section II."""
from django import forms
from django.contrib import admin

from accounts.admin_scoping import TeamScopedAdminMixin, TeamScopedInlineMixin
from budget import figures as budget_figures
from projects.concurrency import VersionedPageAdminMixin
from projects.models import (
    AchievementItem,
    AchievementTableRow,
    CoreValue,
    MidTermGoal,
    OverviewSubItem,
    ProgramContact,
    ProgramPage,
    ScheduleItem,
    StrategicGoal,
    StrategicTask,
    Strategy,
)
from projects.periods import FORMS as PERIOD_FORMS
from projects.periods import format_period, parse_period
from reports.admin_base import ReportAdmin, ReportInlineFormSet, ReportTabularInline
from reports.formatting import format_amount

PAGE_EDITION = "page__unit__policy__edition"
PAGE_TEAM = "page__unit__owning_team"
PAGE_UNIT = "page__unit"
# Filter among the teams and 단위사업 that have a page, not every unit of the organisation.
PAGE_TEAM_FILTER = (PAGE_TEAM, admin.RelatedOnlyFieldListFilter)
PAGE_UNIT_FILTER = (PAGE_UNIT, admin.RelatedOnlyFieldListFilter)


class ProgramContactInline(TeamScopedInlineMixin, ReportTabularInline):
    model = ProgramContact
    fields = ["order", "role", "post"]
    autocomplete_fields = ["post"]


class OverviewSubItemInline(TeamScopedInlineMixin, ReportTabularInline):
    model = OverviewSubItem
    fields = ["order", "marker", "text"]


class AchievementItemInline(TeamScopedInlineMixin, ReportTabularInline):
    model = AchievementItem
    fields = ["order", "level", "marker", "text"]
    show_change_link = True
    verbose_name_plural = "추진실적 (표의 행은 각 줄의 '변경'에서)"


class ScheduleItemForm(forms.ModelForm):
    """A 향후일정 line whose period is typed as the report prints it ("10~12월", "11.5~11.7").

    projects.periods reads the text into starts_on, ends_on and precision, and prints them back,
    so what the editor types is what the report prints.
    """

    period = forms.CharField(
        label="기간", required=False, max_length=20,
        help_text=f"보고서에 인쇄되는 그대로: {PERIOD_FORMS}. ※ 참고 줄은 비웁니다.",
    )

    class Meta:
        model = ScheduleItem
        fields = ["order", "level", "marker", "text"]

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        item = self.instance
        self.initial.setdefault("period", format_period(item.period, year) if year else "")

    def clean_period(self):
        text = self.cleaned_data["period"].strip()
        if not text:
            return None
        if self.year is None:
            raise forms.ValidationError("단위사업을 먼저 고른 뒤 기간을 적으세요.")
        try:
            return parse_period(text, self.year)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        if "period" in cleaned:
            self.instance.period = cleaned["period"]
        return cleaned


class ScheduleFormSet(ReportInlineFormSet):
    """Gives each line the year of its page's edition, the year a typed period falls in."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        unit = self.instance.unit if self.instance.unit_id else None
        kwargs["year"] = unit.policy.edition.year if unit else None
        return kwargs


class ScheduleItemInline(TeamScopedInlineMixin, ReportTabularInline):
    model = ScheduleItem
    form = ScheduleItemForm
    formset = ScheduleFormSet
    fields = ["order", "level", "marker", "text", "period"]


@admin.register(ProgramPage)
class ProgramPageAdmin(VersionedPageAdminMixin, TeamScopedAdminMixin, ReportAdmin):
    """A team lead sees and edits only their team's pages (accounts.admin_scoping); a save made
    after someone else's is refused (projects.concurrency)."""

    team_path = "unit__owning_team"
    scoped_readonly_fields = ["unit"]
    list_display = ["number", "title", "owning_team", "updated_at", "version"]
    list_display_links = ["number", "title"]
    list_filter = [
        "unit__policy__edition",
        ("unit__owning_team", admin.RelatedOnlyFieldListFilter),
        ("unit__policy", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["unit__owning_team", "unit__policy__edition"]
    search_fields = ["unit__number", "unit__name", "goal", "background", "content"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["budget_total", "updated_at", "version"]
    fieldsets = [
        (None, {"fields": ["unit", "goal"]}),
        ("사업개요", {"fields": ["background", "content", "budget_total"]}),
        ("판 정보", {"fields": ["updated_at", "version"], "classes": ["collapse"]}),
    ]
    inlines = [ProgramContactInline, OverviewSubItemInline, AchievementItemInline, ScheduleItemInline]

    @admin.display(description="번호", ordering="unit__number")
    def number(self, page):
        return page.unit.number

    @admin.display(description="사업명", ordering="unit__name")
    def title(self, page):
        return page.unit.name

    @admin.display(description="담당 팀", ordering="unit__owning_team__name")
    def owning_team(self, page):
        return page.unit.owning_team

    @admin.display(description="사업예산(천원)")
    def budget_total(self, page):
        if page.unit_id is None:
            return "-"
        return format_amount(budget_figures.unit_total(page.unit))


class AchievementTableRowInline(TeamScopedInlineMixin, ReportTabularInline):
    model = AchievementTableRow
    parent_team_path = "page__unit__owning_team"
    fields = ["order", "label", "content"]


@admin.register(AchievementItem)
class AchievementItemAdmin(TeamScopedAdminMixin, ReportAdmin):
    team_path = PAGE_TEAM
    scoped_parent_field = "page"
    list_display = ["page", "order", "level", "marker", "text"]
    list_editable = ["order"]
    list_filter = [PAGE_EDITION, PAGE_TEAM_FILTER, "marker", PAGE_UNIT_FILTER]
    list_select_related = ["page__unit"]
    search_fields = ["text", "page__unit__number", "page__unit__name"]
    autocomplete_fields = ["page"]
    inlines = [AchievementTableRowInline]


@admin.register(AchievementTableRow)
class AchievementTableRowAdmin(TeamScopedAdminMixin, ReportAdmin):
    team_path = f"item__{PAGE_TEAM}"
    scoped_parent_field = "item"
    list_display = ["label", "content", "item", "order"]
    list_filter = [f"item__{PAGE_EDITION}", (f"item__{PAGE_UNIT}", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["item"]
    search_fields = ["label", "content"]
    autocomplete_fields = ["item"]


@admin.register(OverviewSubItem)
class OverviewSubItemAdmin(TeamScopedAdminMixin, ReportAdmin):
    team_path = PAGE_TEAM
    scoped_parent_field = "page"
    list_display = ["page", "order", "marker", "text"]
    list_editable = ["order"]
    list_filter = [PAGE_EDITION, PAGE_TEAM_FILTER, PAGE_UNIT_FILTER]
    list_select_related = ["page__unit"]
    search_fields = ["text"]
    autocomplete_fields = ["page"]


@admin.register(ScheduleItem)
class ScheduleItemAdmin(TeamScopedAdminMixin, ReportAdmin):
    team_path = PAGE_TEAM
    scoped_parent_field = "page"
    list_display = ["page", "order", "text", "printed_period", "starts_on", "ends_on"]
    list_editable = ["order"]
    list_filter = [PAGE_EDITION, PAGE_TEAM_FILTER, "ends_on", PAGE_UNIT_FILTER]
    list_select_related = ["page__unit__policy__edition"]
    search_fields = ["text"]
    autocomplete_fields = ["page"]

    @admin.display(description="인쇄 표기")
    def printed_period(self, item):
        return item.period_label or "-"


@admin.register(ProgramContact)
class ProgramContactAdmin(ReportAdmin):
    list_display = ["page", "role", "post", "order"]
    list_filter = [PAGE_EDITION, "role", PAGE_UNIT_FILTER]
    list_select_related = ["page__unit", "post__person"]
    search_fields = ["post__person__name", "post__title", "page__unit__name"]
    autocomplete_fields = ["page", "post"]


class CoreValueInline(ReportTabularInline):
    model = CoreValue
    fields = ["order", "name"]


class MidTermGoalInline(ReportTabularInline):
    model = MidTermGoal
    fields = ["order", "text"]


class StrategicGoalInline(ReportTabularInline):
    model = StrategicGoal
    fields = ["order", "name"]
    show_change_link = True
    verbose_name_plural = "전략목표 (전략과제는 각 목표의 '변경'에서)"


@admin.register(Strategy)
class StrategyAdmin(ReportAdmin):
    list_display = ["edition", "mission", "vision", "goals_start_year", "goals_end_year"]
    list_select_related = ["edition"]
    search_fields = ["mission", "vision"]
    autocomplete_fields = ["edition"]
    inlines = [CoreValueInline, MidTermGoalInline, StrategicGoalInline]


class StrategicTaskInline(ReportTabularInline):
    model = StrategicTask
    fields = ["order", "name"]


class StrategyLineAdmin(ReportAdmin):
    """A numbered line of a strategy (전략목표, 핵심가치, 중장기 경영목표): listed per edition, reordered in the list."""

    list_editable = ["order"]
    list_filter = ["strategy__edition"]
    list_select_related = ["strategy__edition"]
    autocomplete_fields = ["strategy"]


@admin.register(StrategicGoal)
class StrategicGoalAdmin(StrategyLineAdmin):
    list_display = ["name", "order", "strategy"]
    search_fields = ["name"]
    inlines = [StrategicTaskInline]


@admin.register(StrategicTask)
class StrategicTaskAdmin(ReportAdmin):
    list_display = ["name", "goal", "order"]
    list_editable = ["order"]
    list_filter = ["goal__strategy__edition", "goal"]
    list_select_related = ["goal"]
    search_fields = ["name", "goal__name"]
    autocomplete_fields = ["goal"]


@admin.register(CoreValue)
class CoreValueAdmin(StrategyLineAdmin):
    list_display = ["name", "order", "strategy"]
    search_fields = ["name"]


@admin.register(MidTermGoal)
class MidTermGoalAdmin(StrategyLineAdmin):
    list_display = ["text", "order", "strategy"]
    search_fields = ["text"]
