"""Each team's page of 주요 현안업무 (one per 단위사업) and the 정책목표 및 추진전략 of section II."""
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.admin_scoping import TeamScopedAdminMixin, TeamScopedInlineMixin
from budget import figures as budget_figures
from projects import preview
from projects.concurrency import VersionedLineAdminMixin, VersionedLineForm, VersionedPageAdminMixin
from projects.forms import ProgramPageForm, ScheduleItemForm, TableRowForm
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
from projects.outline import ACHIEVEMENTS, OVERVIEW, SCHEDULE, section_text
from projects.pages import item_mark
from reports.admin_base import ReportAdmin, ReportTabularInline
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

    # A post is named by its person ("팀장 고설태"): fetched with it, for the row and for the
    # autocomplete's chosen option alike, not one query each (issue 11, part 9).
    def get_queryset(self, request):
        return super().get_queryset(request).select_related("post__person")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "post" and field is not None:
            field.queryset = field.queryset.select_related("person")
        return field


class ReturnToPageMixin:
    """After saving a line on its own page, back to its programme page, not the list of every line."""

    def page_of(self, obj):
        return obj.page

    def page_response(self, request, obj, response):
        if "_continue" in request.POST or "_addanother" in request.POST or IS_POPUP_VAR in request.POST:
            return response
        page = self.page_of(obj)
        return HttpResponseRedirect(reverse("admin:projects_programpage_change", args=[page.pk]))

    def response_change(self, request, obj):
        return self.page_response(request, obj, super().response_change(request, obj))

    def response_add(self, request, obj, post_url_continue=None):
        return self.page_response(request, obj, super().response_add(request, obj, post_url_continue))


@admin.register(ProgramPage)
class ProgramPageAdmin(VersionedPageAdminMixin, TeamScopedAdminMixin, ReportAdmin):
    """A team lead sees and edits only their team's pages (accounts.admin_scoping); a save made
    after someone else's, of the page or of any of its lines, is refused (projects.concurrency).

    사업내용 세부 항목, 추진실적 and 향후일정 are each one outline text (projects.forms), with the
    page as the report prints it beside them, redrawn as one types (preview_view)."""

    form = ProgramPageForm
    team_path = "unit__owning_team"
    object_select_related = ["unit__policy__edition"]  # the year of its texts, its PDF's address
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
        ("사업개요", {"fields": ["background", "content", "overview_text", "budget_total"]}),
        ("추진실적", {"fields": ["achievements_text"]}),
        ("향후일정", {"fields": ["schedule_text"]}),
        ("판 정보", {"fields": ["updated_at", "version"], "classes": ["collapse"]}),
    ]
    inlines = [ProgramContactInline]

    class Media:
        css = {"all": ["admin_extra/outline_editor.css"]}
        js = ["admin_extra/outline_editor.js"]

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<path:object_id>/preview/", preview, name="projects_programpage_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The page as the report prints it with the texts of the form (not saved): for the editor."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"], "미리보기는 편집 화면에서 보냅니다.")
        page = self.get_object(request, unquote(object_id))
        if page is None:
            raise Http404("주요 현안업무 쪽이 없습니다.")
        if not self.has_change_permission(request, page):
            raise PermissionDenied("이 쪽을 고칠 권한이 없습니다.")
        draft = preview.draft_of(page, request.POST)
        html = render_to_string("admin/projects/programpage/preview_sheet.html", {
            "entry": draft.entry, "edition": page.unit.policy.edition, "for_print": True,
        }, request=request)
        return JsonResponse({"html": html, "errors": draft.errors, "error_lines": draft.error_lines})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and self.has_change_permission(request, obj):
            context["preview_url"] = reverse("admin:projects_programpage_preview", args=[obj.pk])
        # The texts and their print preview side by side need the page's width: no list of every
        # admin page beside them (the breadcrumbs and the header lead back).
        context["is_nav_sidebar_enabled"] = False
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if change and not form.changes_anything():
            return  # nothing typed: no new version (open forms of others stay valid), no history record
        obj._change_reason = form.change_reason()  # simple_history's 변경 사유 of the page's record
        super().save_model(request, obj, form, change)
        form.save_sections(obj)

    def response_change(self, request, obj):
        """Saving returns to the same page, with the report's print of it beside the texts."""
        if "_addanother" in request.POST or "_saveasnew" in request.POST or IS_POPUP_VAR in request.POST:
            return super().response_change(request, obj)
        self.message_user(request, f"'{obj}' 쪽을 저장했습니다. 보고서 미리보기와 PDF에 바로 반영됩니다.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:projects_programpage_change", args=[obj.pk]))

    @admin.display(description="사업내용 세부 항목")
    def overview_text(self, page):
        return outline_display(page, OVERVIEW)

    @admin.display(description="추진실적")
    def achievements_text(self, page):
        return outline_display(page, ACHIEVEMENTS)

    @admin.display(description="향후일정")
    def schedule_text(self, page):
        return outline_display(page, SCHEDULE)

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


def printed_line(level, mark, text):
    """A line in a list of lines as it prints: indented by its level, with its mark (○ - · ※ ▶ *)."""
    return format_html('<span class="printed-line level-{}">{} {}</span>', min(max(level, 1), 5), mark, text)


def outline_display(page, section):
    """A section's text for a reader of the page (no change permission): as a team lead writes it."""
    return format_html('<pre class="outline-readonly">{}</pre>', section_text(page, section))


class AchievementTableRowInline(TeamScopedInlineMixin, ReportTabularInline):
    model = AchievementTableRow
    parent_team_path = "page__unit__owning_team"
    fields = ["order", "label", "content"]


@admin.register(AchievementItem)
class AchievementItemAdmin(VersionedLineAdminMixin, ReturnToPageMixin, TeamScopedAdminMixin, ReportAdmin):
    form = VersionedLineForm
    team_path = PAGE_TEAM
    scoped_parent_field = "page"
    list_display = ["page", "order", "printed_line"]
    list_filter = [PAGE_EDITION, PAGE_TEAM_FILTER, "marker", PAGE_UNIT_FILTER]
    list_select_related = ["page__unit"]
    search_fields = ["text", "page__unit__number", "page__unit__name"]
    autocomplete_fields = ["page"]
    inlines = [AchievementTableRowInline]

    @admin.display(description="줄 (인쇄되는 단계와 기호로)", ordering="order")
    def printed_line(self, item):
        return printed_line(item.level, item_mark(item.marker, item.level), item.text or "(표)")


@admin.register(AchievementTableRow)
class AchievementTableRowAdmin(VersionedLineAdminMixin, ReturnToPageMixin, TeamScopedAdminMixin, ReportAdmin):
    form = TableRowForm
    team_path = f"item__{PAGE_TEAM}"
    scoped_parent_field = "item"

    def page_of(self, row):
        return row.item.page
    list_display = ["label", "content", "item", "order"]
    list_filter = [f"item__{PAGE_EDITION}", (f"item__{PAGE_UNIT}", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["item"]
    search_fields = ["label", "content"]
    autocomplete_fields = ["item"]


@admin.register(OverviewSubItem)
class OverviewSubItemAdmin(VersionedLineAdminMixin, ReturnToPageMixin, TeamScopedAdminMixin, ReportAdmin):
    form = VersionedLineForm
    team_path = PAGE_TEAM
    scoped_parent_field = "page"
    list_display = ["page", "order", "marker", "text"]
    list_filter = [PAGE_EDITION, PAGE_TEAM_FILTER, PAGE_UNIT_FILTER]
    list_select_related = ["page__unit"]
    search_fields = ["text"]
    autocomplete_fields = ["page"]


@admin.register(ScheduleItem)
class ScheduleItemAdmin(VersionedLineAdminMixin, ReturnToPageMixin, TeamScopedAdminMixin, ReportAdmin):
    form = ScheduleItemForm
    fields = ["page", "order", "level", "marker", "text", "period", "seen_page_version"]
    team_path = PAGE_TEAM
    scoped_parent_field = "page"
    list_display = ["page", "order", "printed_line", "printed_period", "starts_on", "ends_on"]
    list_filter = [PAGE_EDITION, PAGE_TEAM_FILTER, "ends_on", PAGE_UNIT_FILTER]
    list_select_related = ["page__unit__policy__edition"]
    search_fields = ["text"]
    autocomplete_fields = ["page"]

    @admin.display(description="인쇄 표기")
    def printed_period(self, item):
        return item.period_label or "-"

    @admin.display(description="줄 (인쇄되는 단계와 기호로)", ordering="order")
    def printed_line(self, item):
        return printed_line(item.level, item_mark(item.marker, item.level), item.text)


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
