"""What every admin page of the report's data shares.

Each team keeps its part of the report up to date in the Django admin. The admin classes of
`reports`, `staffing`, `budget` and `projects` derive from the classes below, so behaviour that
must hold on every page (change history, and later the role and team scoping of
accounts.roles through get_queryset / has_*_permission) is written once, here.
"""
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

# Long texts (추진실적, 업무 내용…) are one or two sentences in the report: a few lines, not a page.
COMPACT_TEXT = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 2, "cols": 60})}}
FORM_TEXT = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3, "cols": 80})}}


@admin.display(description="연도", ordering="edition__year")
def edition_year(obj):
    """A short 연도 column for lists of records that belong to an edition (the year, not its title)."""
    return obj.edition.year


class FiguresChangeList(ChangeList):
    """A change list that lets its admin attach computed figures to the page's rows at once."""

    def get_results(self, request):
        super().get_results(request)
        self.model_admin.prepare_results(list(self.result_list))


class ReportAdminMixin:
    """Settings shared by every admin of the report's data, with or without change history."""

    list_per_page = 50
    save_on_top = True
    formfield_overrides = FORM_TEXT
    empty_value_display = "-"

    class Media:
        css = {"all": ["admin_extra/report_admin.css"]}

    def get_changelist(self, request, **kwargs):
        return FiguresChangeList

    def prepare_results(self, objects):
        """Attach figures to the rows of one list page with a fixed number of queries.

        An admin whose columns come from a figures function computed per edition (세입 총괄,
        인력 표…) overrides this to call the function once per page instead of once per row.
        """


class ReportAdmin(ReportAdminMixin, SimpleHistoryAdmin):
    """Admin of a model with `history = HistoricalRecords()`: its 변경 이력 is on each object's page."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history reverts to an old version on POST with view permission alone: a reader
        # (감사, or any role reading another desk's data) could write. Reverting is changing.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            allowed = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
            if not allowed:
                raise PermissionDenied("이 항목을 되돌릴 권한이 없습니다.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReportAdminWithoutHistory(ReportAdminMixin, admin.ModelAdmin):
    """Admin of a model that keeps no change history (직급 is a fixed list shared by every year)."""


class ReportInlineFormSet(BaseInlineFormSet):
    """Two rows of one form that break a unique constraint get the constraint's Korean message
    ("같은 직급·기준일의 현원이 이미 있습니다.") rather than Django's generic one naming the field."""

    def get_unique_error_message(self, unique_check):
        wanted = {self.fk.name, *unique_check}
        for constraint in self.model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and wanted == {self.fk.name, *constraint.fields}:
                return constraint.violation_error_message
        return super().get_unique_error_message(unique_check)


class ReportTabularInline(admin.TabularInline):
    """Rows edited inside their parent's form: no blank rows unless asked, order editable."""

    extra = 0
    formset = ReportInlineFormSet
    formfield_overrides = COMPACT_TEXT
