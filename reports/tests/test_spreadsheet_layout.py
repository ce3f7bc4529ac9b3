"""Spreadsheets people can hand on (issue 10, part 5): every xlsx the site writes has a title row
(표 이름, 기준일, 단위), a frozen header, the report's number formats on real numbers, widths and
A4 print set-up; templates have a grey example row and drop-down lists; an export imported again
changes nothing."""
import datetime
import io

import openpyxl
import pytest

from budget.models import ExecutionRecord
from budget.resources import ExecutionRecordResource
from reports import workbook
from reports.spreadsheets import XLSX, blank_template, error_messages
from staffing.models import Grade
from staffing.resources import CurrentHeadcountResource
from tests.helpers import table_rows

AMOUNT, RATE = '#,##0;"△"#,##0', '0.0"%";"△"0.0"%"'


def admin_export(client, model_path, fields):
    data = {"format": "0", "resource": "0", **{f"{model_path.split('/')[-1]}resource_{name}": "on" for name in fields}}
    response = client.post(f"/admin/{model_path}/export/", data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def header_cells(sheet):
    return [cell.value for cell in sheet[workbook.HEADER_ROW]]


def column_of(sheet, header):
    return header_cells(sheet).index(header) + 1


def validation_lists(book, sheet):
    """{column letter: [values]} of the sheet's drop-down lists, read from the hidden 목록 sheet."""
    lists = {}
    for validation in sheet.data_validations.dataValidation:
        reference = validation.formula1.lstrip("=").split("!")[1].replace("$", "")
        start, end = reference.split(":")
        values = [c.value for row in book[workbook.LISTS_SHEET][f"{start}:{end}"] for c in row]
        for letter in {str(r).rstrip("0123456789") for r in str(validation.sqref).split()}:
            lists[letter.split(":")[0].rstrip("0123456789")] = values
    return lists


def test_an_execution_export_is_a_report_table_and_imports_again_as_a_no_op(admin_client, edition):
    fields = ("year", "detail", "as_of", "committed_amount", "spent_amount", "is_correction", "correction_reason")
    content = admin_export(admin_client, "budget/executionrecord", fields)

    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet.title == "집행 실적" and sheet["A1"].value == "집행 실적"
    assert "단위: 천원" in sheet["A2"].value and "누계" in sheet["A2"].value
    assert header_cells(sheet)[:5] == ["연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액"]
    assert sheet.freeze_panes == f"A{workbook.HEADER_ROW + 1}"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) and sheet.print_title_rows == "$3:$3"
    first = workbook.HEADER_ROW + 1
    committed = sheet.cell(first, column_of(sheet, "원인행위 누계액"))
    assert isinstance(committed.value, int) and committed.number_format == AMOUNT
    as_of = sheet.cell(first, column_of(sheet, "기준일"))
    assert isinstance(as_of.value, datetime.datetime) and as_of.number_format == 'yyyy". "m". "d"."'
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width  # 세부사업 is wide
    lists = validation_lists(book, sheet)
    assert 2024 in lists["A"] and "AI 모델 연구개발" in lists["B"]
    assert book[workbook.LISTS_SHEET].sheet_state == "hidden"

    before = table_rows(ExecutionRecord)
    result = ExecutionRecordResource().import_data(XLSX().create_dataset(content), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    assert result.totals["new"] == result.totals["update"] == 0 and result.totals["skip"] == ExecutionRecord.objects.count()
    assert table_rows(ExecutionRecord) == before


def test_a_headcount_export_imports_again_as_a_no_op_whole_censuses_included(admin_client, edition):
    content = admin_export(admin_client, "staffing/currentheadcount", ("grade", "as_of", "count"))

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert "단위: 명" in sheet["A2"].value
    count = sheet.cell(workbook.HEADER_ROW + 1, column_of(sheet, "현원"))
    assert count.number_format == '#,##0;"△"#,##0;"-"'  # no one prints "-", as in the report
    result = CurrentHeadcountResource().import_data(XLSX().create_dataset(content), dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    assert result.totals["skip"] == len(result.rows) > 0


def test_the_template_has_a_grey_example_row_lists_and_says_how_to_write_a_date(admin_client, edition):
    response = admin_client.get("/admin/staffing/currentheadcount/import/template/")

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet["A1"].value == "현원"
    assert "2024. 11. 1." in sheet["A2"].value and workbook.EXAMPLE_NOTE in sheet["A2"].value
    assert header_cells(sheet) == ["직급", "기준일", "현원"]
    example = sheet[workbook.HEADER_ROW + 1]
    assert example[0].value in Grade.objects.values_list("name", flat=True)
    assert example[0].fill.fgColor.rgb.endswith("EDEDED")
    assert validation_lists(book, sheet)["A"] == list(Grade.objects.order_by("order").values_list("name", flat=True))


def test_a_filled_template_imports_its_rows_not_its_example(admin_client, edition):
    book = openpyxl.load_workbook(io.BytesIO(blank_template(ExecutionRecordResource)))
    sheet = book.active
    sheet.append([2024, "디지털 정책연구", "2024-11-30", 200000, 150000])
    out = io.BytesIO()
    book.save(out)

    result = ExecutionRecordResource().import_data(XLSX().create_dataset(out.getvalue()), dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    assert [row.import_type for row in result.rows] == ["new"]


def test_an_error_names_the_spreadsheet_row_below_the_title(edition):
    book = openpyxl.load_workbook(io.BytesIO(blank_template(ExecutionRecordResource)))
    book.active.append([2024, "없는 사업", "2024-11-30", 200000, 150000])  # row 5: title, note, header, example
    out = io.BytesIO()
    book.save(out)

    result = ExecutionRecordResource().import_data(XLSX().create_dataset(out.getvalue()), dry_run=True)

    assert any(line.startswith("5행 '세부사업' 열") for line in error_messages(result)), error_messages(result)


@pytest.mark.parametrize("url, title, basis", [
    ("/budget/execution/?as_of=2024-10-18&_export=xlsx&table=details", "세부사업별 집행현황", "기준일 2024. 10. 18."),
    ("/budget/?_export=xlsx&table=expenditure", "세출 총괄", "2024년 업무보고"),
    ("/staffing/?as_of=2024-10-18&_export=xlsx&table=grades", "직급별 정원·현원", "기준일 2024. 10. 18."),
])
def test_a_desk_table_exports_with_its_title_basis_and_number_formats(client_in, edition, url, title, basis):
    sheet = openpyxl.load_workbook(io.BytesIO(client_in.get(url).content)).active

    assert sheet["A1"].value == title and basis in sheet["A2"].value
    assert sheet.freeze_panes == f"A{workbook.HEADER_ROW + 1}"
    formats = {cell.number_format for row in sheet.iter_rows(min_row=workbook.HEADER_ROW + 1) for cell in row
               if isinstance(cell.value, (int, float))}
    assert formats and formats <= set(workbook.NUMBER_FORMATS.values())
    if "execution" in url:
        rate = sheet.cell(workbook.HEADER_ROW + 1, column_of(sheet, "집행률(원인행위)"))
        assert rate.number_format == RATE and isinstance(rate.value, (int, float))
