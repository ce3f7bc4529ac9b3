"""What every admin page of the report's data shares.

Each team keeps its part of the report up to date in the Django admin. The admin classes of
`reports`, `staffing`, `budget` and `projects` derive from the classes below, so behaviour that
must hold on every page (change history, and later the role and team scoping of
accounts.roles through get_queryset / has_*_permission) is written once, here.
"""
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.forms import Textarea
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

# Long texts (추진실적, 업무 내용…) are edited in rows of a table: a few lines, not a full page.
COMPACT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 60})}}


class FiguresChangeList(ChangeList):
    """A change list that lets its admin attach computed figures to the page's rows at once."""

    def get_results(self, request):
        super().get_results(request)
        self.model_admin.prepare_results(list(self.result_list))


class ReportAdminMixin:
    """Settings shared by every admin of the report's data, with or without change history."""

    list_per_page = 50
    save_on_top = True
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


class ReportInlineMixin:
    """Rows edited inside their parent's form: no blank rows unless asked, order editable."""

    extra = 0
    formset = ReportInlineFormSet
    formfield_overrides = COMPACT_TEXT


class ReportTabularInline(ReportInlineMixin, admin.TabularInline):
    pass


class ReportStackedInline(ReportInlineMixin, admin.StackedInline):
    pass
