"""Which files go to the task worker: more data rows than DESK_IMPORT_BACKGROUND_ROWS (2,000), told
from the file's bytes without reading it into rows (the lines of a CSV, the row elements of an
xlsx's sheet), so the request that decides stays fast."""
import pytest
from django.conf import settings

from reports.spreadsheets import CSV, XLSX, DeskImportExportMixin, estimate_data_rows
from tests.helpers import dataset

HEADERS = ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액")


def rows(count):
    return [(2024, "AI 모델 연구개발", "2024-11-30", 400000 + n, 300000 + n) for n in range(count)]


def csv_bytes(count):
    return CSV().export_data(dataset(HEADERS, *rows(count))).encode("utf-8")


def xlsx_bytes(count):
    return XLSX().export_data(dataset(HEADERS, *rows(count)))


def test_the_default_threshold_is_two_thousand_rows():
    assert settings.DESK_IMPORT_BACKGROUND_ROWS == 2_000


@pytest.mark.parametrize("make, file_format", [(csv_bytes, CSV()), (xlsx_bytes, XLSX())])
def test_the_estimate_counts_the_header_and_every_data_row(make, file_format):
    assert estimate_data_rows(make(2_345), file_format) == 2_346


@pytest.mark.parametrize("make, file_format", [(csv_bytes, CSV()), (xlsx_bytes, XLSX())])
def test_two_thousand_rows_stay_in_the_request_and_one_more_goes_to_the_worker(make, file_format):
    mixin = DeskImportExportMixin()

    assert not mixin.is_large(make(2_000), file_format)
    assert mixin.is_large(make(2_001), file_format)


def test_a_file_that_is_no_xlsx_is_left_to_the_request_to_refuse():
    assert estimate_data_rows(b"not a zip", XLSX()) == 0
