"""Helpers every app's tests share: admin URLs and the POST data of an admin change form, spreadsheets
built in memory, the rows of tables to compare before and after, and the test password.

Fixtures (a superuser client, users of each role, the loaded 2024 edition) are in the root conftest.py.
"""
import datetime
import io
import zipfile

import openpyxl
import tablib
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import page_cache
from reports.spreadsheets import XLSX, error_messages

PASSWORD = "a-long-test-password-2024"


# ------------------------------------------------------------------ the admin

def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _as_post_value(value):
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "on" if value else None
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def _form_fields(form, data):
    for name in form.fields:
        value = _as_post_value(form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value


def change_form_data(response):
    """What the browser would POST back unchanged from an admin change form, inlines included
    (a history revert form has none)."""
    data = {}
    _form_fields(response.context["adminform"].form, data)
    inlines = response.context["inline_admin_formsets"] if "inline_admin_formsets" in response.context else []
    for inline in inlines:
        formset = inline.formset
        _form_fields(formset.management_form, data)
        for form in formset.forms:
            _form_fields(form, data)
    return data


def add_inline_row(data, prefix, **values):
    """Append one new row to the inline formset `prefix` of change_form_data's result."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def inline_prefix(response, model):
    """The formset prefix of the inline editing `model` on this change form."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(model)


def inline_row(response, model, pk):
    """The form index of the inline row of `model` with primary key pk."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            for index, form in enumerate(inline.formset.forms):
                if form.instance.pk == pk:
                    return index
    raise LookupError((model, pk))


# ------------------------------------------------------------------ spreadsheets

def dataset(headers, *rows):
    """A tablib Dataset with these headers and rows, as an import would receive it."""
    data = tablib.Dataset(headers=list(headers))
    for row in rows:
        data.append(list(row))
    return data


def xlsx_declaring(dimension, cells):
    """An xlsx whose sheet declares `dimension` and holds just `cells` ({"A1": value})."""
    book = openpyxl.Workbook()
    for ref, value in cells.items():
        book.active[ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index('<dimension ref="') + len('<dimension ref="')
                data = (text[:start] + dimension + text[text.index('"', start):]).encode()
            target.writestr(item, data)
    return out.getvalue()


def through_xlsx(data):
    """Write the dataset to xlsx bytes and read it as the admin would."""
    return XLSX().create_dataset(XLSX().export_data(data))


def table_rows(*models):
    """Every row of each model's table, so a test can show an import changed nothing."""
    return tuple(list(model.objects.order_by("pk").values()) for model in models)


def assert_export_reimports_as_no_op(resource_class, snapshot):
    """An xlsx exported from the desk, imported again as a dry run, changes nothing: every row skipped."""
    exported = XLSX().export_data(resource_class().export())
    before = snapshot()

    result = resource_class().import_data(XLSX().create_dataset(exported), dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    assert result.totals["new"] == result.totals["update"] == 0
    assert result.totals["skip"] == len(result.rows) > 0
    assert snapshot() == before


# ------------------------------------------------------------------ query budgets

# The shared cache in memory while queries are counted: with the database cache, a chart drawn for
# new figures would count the cache's own queries (a miss writes), which do not grow with the data.
MEMORY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "query-budget"}}


@override_settings(CACHES=MEMORY_CACHE)
def assert_query_count_does_not_grow(client, url, grow, django_assert_num_queries):
    """The page at `url` runs as many queries with 100× the rows as with 1×; `grow(times)` adds the rows."""
    grow(1)  # 1×: one of every kind of row
    client.get(url)  # warm caches (session, content types)
    # Both counted with the shared cache empty: a page's values cached by the data's token
    # (reports.page_cache) are computed again, as after any write, the most queries the page runs.
    caches["default"].clear()
    page_cache.forget_local()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(99)  # 100×
    caches["default"].clear()
    page_cache.forget_local()
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
