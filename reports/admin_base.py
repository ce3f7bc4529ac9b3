"""What every admin page of the report's data shares.

Each team keeps its part of the report up to date in the Django admin. The admin classes of
`reports`, `staffing`, `budget` and `projects` derive from the classes below, so behaviour that
must hold on every page (change history, the place of a row among its parent's rows, and later
the role and team scoping of accounts.roles through get_queryset / has_*_permission) is written
once, here.
"""
from functools import cache

from adminsortable2.admin import CustomInlineFormSetMixin, SortableAdminBase, SortableTabularInline
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin

from reports import locks
from reports.admin_widgets import ChosenAutocompleteMixin, ChosenOptionsForm
from reports.history import HISTORY_USER_PERSON, ReportHistoryContextHelper

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


class ReportAdminMixin(ChosenAutocompleteMixin, SortableAdminBase):
    """Settings shared by every admin of the report's data, with or without change history.

    SortableAdminBase (django-admin-sortable2) gives the change form what its sortable inlines
    need: the 순서 field's name passed to their formsets, the `sortable` class on their fieldset
    that its script looks for, and the script itself.
    """

    form = ChosenOptionsForm
    list_per_page = 50
    save_on_top = True
    formfield_overrides = FORM_TEXT
    empty_value_display = "-"

    class Media:
        css = {"all": ["admin_extra/report_admin.css"]}
        js = ["admin_extra/inline_order.js"]

    def get_changelist(self, request, **kwargs):
        return FiguresChangeList

    # A part of the report 확정 in the round in progress is read-only (reports.locks): the change
    # form shows it as to a reader, with the reason, and every write is refused on the server.
    def has_add_permission(self, request):
        return super().has_add_permission(request) and not locks.locked_reason(None, self.model, request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not locks.locked_reason(obj, self.model, request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not locks.locked_reason(obj, self.model, request)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        reason = locks.locked_reason(obj, self.model, request) if obj is not None else None
        if reason and request.method == "GET":
            messages.warning(request, reason)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        reason = locks.locked_reason(None, self.model, request)
        if reason and request.method == "GET":
            messages.warning(request, reason)
        return super().changelist_view(request, extra_context)

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None, **kwargs):
        inline_admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj, **kwargs)
        for inline_admin_formset in inline_admin_formsets:
            if not inline_admin_formset.has_change_permission:
                # A reader's rows are not moved: no drag handle, and no 순서 inputs to renumber.
                classes = inline_admin_formset.classes.split()
                inline_admin_formset.classes = " ".join(name for name in classes if name != "sortable")
        return inline_admin_formsets

    def prepare_results(self, objects):
        """Attach figures to the rows of one list page with a fixed number of queries.

        An admin whose columns come from a figures function computed per edition (세입 총괄,
        인력 표…) overrides this to call the function once per page instead of once per row.
        """


class ReportAdmin(ReportAdminMixin, SimpleHistoryAdmin):
    """Admin of a model with `history = HistoricalRecords()`: its 변경 이력 is on each object's page,
    in Korean (templates/simple_history/), values as the report prints them, authors by name."""

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # The 수정한 사람 column names the person behind each login: one join, not a query a row.
        return super().get_history_queryset(request, history_manager, pk_name, object_id).select_related(
            HISTORY_USER_PERSON
        )

    def get_historical_record_context_helper(self, request, historical_record):
        return ReportHistoryContextHelper(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history reverts to an old version on POST with view permission alone: a reader
        # (감사, or any role reading another desk's data) could write. Reverting is changing.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            allowed = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
            if not allowed:
                raise PermissionDenied("이 항목을 되돌릴 권한이 없습니다.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdminMixin:
    """An admin (or inline) that only lists and shows its records: they are written elsewhere, by
    publishing or by the report cycle's service, never in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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

    @cached_property
    def empty_form(self):
        """The blank row that "add another" copies, made once: the admin's inline reads it for the
        table's headings and again for the row (Django's is a property that makes a new form each time)."""
        return super().empty_form


@cache
def sortable_formset(formset):
    """`formset` with django-admin-sortable2's 순서 handling: the field is a hidden input that the
    drag and drop and the ▲▼ buttons renumber, and a new row left at 0 is saved after the last."""
    return type(f"Sortable{formset.__name__}", (CustomInlineFormSetMixin, formset), {})


class ReportTabularInline(ChosenAutocompleteMixin, admin.TabularInline):
    """Rows edited inside their parent's form: no blank rows unless asked.

    Where the rows have a 순서 (`order_field`), they are shown in that order and placed by drag
    and drop or the ▲▼ buttons (admin_extra/inline_order.js, for the keyboard), and a new row
    goes after the last: never to the top with the field's default 0.
    """

    extra = 0
    form = ChosenOptionsForm
    formset = ReportInlineFormSet
    formfield_overrides = COMPACT_TEXT
    # The field that places a row among its parent's other rows. None where the model's 순서
    # ranks the rows under another parent (a person's posts are ordered within their units).
    order_field = "order"

    def __init__(self, parent_model, admin_site):
        super().__init__(parent_model, admin_site)
        if self.is_sortable:
            # What adminsortable2's SortableInlineAdminMixin sets, with the field named: it would
            # read ordering[0], and our models' Meta.ordering starts with the parent (["page", "order"]).
            self.default_order_direction, self.default_order_field = "", self.order_field
            self.ordering = [self.order_field, "pk"]
            self.formset = sortable_formset(self.formset)
            if self.template == admin.TabularInline.template:  # an inline's own template stays
                self.template = SortableTabularInline.template

    # the rows of a part 확정 in the round in progress are read-only with it (reports.locks)
    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and not self.locked(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self.locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.locked(request, obj)

    def locked(self, request, parent):
        """The parent's lock (a 확정 page locks its lines), or the rows' own desk section's."""
        parent_locked = parent is not None and locks.locked_reason(parent, type(parent), request)
        return bool(parent_locked or locks.locked_reason(None, self.model, request))

    @property
    def is_sortable(self):
        return self.order_field is not None and any(
            field.name == self.order_field for field in self.model._meta.get_fields()
        )

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if self.is_sortable and self.order_field not in fields:
            fields.append(self.order_field)  # the hidden input the script renumbers
        return fields
