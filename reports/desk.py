"""Pieces shared by the HR and finance desk pages (staffing/views.py, budget/views.py).

- DeskTable: a django-tables2 table whose 계 row sits in the footer (so sorting never moves it)
  and is exported as the last row;
- amount, rate, gap and headcount columns printed by reports.formatting, exported as numbers;
- SafeTableExport: xlsx/csv export whose text cells cannot run as formulae; the xlsx laid out as a
  report table (title, 기준일, 단위, number formats: reports/workbook.py);
- the edition and the as-of date a page shows, read from the query string.
"""
import datetime

import django_tables2 as tables
from django import forms
from django.http import Http404
from django.shortcuts import render
from django_tables2.export import TableExport
from django_tables2.rows import BoundRow

from reports import formatting, workbook
from reports.models import ReportEdition
from reports.spreadsheets import escape_dataset

EXPORT_FORMATS = ("xlsx", "csv")


class SafeTableExport(TableExport):
    """TableExport whose text cells beginning with =, +, -, @ are escaped with a leading apostrophe;
    the xlsx is a report table: the table's title, `basis` (기준일) and unit above the header."""

    def __init__(self, export_format, table, basis=None, **kwargs):
        self.table, self.basis = table, basis
        super().__init__(export_format, table, **kwargs)

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        return escape_dataset(super().table_to_dataset(table, exclude_columns, dataset_kwargs))

    def export(self):
        if self.format == self.XLSX:
            return workbook.workbook_bytes([self.sheet()])
        data = super().export()
        # a byte-order mark, so that Excel opens a Korean CSV as UTF-8
        return "\ufeff" + data if self.format == self.CSV else data

    def sheet(self):
        kinds = [column_kind(bound.column) for bound in self.table.columns.iterall()
                 if not bound.column.exclude_from_export]
        columns = [workbook.Column(str(header), kind) for header, kind in zip(self.dataset.headers, kinds)]
        title = self.table.title or self.dataset.title
        return workbook.Sheet(name=title[:31], title=title, columns=columns, rows=[list(row) for row in self.dataset],
                              notes=[self.basis, workbook.unit_note(columns), workbook.made_note()])


def export_response(table, export_format, name, basis=None):
    exporter = SafeTableExport(export_format, table, basis=basis, dataset_kwargs={"title": (table.title or name)[:31]})
    return exporter.response(filename=f"{name}.{export_format}")


def export_requested(request, tables_by_name, filename, basis=None):
    """The xlsx/csv of the table named by ?table= (the first by default), or None for a normal page.

    `basis` says what the figures stand on, for the xlsx's note row: as_of_note(…) or edition_note(…)."""
    export_format = request.GET.get("_export")
    if export_format not in EXPORT_FORMATS:
        return None
    name = request.GET.get("table") or next(iter(tables_by_name))
    if name not in tables_by_name:
        raise Http404("없는 표입니다.")
    return export_response(tables_by_name[name], export_format, f"{filename}-{name}", basis=basis)


def as_of_note(as_of):
    return f"기준일 {formatting.format_date(as_of)}"


def edition_note(edition):
    return f"{edition.year}년 업무보고 (기준일 {formatting.format_date(edition.figures_as_of)})"


def column_kind(column):
    """The xlsx number format of a desk column (reports/workbook.py NUMBER_FORMATS)."""
    for column_class, kind in ((RateColumn, "rate"), (GapColumn, "gap"), (CountColumn, "count"),
                               (NumberColumn, "amount")):
        if isinstance(column, column_class):
            return kind
    return "text"


def no_edition(request):
    return render(request, "desk/no_edition.html", status=404)


class NumberColumn(tables.Column):
    """A right-aligned figure: `formatter` prints it, the export gets the raw value."""

    formatter = staticmethod(formatting.format_amount)

    def __init__(self, *args, **kwargs):
        attrs = kwargs.setdefault("attrs", {})
        attrs.setdefault("td", {"class": "number"})
        attrs.setdefault("th", {"class": "number"})
        attrs.setdefault("tf", {"class": "number"})
        # None reaches render (printed "-" as the report does) and value (an empty export cell)
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self, value):
        return self.formatter(value)

    def value(self, value):
        return value


class AmountColumn(NumberColumn):
    formatter = staticmethod(formatting.format_amount)


class RateColumn(NumberColumn):
    formatter = staticmethod(formatting.format_rate)


class GapColumn(NumberColumn):
    formatter = staticmethod(formatting.format_gap)


class CountColumn(NumberColumn):
    formatter = staticmethod(formatting.format_count)


class DeskTable(tables.Table):
    """A desk table; pass `total=` (an object shaped like a row) to print and export a 계 row."""

    def __init__(self, *args, total=None, title="", **kwargs):
        super().__init__(*args, **kwargs)
        self.total = total
        self.title = title  # the heading on the page and the title row of its xlsx

    @property
    def total_row(self):
        return BoundRow(self.total, table=self) if self.total is not None else None

    def as_values(self, exclude_columns=None):
        yield from super().as_values(exclude_columns)
        if self.total is not None:
            exclude_columns = exclude_columns or ()
            names = [c.name for c in self.columns.iterall()
                     if not (c.column.exclude_from_export or c.name in exclude_columns)]
            total_row = self.total_row
            yield [total_row.get_cell_value(name) for name in names]

    class Meta:
        default = ""
        template_name = "desk/table.html"
        attrs = {"class": "desk-table"}
        empty_text = "해당하는 자료가 없습니다."


# ---------------------------------------------------------------- what a page shows

class EditionDateForm(forms.Form):
    """The edition (연도) and the as-of date (기준일) of a desk page; the default is the latest edition's 기준일."""

    year = forms.TypedChoiceField(label="연도", coerce=int, required=False)
    as_of = forms.DateField(label="기준일", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, data=None, *, editions, with_date=True):
        super().__init__(data)
        self.editions = {edition.year: edition for edition in editions}
        self.fields["year"].choices = [(year, f"{year}년") for year in self.editions]
        if not with_date:
            del self.fields["as_of"]

    def chosen(self):
        """(edition, as_of): the edition chosen (default the latest) and the date (default its 기준일)."""
        data = self.cleaned_data if self.is_valid() else {}
        edition = self.editions.get(data.get("year")) or next(iter(self.editions.values()), None)
        as_of = data.get("as_of") or (edition.figures_as_of if edition else datetime.date.today())
        return edition, as_of


def edition_and_date(request, with_date=True):
    editions = list(ReportEdition.objects.order_by("-year"))
    form = EditionDateForm(request.GET or None, editions=editions, with_date=with_date)
    edition, as_of = form.chosen()
    if not form.is_bound and edition is not None:
        form.initial = {"year": edition.year, "as_of": as_of}  # show what the page shows
    return form, edition, as_of
