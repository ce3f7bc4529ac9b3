"""Helpers the apps' tests share: spreadsheets built in memory, the rows of tables to compare before and after,
and cheap passwords for tests that log in many times."""
import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sdf_intranet.spreadsheets import XLSX


def dataset(headers, *rows):
    """A tablib Dataset with these headers and rows, as an import would receive it."""
    data = tablib.Dataset(headers=list(headers))
    for row in rows:
        data.append(list(row))
    return data


def through_xlsx(data):
    """Write the dataset to xlsx bytes and read it as the admin would."""
    return XLSX().create_dataset(XLSX().export_data(data))


def table_rows(*models):
    """Every row of each model's table, so a test can show an import changed nothing."""
    return tuple(list(model.objects.order_by("pk").values()) for model in models)


def assert_query_count_does_not_grow(client, url, grow, django_assert_num_queries):
    """The page at `url` runs as many queries with 100× the rows as with 1×; `grow(times)` adds the rows."""
    grow(1)  # 1×: one of every kind of row
    client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(99)  # 100×
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


PASSWORD = "a-long-test-password-2024"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Autouse where imported: logins are made by the dozen there, and the production hasher's cost is not what is tested."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def assert_export_reimports_as_no_op(resource_class, snapshot):
    """An xlsx exported from the desk, imported again as a dry run, changes nothing: every row skipped."""
    from sdf_intranet.spreadsheets import error_messages

    exported = XLSX().export_data(resource_class().export())
    before = snapshot()

    result = resource_class().import_data(XLSX().create_dataset(exported), dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    assert result.totals["new"] == result.totals["update"] == 0
    assert result.totals["skip"] == len(result.rows) > 0
    assert snapshot() == before
