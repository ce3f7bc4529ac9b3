"""HR spreadsheets: a bad file changes nothing and says which row and column; an export re-imports as a no-op."""
import datetime

import pytest

from reports.spreadsheets import XLSX, blank_template, error_messages
from tests.helpers import assert_export_reimports_as_no_op, dataset, table_rows, through_xlsx
from staffing.models import AuthorisedHeadcount, CurrentHeadcount, HeadcountCensus, Person
from staffing.resources import AuthorisedHeadcountResource, CurrentHeadcountResource, PersonResource
from staffing.tests.helpers import rows_of_2024_with


def snapshot():
    return table_rows(Person, AuthorisedHeadcount, CurrentHeadcount, HeadcountCensus)


def import_for_real(resource_class, data):
    return resource_class().import_data(data, dry_run=False)


CURRENT_HEADERS = ("직급", "기준일", "현원")


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([("5급", "2024-12-31", "스무명")], ["3행 '현원' 열", "숫자가 아닙니다"]),
        ([("5급", "2024-12-31", 20), ("9급", "2024-12-31", 1)], ["3행 '직급' 열", "'9급'은(는) 없는 직급"]),
        ([("5급", "2024-12-31", 20), ("5급", "2024-12-31", 21)], ["3행 '기준일' 열", "2행과 같은 직급·기준일"]),
        ([("5급", "2024-12-31", 20), ("6급", "2024-12-31", -1)], ["3행 '현원' 열", "음수"]),
    ],
    ids=["text-in-count", "unknown-grade", "duplicate-key", "negative"],
)
def test_bad_headcount_file_changes_nothing_and_names_row_and_column(edition, rows, expected):
    # the first row is good: it must be rolled back with the bad one
    rows = [("1급", "2024-12-31", 1)] + rows if len(rows) == 1 else rows
    before = snapshot()

    result = import_for_real(CurrentHeadcountResource, through_xlsx(dataset(CURRENT_HEADERS, *rows)))

    assert result.has_validation_errors() or result.has_errors()
    assert snapshot() == before
    messages = " / ".join(error_messages(result))
    for part in expected:
        assert part in messages


def test_missing_column_is_named_and_nothing_is_imported(edition):
    before = snapshot()
    result = import_for_real(AuthorisedHeadcountResource, dataset(("직급", "시행일"), ("5급", "2025-01-01")))
    assert result.has_errors()
    assert snapshot() == before
    assert "1행(머리글) '정원' 열이 없습니다" in " ".join(error_messages(result))


def test_good_file_imports_all_rows(edition):
    rows = rows_of_2024_with(datetime.date(2024, 12, 31), **{"5급": 19})
    data = dataset(CURRENT_HEADERS, *rows[:-1], ("7급", "2024.12.31", "2"))
    result = import_for_real(CurrentHeadcountResource, through_xlsx(data))
    assert not result.has_errors() and not result.has_validation_errors()
    counts = dict(CurrentHeadcount.objects.filter(as_of=datetime.date(2024, 12, 31)).values_list("grade__name", "count"))
    assert counts == {"이사장": 1, "1급": 0, "2급": 0, "3급": 4, "4급": 8, "5급": 19, "6급": 11, "7급": 2}


def test_person_with_unknown_edition_and_bad_employment_is_refused(edition):
    before = snapshot()
    data = dataset(
        ("연도", "성명", "전화", "직급", "고용 구분"),
        (2024, "홍길동", "4600", "5급", "정규직"),
        (2031, "김철수", "4601", "5급", "파견"),
    )
    result = import_for_real(PersonResource, data)
    assert snapshot() == before
    messages = " / ".join(error_messages(result))
    assert "3행 '연도' 열: '2031'은(는) 없는 연도판" in messages
    assert "3행 '고용 구분' 열" in messages


@pytest.mark.parametrize("resource_class", [PersonResource, AuthorisedHeadcountResource, CurrentHeadcountResource])
def test_exported_xlsx_imports_again_as_a_no_op(edition, resource_class):
    assert_export_reimports_as_no_op(resource_class, snapshot)


def test_export_escapes_cells_a_spreadsheet_would_run(edition):
    Person.objects.create(edition=edition, name="=HYPERLINK(\"http://x\")", phone="+1", employment="regular")
    Person.objects.create(edition=edition, name="@SUM(A1)", phone="-2", employment="regular")

    data = XLSX().create_dataset(XLSX().export_data(PersonResource().export()))
    cells = [cell for row in data for cell in row if isinstance(cell, str)]

    assert "'=HYPERLINK(\"http://x\")" in cells and "'@SUM(A1)" in cells
    assert "'+1" in cells and "'-2" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    # and the escaped file imports back to the same names
    result = PersonResource().import_data(data, dry_run=True)
    assert result.totals["skip"] == len(result.rows)


def test_blank_template_has_the_columns_and_an_example_row_that_is_not_imported(edition):
    data = XLSX().create_dataset(blank_template(CurrentHeadcountResource))
    assert list(data.headers) == ["직급", "기준일", "현원"]
    assert len(data) == 1  # the grey example row

    result = CurrentHeadcountResource().import_data(data, dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    assert len(result.rows) == 0


def xlsx_upload(data, name="현원.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, XLSX().export_data(data), content_type=XLSX.CONTENT_TYPE)


def test_admin_import_previews_then_applies_on_confirm(admin_client, edition):
    url = "/admin/staffing/currentheadcount/import/"
    data = dataset(CURRENT_HEADERS, *rows_of_2024_with("2025-01-31", **{"5급": 18, "6급": 12}))

    preview = admin_client.post(url, {"import_file": xlsx_upload(data), "format": "0", "resource": "0"})

    assert preview.status_code == 200 and "confirm_form" in preview.context
    assert not CurrentHeadcount.objects.filter(as_of="2025-01-31").exists()  # a dry run only
    confirm = preview.context["confirm_form"].initial
    done = admin_client.post("/admin/staffing/currentheadcount/process_import/", confirm)
    assert done.status_code == 302
    assert CurrentHeadcount.objects.filter(as_of="2025-01-31").count() == 8


def test_admin_import_of_a_bad_file_lists_korean_errors_and_offers_no_confirm(admin_client, edition):
    data = dataset(CURRENT_HEADERS, ("5급", "2025-01-31", 18), ("5급", "2025-01-31", "열둘"))
    response = admin_client.post("/admin/staffing/currentheadcount/import/",
                                 {"import_file": xlsx_upload(data), "format": "0", "resource": "0"})
    page = response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert "<li>3행 &#x27;현원&#x27; 열: 숫자가 아닙니다: &#x27;열둘&#x27;</li>" in page  # listed, not only on hover
    assert "<li>3행 &#x27;기준일&#x27; 열: 2행과 같은 직급·기준일" in page
    assert not CurrentHeadcount.objects.filter(as_of="2025-01-31").exists()


def test_admin_offers_the_blank_template(admin_client, edition):
    response = admin_client.get("/admin/staffing/person/import/template/")
    assert list(XLSX().create_dataset(response.content).headers) == ["연도", "성명", "전화", "직급", "고용 구분"]
    assert "import/template/" in admin_client.get("/admin/staffing/person/import/").content.decode()
