"""Spreadsheet rules shared by the HR and finance desks (staffing/resources.py, budget/resources.py).

- An import is all-or-nothing: one bad row rolls back every row (also on the admin's confirm step).
- Every error names the spreadsheet row (the header is row 1) and the column, in Korean.
- An exported text cell that a spreadsheet would run as a formula (=, +, -, @) gets a leading
  apostrophe; an import strips it again, so an exported file imports as a no-op.
- Amounts and headcounts stay numbers in xlsx (the library's own escaping turns every cell into text).
- A CSV may be UTF-8 (with or without BOM) or CP949/EUC-KR; a file past the size, row or column
  limits (settings.DESK_IMPORT_MAX_*) is refused before its rows are built.
- Every row goes through the model's full_clean; a key is compared as parsed (one date, one key).
- An upload waits in its user's own folder (reports/uploads.py); a confirm applies only what its
  preview showed, else it is refused whole.
- A file of more than DESK_IMPORT_BACKGROUND_ROWS rows is previewed and confirmed by the task
  worker (reports/background.py), by the same code as a small one: the request only queues it.
"""
import contextlib
import csv
import datetime
import hashlib
import io
import os
import zipfile
from decimal import Decimal, InvalidOperation

import openpyxl
import tablib
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.contrib.auth.decorators import login_required
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export import resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm, SelectableFieldsExportForm
from import_export.signals import post_import

from reports import background
from reports.formatting import format_amount
from reports.import_preview import DeskDiff, import_preview
from reports.uploads import UPLOADER, UploadMissing, UserUploadStorage
from reports import locks, workbook
from reports.workbook import FORMULA_GUARD, escape_formula

def unescape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_GUARD) and value[1:2] and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def escape_dataset(dataset):
    """Escape every text cell of a tablib Dataset in place, keeping numbers and dates as they are."""
    rows = [[escape_formula(cell) for cell in row] for row in dataset]
    headers = [escape_formula(h) for h in dataset.headers] if dataset.headers else dataset.headers
    dataset.wipe()
    dataset.headers = headers
    for row in rows:
        dataset.append(row)
    return dataset


class FormulaSafeMixin:
    """Honours IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT for =, +, - and @, without turning numbers into text."""

    def _escape_formulae(self, dataset):
        escape_dataset(dataset)


class FileRefused(ValueError):
    """A file refused before any row is read; the message is Korean and shown as it is."""


def import_limits():
    """(bytes, rows, columns) an uploaded file may have (settings.DESK_IMPORT_MAX_*)."""
    return (settings.DESK_IMPORT_MAX_BYTES, settings.DESK_IMPORT_MAX_ROWS, settings.DESK_IMPORT_MAX_COLUMNS)


def check_file_size(size):
    max_bytes = import_limits()[0]
    if size > max_bytes:
        raise FileRefused(f"파일이 너무 큽니다({size / 1_000_000:,.1f}MB). {max_bytes / 1_000_000:,.0f}MB까지 "
                          f"올릴 수 있습니다. 파일을 나누어 올리세요.")


# an xlsx is a zip: what openpyxl reads whole (shared strings, styles) may unpack to far more than
# the upload; a real sheet unpacks to a few times its size
UNZIPPED_FACTOR = 20


def check_unzipped_size(data):
    try:
        unzipped = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile:
        raise FileRefused("xlsx 파일로 읽을 수 없습니다. 엑셀 통합 문서(.xlsx)로 저장했는지 확인하세요.") from None
    if unzipped > UNZIPPED_FACTOR * import_limits()[0]:
        raise FileRefused(f"압축을 푼 크기가 너무 큽니다({unzipped / 1_000_000:,.0f}MB). 표의 내용만 남긴 파일로 다시 올리세요.")


# a title and a note row (reports/workbook.py) or a few blank rows may stand above the header
MAX_ROWS_ABOVE_HEADER = 5


def is_above_header(values):
    """A row above the header: at most one cell with content (a title, a note), not a header."""
    return sum(1 for value in values if value is not None and str(value).strip()) <= 1


def dataset_from_rows(rows):
    """A tablib Dataset from an iterator of rows, refused as soon as a row or column with content
    passes the limits: nothing larger than the limits is ever built.

    The header is the first row with more than one cell (a title and a note row above it are
    skipped, as the site's own exports have them); `dataset.header_row` is its spreadsheet row.
    Empty cells at the end of a row and empty rows at the end of the sheet are not content (a sheet
    may declare or format far more than it holds); an empty row between rows is kept, so that row
    numbers stay the spreadsheet's."""
    _, max_rows, max_columns = import_limits()
    headers, kept, blank_run, header_row, above = None, [], 0, 1, []
    for number, values in enumerate(rows, start=1):
        values = list(values)
        while values and (values[-1] is None or values[-1] == ""):
            values.pop()
        if len(values) > max_columns:
            raise FileRefused(f"{number}행: 열이 {max_columns}개를 넘습니다. 표의 열만 남기고 다시 올리세요.")
        if headers is None:
            if number <= MAX_ROWS_ABOVE_HEADER and is_above_header(values):
                above.extend(str(value) for value in values if value is not None and str(value).strip())
                continue
            headers, header_row = values, number
            continue
        if not values:
            blank_run += 1
            continue
        if number - header_row > max_rows:
            raise FileRefused(f"행이 {max_rows:,}개(머리글 제외)를 넘습니다. 파일을 나누어 올리세요.")
        kept.extend([[]] * blank_run)
        blank_run = 0
        kept.append(values)
    headers = headers or []
    width = max((len(row) for row in kept), default=0)
    if width > len(headers):
        raise FileRefused(f"{header_row}행(머리글)에 이름이 없는 열에 값이 있습니다({width - len(headers)}개 열). "
                          f"머리글을 채우거나 그 열을 지우세요.")
    dataset = tablib.Dataset(headers=headers)
    for row in kept:
        dataset.append(row + [None] * (len(headers) - len(row)))
    dataset.header_row = header_row
    dataset.above_header = above  # the title and note texts
    return dataset


class XLSX(FormulaSafeMixin, base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        """A desk export as a report table (title, 기준일, 단위, number formats: reports/workbook.py);
        any other dataset as the library writes it."""
        sheet = getattr(dataset, "desk_sheet", None)
        if sheet is None:
            return super().export_data(dataset, **kwargs)
        sheet.rows = [list(row) for row in dataset]
        return workbook.workbook_bytes([sheet])

    def create_dataset(self, in_stream):
        """The active sheet, streamed (openpyxl read-only) and bounded by its real content, not by the
        dimension the file declares (a 1.6 KB file may declare A1:XFD20000)."""
        check_file_size(len(in_stream))
        check_unzipped_size(in_stream)
        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        except Exception as error:
            raise FileRefused("xlsx 파일로 읽을 수 없습니다. 엑셀 통합 문서(.xlsx)로 저장했는지 확인하세요.") from error
        try:
            sheet = book.active
            sheet.reset_dimensions()  # rows as long as their cells, not padded to the declared width
            return dataset_from_rows(sheet.iter_rows(values_only=True))
        finally:
            book.close()


class CSV(FormulaSafeMixin, base_formats.CSV):
    """A CSV in UTF-8 (with or without a byte-order mark) or CP949/EUC-KR, as Korean Excel saves
    "CSV (쉼표로 분리)"; the encoding is detected, so the file is kept and read as bytes."""

    ENCODINGS = ("utf-8-sig", "cp949")  # cp949 includes every EUC-KR file

    def export_data(self, dataset, **kwargs):
        # a byte-order mark, so that Excel opens a Korean CSV as UTF-8 (stripped again on import)
        return "\ufeff" + super().export_data(dataset, **kwargs)

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    @classmethod
    def decode(cls, data):
        if isinstance(data, str):
            return data.removeprefix("\ufeff")
        check_file_size(len(data))
        for encoding in cls.ENCODINGS:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise FileRefused("CSV 파일의 글자를 읽을 수 없습니다. 엑셀에서 'CSV UTF-8(쉼표로 분리)' 또는 "
                          "'CSV (쉼표로 분리)'로 다시 저장해 올리세요.")

    def create_dataset(self, in_stream, **kwargs):
        text = self.decode(in_stream)
        return dataset_from_rows(csv.reader(io.StringIO(text, newline="")))


DESK_FORMATS = [XLSX, CSV]

XLSX_ROW = b"<row "


def estimate_data_rows(data, input_format):
    """About how many rows a file holds, without reading it into rows (a few ms for 20,000): the
    lines of a CSV, the row elements of an xlsx's largest sheet. It only chooses between the request
    and the task worker; the limits are checked on the rows themselves."""
    if not isinstance(input_format, XLSX):
        return data.count(b"\n")
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        sheets = [item for item in book.infolist() if item.filename.startswith("xl/worksheets/")
                  and item.filename.endswith(".xml")]
        if not sheets:
            return 0
        count, tail = 0, b""
        with book.open(max(sheets, key=lambda item: item.file_size)) as sheet:
            while chunk := sheet.read(1 << 20):
                chunk = tail + chunk
                count += chunk.count(XLSX_ROW)
                tail = chunk[-(len(XLSX_ROW) - 1):]  # too short to hold a whole one: never counted twice
        return count
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return 0  # not an xlsx: the request refuses it as before


# --- widgets: Korean messages; the row and column are added by DeskResource ---------------------

class TextWidget(widgets.CharWidget):
    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)
        super().__init__(coerce_to_string=True, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return unescape_formula(str(value).strip())


class NumberWidget(widgets.Widget):
    """A whole, non-negative number (천원 amount or headcount); '1,234' is accepted."""

    def __init__(self, required=True, kind="amount"):
        self.required = required
        self.kind = kind  # "amount" (천원) or "count" (명): the number format of an xlsx cell
        super().__init__(coerce_to_string=False)

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise ValueError("값이 비어 있습니다.")
            return None
        if isinstance(value, bool):
            raise ValueError(f"숫자가 아닙니다: '{value}'")
        text = str(value).strip().replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"숫자가 아닙니다: '{value}'") from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(f"정수(천원·명 단위)가 아닙니다: '{value}'")
        if number < 0:
            raise ValueError(f"음수는 입력할 수 없습니다: '{value}'")
        if number.adjusted() > 15:
            raise ValueError(f"너무 큰 수입니다: '{value}'")
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value

    @staticmethod
    def preview_text(value):
        return format_amount(value)


class DateWidget(widgets.Widget):
    """A date cell (xlsx date) or text 2024-10-18 / 2024.10.18 / 2024. 10. 18."""

    FORMATS = ("%Y-%m-%d", "%Y.%m.%d", "%Y. %m. %d", "%Y. %m. %d.", "%Y/%m/%d")
    kind = "date"

    def __init__(self):
        super().__init__(coerce_to_string=False)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value or "").strip()
        if not text:
            raise ValueError("날짜가 비어 있습니다.")
        for fmt in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(f"날짜가 아닙니다: '{value}' (예: 2024-10-18)")

    def render(self, value, obj=None, **kwargs):
        return value


class ChoiceWidget(widgets.Widget):
    """A choice written by its Korean label (정규직, 계약직); the stored code is accepted too."""

    def __init__(self, labels):
        self.by_label = {label: code for code, label in labels.items()}
        self.labels = labels
        super().__init__(coerce_to_string=False)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if text in self.by_label:
            return self.by_label[text]
        if text in self.labels:
            return text
        raise ValueError(f"'{text}'은(는) 쓸 수 없는 값입니다. ({', '.join(self.by_label)} 중 하나)")

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(value, value)


class LookupWidget(widgets.Widget):
    """A related record named by a natural key; lookups are cached for the whole import.

    `load(key)` returns the object or None; `describe` names the kind of record in messages.
    """

    def __init__(self, load, render_key, describe):
        self.load = load
        self.render_key = render_key
        self.describe = describe
        self.cache = {}
        super().__init__(coerce_to_string=False)

    def key(self, value, row):
        return str(value).strip() if value is not None else ""

    def clean(self, value, row=None, **kwargs):
        key = self.key(value, row)
        if not key or (isinstance(key, tuple) and not all(key)):
            raise ValueError(f"{self.describe}이(가) 비어 있습니다.")
        if key not in self.cache:
            self.cache[key] = self.load(key)
        found = self.cache[key]
        if found is None:
            shown = key[-1] if isinstance(key, tuple) else key
            raise ValueError(f"'{shown}'은(는) 없는 {self.describe}입니다.")
        return found

    def render(self, value, obj=None, **kwargs):
        return self.render_key(value) if value is not None else ""


# --- the resource base ----------------------------------------------------------------------------

def row_label(row_number, rows_above=1):
    """The spreadsheet row of the n-th data row: `rows_above` the data are the header (row 1 unless a
    title stands above it) and a template's example row."""
    return f"{row_number + rows_above}행"


def portable_range_errors(instance, exclude=()):
    """{field: [message]} for integers outside the range every database keeps (PostgreSQL's): SQLite
    stores 3,000,000,000 in an IntegerField that PostgreSQL refuses, so the limit is checked here."""
    errors = {}
    for field in instance._meta.concrete_fields:
        low, high = BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type(), (None, None))
        value = getattr(instance, field.attname, None)
        if field.name in exclude or low is None or not isinstance(value, int) or field.primary_key:
            continue
        if not low <= value <= high:
            errors[field.name] = [f"너무 큰 수입니다: {value:,} ({high:,} 이하로 적으세요)."]
    return errors


class DeskResource(resources.ModelResource):
    """Base of every desk resource: Korean row/column errors, duplicate keys, all-or-nothing.

    Subclasses set `key_columns` (the natural key, by column name) and may add `check_row`.
    Every row goes through the model's full_clean (`clean_instance`), its messages given with the
    row and the column; `former_headers` renames the columns of files exported before a rename.
    """

    key_columns = ()
    required_columns = ()  # the columns an import reads; the blank template has just these
    former_headers = {}  # {a column's former name: its name now}
    clean_exclude = ()  # fields full_clean need not check (a related record the widget found)
    # checking a model's constraints in full_clean is a query per row and constraint: a resource
    # of thousands of rows may leave them to check_row and the database
    validate_constraints = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen_keys = {}
        self.row_number = None
        self.warnings_by_row = {}
        self.header_row = 1  # the spreadsheet row of the header (reports/workbook.py puts a title above)
        self.rows_above = 1  # the rows above the first data row: the header and any above it

    # all-or-nothing: a single invalid row rolls back the whole file, on the confirm step too
    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, rollback_on_validation_errors=False, **kwargs):
        """The import's result, with the rows a reader should look at before confirming:
        `warnings_by_row` ({data row number: [Korean warning]}) and `warning_lines` ("2행: …")."""
        self.warnings_by_row = {}
        result = super().import_data(
            dataset, dry_run=dry_run, raise_errors=raise_errors, use_transactions=use_transactions,
            collect_failed_rows=collect_failed_rows, rollback_on_validation_errors=True, **kwargs,
        )
        result.warnings_by_row = dict(self.warnings_by_row)
        result.rows_above = self.rows_above
        result.warning_lines = [f"{self.row_label(number)}: {warning}"
                                for number, warnings in sorted(self.warnings_by_row.items()) for warning in warnings]
        return result

    def row_label(self, row_number):
        return row_label(row_number, self.rows_above)

    def warn(self, message):
        """A warning on the row being imported: shown on its row of the preview, never refusing it."""
        self.warnings_by_row.setdefault(self.row_number, []).append(message)

    def template_columns(self):
        """The columns of the blank template: what an import reads, in order."""
        return list(self.required_columns)

    # --- the sheet people read and hand on (reports/workbook.py) ---------------------------------

    sheet_notes = ()  # what the title's note row says besides 단위 and when it was made

    def example_record(self):
        """The record the template's grey example row shows (unsaved is fine); None for no example."""
        return None

    def choice_lists(self):
        """{column: values}: the drop-down lists of a template's and an export's columns."""
        return {}

    def example_row(self):
        record = self.example_record()
        if record is None:
            return None
        return [self.field_of_column(column).export(record) for column in self.template_columns()]

    def field_of_column(self, column):
        """The field a spreadsheet column is read into, by its Korean name, or None."""
        return next((field for field in self.fields.values() if field.column_name == column), None)

    def sheet(self, headers, rows=(), example=None):
        """The workbook sheet of `headers`: title, notes, each column's number format and list."""
        lists = self.choice_lists()
        columns = []
        for header in headers:
            field = self.field_of_column(header)
            columns.append(workbook.Column(header, getattr(getattr(field, "widget", None), "kind", "text"),
                                           tuple(lists.get(header, ()))))
        notes = [*self.sheet_notes, workbook.unit_note(columns), workbook.made_note()]
        name = self.get_display_name()
        return workbook.Sheet(name=name[:31], title=name, notes=notes, columns=columns, rows=list(rows),
                              example=example)

    def export(self, queryset=None, **kwargs):
        """The export's rows; as xlsx, laid out as a report table (XLSX.export_data)."""
        dataset = super().export(queryset, **kwargs)
        dataset.title = self.get_display_name()[:31]
        dataset.desk_sheet = self.sheet(list(dataset.headers))
        return dataset

    def get_diff_class(self):
        return DeskDiff

    def after_import(self, dataset, result, **kwargs):
        """A confirm applies only what its preview showed: rows changed since (by another's confirm,
        or a record another created) refuse the whole file, in the import's transaction."""
        super().after_import(dataset, result, **kwargs)
        expected = kwargs.get("preview_fingerprint")
        if expected and not result.has_errors() and not result.has_validation_errors() \
                and preview_fingerprint(result) != expected:
            raise ValidationError(STALE_PREVIEW)

    @staticmethod
    def refuse_file(dataset, messages):
        """Refuse the whole file before any row is read: no row is imported, the messages are shown."""
        del dataset[0:len(dataset)]
        raise ValidationError(messages)

    def read_layout(self, dataset):
        """Where the file's rows are: the header's row (a title may stand above it), and a template's
        example row left as it is under the header, which is not data (its row number is kept)."""
        if getattr(dataset, "layout_read", False):
            return
        dataset.layout_read = True
        self.header_row = self.rows_above = getattr(dataset, "header_row", 1)
        # only a template (its note row says so) holds the example row: an export's first row is data
        is_template = any(workbook.EXAMPLE_NOTE in text for text in getattr(dataset, "above_header", ()))
        example = self.example_row() if is_template else None
        if example and len(dataset) and same_cells(dataset[0], example):
            del dataset[0]
            self.rows_above += 1

    def rename_former_headers(self, dataset):
        headers = [str(h).replace("\ufeff", "").strip() if h is not None else "" for h in (dataset.headers or [])]
        dataset.headers = [self.former_headers.get(h, h) if self.former_headers.get(h) not in headers else h
                           for h in headers]

    def before_import(self, dataset, **kwargs):
        self.seen_keys = {}
        self.read_layout(dataset)
        self.rename_former_headers(dataset)
        missing = [column for column in self.required_columns if column not in dataset.headers]
        if missing:
            self.refuse_missing_columns(dataset, missing)

    def refuse_missing_columns(self, dataset, missing):
        names = ", ".join(f"'{c}'" for c in missing)
        self.refuse_file(dataset, f"{self.header_row}행(머리글) {names} 열이 없습니다. 빈 양식을 내려받아 열 이름을 맞춰 주세요.")

    def before_import_row(self, row, row_number=None, **kwargs):
        self.row_number = row_number
        background.report_row(row_number)
        errors = {}
        cleaned = {}
        for field in self.fields.values():
            if field.column_name not in self.required_columns:
                continue
            try:
                cleaned[field.column_name] = field.clean(row)
            except ValueError as error:
                errors.setdefault(field.attribute, []).append(
                    f"{self.row_label(row_number)} '{field.column_name}' 열: {error}"
                )
        if not errors:
            for column, message in self.check_row(cleaned, row):
                errors.setdefault(self.attribute_of(column), []).append(
                    f"{self.row_label(row_number)} '{column}' 열: {message}"
                )
        self.check_duplicate(cleaned, row_number, errors)
        if errors:
            raise ValidationError(errors)

    def check_row(self, cleaned, row):
        """Resource-specific checks on the cleaned values: yields (column, Korean message)."""
        return ()

    def check_duplicate(self, cleaned, row_number, errors):
        """A key seen on an earlier row, compared as parsed: 2024-10-18 and "2024. 10. 18." are one date."""
        if not self.key_columns or not all(column in cleaned for column in self.key_columns):
            return  # a key cell that does not parse has its own error
        key = tuple(key_value(cleaned[column]) for column in self.key_columns)
        first = self.seen_keys.setdefault(key, row_number)
        if first != row_number:
            column = self.key_columns[-1]
            errors.setdefault(self.attribute_of(column), []).append(
                f"{self.row_label(row_number)} '{column}' 열: {self.row_label(first)}과 같은 "
                f"{'·'.join(self.key_columns)}이(가) 파일에 한 번 더 있습니다."
            )

    def attribute_of(self, column):
        field = self.field_of_column(column)
        return (field.attribute or column) if field is not None else column

    def column_of(self, field_name):
        field = self.fields.get(field_name)
        return field.column_name if field is not None else None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own validation on every row (library option or not), with the row and column.

        Uniqueness is left out: the file's repeated keys are refused by check_duplicate, and a row
        whose key exists updates that record."""
        errors = dict(import_validation_errors or {})
        for field, field_messages in portable_range_errors(instance, exclude=errors).items():
            errors.setdefault(field, []).extend(self.row_messages(field, field_messages))
        try:
            self.clean_instance(instance, exclude=[*errors, *self.clean_exclude])
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                errors.setdefault(field, []).extend(self.row_messages(field, field_messages))
        if errors:
            raise ValidationError(errors)

    def clean_instance(self, instance, exclude):
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=self.validate_constraints)

    def row_messages(self, field, messages):
        column = self.column_of(field)
        where = f"{self.row_label(self.row_number)} '{column}' 열" if column else self.row_label(self.row_number)
        return [f"{where}: {message}" for message in messages]


STALE_PREVIEW = "미리 보기 뒤에 다른 사람이 바꿨습니다. 다시 미리 보세요."
UPLOAD_MISSING = ("가져올 파일이 없습니다: 이미 반영했거나 취소했거나 하루가 지났습니다. "
                  "파일을 다시 올려 미리 보세요.")
READ_FAILED = "파일을 읽을 수 없습니다. 고른 형식(xlsx, csv)이 파일과 맞는지 확인하세요."


def preview_fingerprint(result):
    """What a preview showed, as one digest: each row's kind (새 항목, 바뀜, 그대로) and old → new values."""
    digest = hashlib.sha256()
    for row in result.rows:
        digest.update(repr((row.import_type, row.diff)).encode())
    return digest.hexdigest()


@contextlib.contextmanager
def uploaded_by(user):
    token = UPLOADER.set(user)
    try:
        yield
    finally:
        UPLOADER.reset(token)


def same_cells(row, example):
    """A file's row equals the template's example row, cell by cell, as text (2024 and 2024.0 alike)."""
    def text(value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime.datetime):
            value = value.date()
        return "" if value is None else str(value).strip()

    cells = list(row) + [None] * max(0, len(example) - len(row))
    return all(text(a) == text(b) for a, b in zip(cells, example)) and not any(text(c) for c in cells[len(example):])


def key_value(value):
    """A parsed key cell as compared between rows: a record by its id, a text without its spaces."""
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return (value._meta.label, value.pk)
    if isinstance(value, str):
        return value.strip()
    return value


def error_messages(result):
    """Every error of an import result as Korean lines (row and column included), for pages and tests."""
    lines = []
    for error in result.base_errors:
        lines.extend(_messages_of(error.error))
    for invalid in result.invalid_rows:
        for field_messages in invalid.error_dict.values():
            lines.extend(str(m) for m in field_messages)
    for number, errors in result.row_errors():
        for error in errors:
            lines.extend(f"{row_label(number, getattr(result, 'rows_above', 1))}: {message}"
                         for message in _messages_of(error.error))
    return lines


def _messages_of(error):
    if isinstance(error, ValidationError):
        return list(error.messages)
    if isinstance(error, (FileRefused, str)):
        return [str(error)]
    # never the database's own English words ("value too long for type character varying(30)")
    return [f"저장하지 못했습니다: 값이 너무 길거나 크거나, 다른 기록과 겹칩니다. 파일을 확인하세요. ({type(error).__name__})"]


def blank_template(resource_class):
    """The xlsx to fill in for an import of `resource_class`: the title, the columns it reads, a grey
    example row (not imported while left as it is), drop-down lists, and how to write a date."""
    resource = resource_class()
    sheet = resource.sheet(resource.template_columns(), example=resource.example_row())
    sheet.notes = [*sheet.notes[:-1], "날짜는 2024-11-01 또는 2024. 11. 1.", workbook.EXAMPLE_NOTE, sheet.notes[-1]]
    return workbook.workbook_bytes([sheet])


def blank_template_download(resource_class, filename):
    """The blank xlsx of `resource_class` as a file download named `filename`."""
    response = HttpResponse(blank_template(resource_class), content_type=XLSX.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def blank_template_view(resources, desk):
    """A desk's view of its blank templates: /<desk>/templates/<kind>.xlsx for each kind of `resources`."""

    @login_required
    def import_template(request, kind):
        resource_class = resources.get(kind)
        if resource_class is None:
            raise Http404("없는 양식입니다.")
        return blank_template_download(resource_class, f"{desk}-{kind}-template.xlsx")

    return import_template


# --- the admin: import with a dry run and confirm, export, and a blank template ---------------------

class DeskImportForm(ImportForm):
    """The upload form: a file past the size limit is refused before it is stored or read."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_file_size(upload.size)
        except FileRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload


class DeskExportForm(SelectableFieldsExportForm):
    """The export's column choices by their Korean column names (the library shows "Grade (직급)")."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return field.column_name if field is not None and field.column_name else field_name


class DeskImportExportMixin(ImportExportMixin):
    """Import/export in the admin with the desk's formats (xlsx, csv) and a blank-template download.

    The admin's own flow gives the dry run (what will change) and the confirm step.
    """

    formats = DESK_FORMATS
    import_template_name = "desk/admin/import.html"
    import_form_class = DeskImportForm
    export_form_class = DeskExportForm
    tmp_storage_class = UserUploadStorage

    def has_import_permission(self, request):
        # a desk section 확정 in the round in progress takes no import until it is reopened
        return super().has_import_permission(request) and not locks.locked_reason(None, self.model, request)

    def add_data_read_fail_error_to_form(self, form, e):
        # the library's message is English and names the exception ("'UnicodeDecodeError' encountered…")
        message = str(e) if isinstance(e, FileRefused) else READ_FAILED
        form.add_error("import_file", message)

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path("import/template/", self.admin_site.admin_view(self.blank_template_view),
                 name="%s_%s_import_template" % info),
            path("import/cancel/", self.admin_site.admin_view(self.cancel_import_view),
                 name="%s_%s_import_cancel" % info),
            path("import/task/<str:task_id>/", self.admin_site.admin_view(self.import_task_view),
                 name="%s_%s_import_task" % info),
            path("import/task/<str:task_id>/status/", self.admin_site.admin_view(self.import_task_status_view),
                 name="%s_%s_import_task_status" % info),
            path("import/task/<str:task_id>/retry/", self.admin_site.admin_view(self.import_task_retry_view),
                 name="%s_%s_import_task_retry" % info),
        ] + super().get_urls()

    def import_action(self, request, **kwargs):
        with uploaded_by(request.user):
            queued = self.queue_large_preview(request) if request.method == "POST" else None
            if queued is not None:
                return queued
            response = super().import_action(request, **kwargs)
            context = getattr(response, "context_data", {}) or {}
            result, form = context.get("result"), context.get("form")
            stored = getattr(getattr(form, "cleaned_data", {}).get("import_file"), "tmp_storage_name", None)
            if stored and context.get("confirm_form") is not None:
                UserUploadStorage(name=stored).save_preview(preview_fingerprint(result))
            elif stored:
                UserUploadStorage(name=stored).remove()  # a refused file is not kept
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            # every error spelled out (the library's table shows them only on hover)
            response.context_data["error_lines"] = error_messages(result)
        elif result is not None:
            response.context_data["preview"] = import_preview(result)
        return response

    def process_import(self, request, **kwargs):
        with uploaded_by(request.user):
            queued = self.queue_large_confirm(request)
            if queued is not None:
                return queued
            try:
                return super().process_import(request, **kwargs)
            except UploadMissing:
                messages.error(request, UPLOAD_MISSING)
                return HttpResponseRedirect(self.import_url())

    def process_dataset(self, dataset, form, request, **kwargs):
        # the confirm imports only what its preview showed: the fingerprint is checked in the
        # import's transaction (DeskResource.after_import)
        stored = form.cleaned_data.get("import_file_name")
        if stored:  # the confirm step (not an import without one)
            kwargs["preview_fingerprint"] = UserUploadStorage(name=stored).preview()
        return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            lines = error_messages(result)
            messages.error(request, "가져오지 않았습니다: " + " / ".join(lines[:5]) + (" 외" if len(lines) > 5 else ""))
            return HttpResponseRedirect(self.import_url())
        return super().process_result(result, request)

    @method_decorator(require_POST)
    def cancel_import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        with uploaded_by(request.user):
            UserUploadStorage(name=os.path.basename(request.POST.get("import_file_name", ""))).remove()
        messages.info(request, "가져오기를 취소했습니다. 올린 파일은 지웠습니다.")
        return HttpResponseRedirect(self.import_url())

    def import_url(self):
        return reverse("admin:%s_%s_import" % (self.model._meta.app_label, self.model._meta.model_name),
                       current_app=self.admin_site.name)

    def blank_template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource_class = self.get_import_resource_classes(request)[0]
        return blank_template_download(resource_class, f"{self.model._meta.model_name}-template.xlsx")

    # --- a large file: preview and confirm in the task worker (reports/background.py) ------------

    def is_large(self, data, input_format):
        """More data rows than DESK_IMPORT_BACKGROUND_ROWS (the header line not counted)."""
        return estimate_data_rows(data, input_format) - 1 > settings.DESK_IMPORT_BACKGROUND_ROWS

    def queue_large_preview(self, request):
        """A large file's preview queued for the task worker, answered with the task's page; None
        for a file the request previews itself (a small one, or a form with errors to show)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_import_form(request)
        if not form.is_valid():
            return None
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        import_file = form.cleaned_data["import_file"]
        if not self.is_large(b"".join(import_file.chunks()), input_format):
            return None
        storage = self.write_to_tmp_storage(import_file, input_format)
        task = background.queue_import(
            user=request.user, model=self.model, step=background.PREVIEW, upload=storage.name,
            format_index=form.cleaned_data["format"], resource=form.cleaned_data.get("resource", ""),
            file_name=import_file.name)
        return HttpResponseRedirect(self.import_task_url(task.id))

    def queue_large_confirm(self, request):
        """A large file's confirm queued for the task worker; None for one the request imports."""
        if request.method != "POST" or not self.has_import_permission(request):
            return None  # the library's own refusal
        form = self.create_confirm_form(request)
        if not form.is_valid():
            return None
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        storage = UserUploadStorage(name=form.cleaned_data["import_file_name"])
        try:
            data = storage.read()
        except UploadMissing:
            return None  # said by process_import
        if not self.is_large(data, input_format):
            return None
        task = background.queue_import(
            user=request.user, model=self.model, step=background.CONFIRM, upload=storage.name,
            format_index=form.cleaned_data["format"], resource=form.cleaned_data.get("resource", ""),
            file_name=form.cleaned_data.get("original_file_name") or "")
        return HttpResponseRedirect(self.import_task_url(task.id))

    def run_background_import(self, request, *, step, upload, format_index, resource, file_name, progress):
        """The task's work (background.run_import, as the user who started it): the same dry run or
        confirm as a request's, with the same rules; returns what the task's page shows (JSON)."""
        fields = QueryDict(mutable=True)
        fields.update({"import_file_name": upload, "original_file_name": file_name,
                       "format": str(format_index), "resource": resource})
        form = self.get_confirm_form_class(request)(data=fields)
        form.is_valid()  # the fields as the request's confirm form has them
        storage = UserUploadStorage(name=upload)
        try:
            dataset = self.get_import_formats()[format_index](encoding=self.from_encoding).create_dataset(storage.read())
        except UploadMissing:
            return {"step": step, "errors": [UPLOAD_MISSING]}
        except Exception as error:
            storage.remove()  # a refused file is not kept
            return {"step": step, "errors": [str(error) if isinstance(error, FileRefused) else READ_FAILED]}
        progress.start(len(dataset))
        if step == background.PREVIEW:
            return self.background_preview(request, form, dataset, storage, file_name)
        return self.background_confirm(request, form, dataset, storage)

    def background_preview(self, request, form, dataset, storage, file_name):
        resource = self.choose_import_resource_class(form, request)(**self.get_import_resource_kwargs(request, form=form))
        result = resource.import_data(dataset, dry_run=True, raise_errors=False, file_name=file_name,
                                      user=request.user, **self.get_import_data_kwargs(request=request, form=form))
        if result.has_errors() or result.has_validation_errors():
            storage.remove()
            return {"step": background.PREVIEW, "errors": error_messages(result)}
        storage.save_preview(preview_fingerprint(result))
        return {"step": background.PREVIEW, "preview": background.preview_as_json(import_preview(result)),
                "warning_lines": result.warning_lines[:background.WARNING_LINES_SHOWN],
                "warning_count": len(result.warning_lines), "confirm": dict(form.cleaned_data)}

    def background_confirm(self, request, form, dataset, storage):
        # one transaction: the rows and their log entries, or nothing (a worker killed half-way)
        with transaction.atomic():
            result = self.process_dataset(dataset, form, request)
            failed = result.has_errors() or result.has_validation_errors()
            if not failed:
                self.generate_log_entries(result, request)
        storage.remove()
        if failed:
            return {"step": background.CONFIRM, "errors": error_messages(result)}
        post_import.send(sender=None, model=self.model)
        return {"step": background.CONFIRM, "totals": {kind: result.totals[kind] for kind in ("new", "update", "skip")}}

    def import_task_url(self, task_id, suffix=""):
        info = self.model._meta.app_label, self.model._meta.model_name
        return reverse("admin:%s_%s_import_task%s" % (*info, suffix), args=[task_id], current_app=self.admin_site.name)

    def import_task(self, request, task_id):
        """The user's own task on this model and the storage of its file; 404 for any other id."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        task = background.task_of(task_id, user=request.user, model=self.model)
        return task, UserUploadStorage(name=task.kwargs["upload"])

    def import_task_view(self, request, task_id):
        with uploaded_by(request.user):
            task, storage = self.import_task(request, task_id)
            status = background.status_of(task, storage)
            if status["state"] == "done":
                return self.import_task_result(request, task)
        context = {**self.admin_site.each_context(request), "title": "가져오기", "opts": self.model._meta,
                   "status": status, "step": task.kwargs["step"], "file_name": task.kwargs["file_name"],
                   "status_url": self.import_task_url(task.id, "_status"),
                   "retry_url": self.import_task_url(task.id, "_retry"), "media": self.media}
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "desk/admin/import_task.html", context)

    def import_task_status_view(self, request, task_id):
        with uploaded_by(request.user):
            task, storage = self.import_task(request, task_id)
            response = JsonResponse(background.status_of(task, storage))
        response["Cache-Control"] = "private, no-store"
        return response

    @method_decorator(require_POST)
    def import_task_retry_view(self, request, task_id):
        with uploaded_by(request.user):
            task, storage = self.import_task(request, task_id)
            if background.status_of(task, storage)["state"] != "failed":
                return HttpResponseRedirect(self.import_task_url(task.id))
            retried = background.retry(task, user=request.user)
        return HttpResponseRedirect(self.import_task_url(retried.id))

    def import_task_result(self, request, task):
        """A finished task's page: a preview as the request shows one (and its confirm), or what a
        confirm imported, or the file's errors."""
        outcome = task.return_value
        if outcome["step"] == background.CONFIRM:
            context = {**self.admin_site.each_context(request), "title": "가져오기", "opts": self.model._meta,
                       "step": background.CONFIRM, "outcome": outcome, "error_lines": outcome.get("errors", []),
                       "file_name": task.kwargs["file_name"], "media": self.media,
                       "status": {"state": "done"}}
            request.current_app = self.admin_site.name
            return TemplateResponse(request, "desk/admin/import_task.html", context)
        form = self.create_import_form(request)
        context = {**self.get_import_context_data(), **self.admin_site.each_context(request),
                   "title": "가져오기", "form": form, "opts": self.model._meta, "media": self.media + form.media,
                   "fields_list": [(resource.get_display_name(), [f.column_name for f in resource.get_user_visible_fields()])
                                   for resource in (cls() for cls in self.get_import_resource_classes(request))],
                   "import_error_display": self.import_error_display, "background": True,
                   "result": background.StoredResult(outcome.get("errors", ()), outcome.get("warning_lines", ()))}
        if outcome.get("errors"):
            context["error_lines"] = outcome["errors"]
        else:
            context["confirm_form"] = self.get_confirm_form_class(request)(initial=outcome["confirm"])
            context["preview"] = background.preview_from_json(outcome["preview"])
            context["preview_omitted"] = outcome["preview"]["omitted"]
            context["preview_shown"] = outcome["preview"].get("shown")
            context["warning_count"] = outcome.get("warning_count")
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)
