"""An execution file may carry 당월 amounts (원인행위 당월액, 지출 당월액) instead of 누계: each is
added to the 세부사업's previous 누계, and the file is all-or-nothing with Korean row/column errors."""
import datetime
import re

from budget.models import ExecutionRecord
from budget.resources import ExecutionRecordResource
from reports.spreadsheets import error_messages
from tests.helpers import dataset, table_rows, through_xlsx

DETAIL = "해외 전시 서울관 조성 및 운영"  # 502,634 / 338,474 on 2024-10-18
MONTHLY_HEADERS = ("연도", "세부사업", "기준일", "원인행위 당월액", "지출 당월액")


def totals_of(name):
    records = ExecutionRecord.objects.filter(detail__name=name).order_by("as_of")
    return list(records.values_list("as_of", "committed_amount", "spent_amount"))


def imported(*rows, headers=MONTHLY_HEADERS):
    return ExecutionRecordResource().import_data(through_xlsx(dataset(headers, *rows)), dry_run=False)


def test_the_issues_month_is_added_to_the_previous_running_total(edition):
    result = imported((2024, DETAIL, "2024-11-30", 30000, 20000))

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    assert totals_of(DETAIL)[-1] == (datetime.date(2024, 11, 30), 532634, 358474)


def test_months_of_one_file_add_up_in_date_order_whatever_the_row_order(edition):
    result = imported((2024, DETAIL, "2024-12-31", 5000, 4000), (2024, DETAIL, "2024-11-30", 30000, 20000))

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    assert totals_of(DETAIL)[1:] == [
        (datetime.date(2024, 11, 30), 532634, 358474), (datetime.date(2024, 12, 31), 537634, 362474)]


def test_importing_the_same_months_again_changes_nothing(edition):
    imported((2024, DETAIL, "2024-11-30", 30000, 20000))
    before = table_rows(ExecutionRecord)

    result = imported((2024, DETAIL, "2024-11-30", 30000, 20000))

    assert table_rows(ExecutionRecord) == before
    assert result.totals["skip"] == 1, error_messages(result)


def test_a_bad_monthly_cell_refuses_the_whole_file_naming_row_and_column(edition):
    before = table_rows(ExecutionRecord)

    result = imported((2024, DETAIL, "2024-11-30", 30000, 20000), (2024, "빅데이터 분석", "2024-11-30", "많이", -5))

    assert table_rows(ExecutionRecord) == before
    messages = error_messages(result)
    assert "3행 '원인행위 당월액' 열: 숫자가 아닙니다: '많이'" in messages
    assert "3행 '지출 당월액' 열: 음수는 입력할 수 없습니다: '-5'" in messages


def test_monthly_and_running_total_columns_in_one_file_are_refused(edition):
    headers = (*MONTHLY_HEADERS, "원인행위 누계액", "지출 누계액")

    result = imported((2024, DETAIL, "2024-11-30", 30000, 20000, 532634, 358474), headers=headers)

    assert "누계 열(원인행위 누계액, 지출 누계액)과 당월 열(원인행위 당월액, 지출 당월액)은 한 파일에 함께 쓸 수 없습니다" in (
        " ".join(error_messages(result)))
    assert len(totals_of(DETAIL)) == 1


def test_a_month_that_lifts_the_total_above_a_later_date_is_refused(edition):
    imported((2024, DETAIL, "2024-12-31", 40000, 30000))  # December 542,634 / 368,474

    result = imported((2024, DETAIL, "2024-11-30", 50000, 20000))  # November would be 552,634

    assert ("2행 '원인행위 누계액' 열: 해외 전시 서울관 조성 및 운영 2024. 11. 30. 원인행위 누계액 552,634천원이 "
            "다음 기준일 2024. 12. 31.의 542,634천원보다 큽니다.") in " / ".join(error_messages(result))
    assert [as_of.month for as_of, _, _ in totals_of(DETAIL)] == [10, 12]


def test_the_admin_previews_the_running_total_a_month_will_store_then_applies_it(admin_client, edition):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.spreadsheets import XLSX

    upload = SimpleUploadedFile("당월.xlsx", XLSX().export_data(dataset(MONTHLY_HEADERS, (2024, DETAIL, "2024-11-30", 30000, 20000))))
    preview = admin_client.post("/admin/budget/executionrecord/import/",
                                {"import_file": upload, "format": "0", "resource": "0"})
    assert preview.context["confirm_form"] is not None, preview.context.get("error_lines")
    # the 누계 to be stored, 502,634 + 30,000 (with or without separators: the preview's formatting is not ours)
    assert re.search(r"532,?634", preview.content.decode()) and len(totals_of(DETAIL)) == 1

    admin_client.post("/admin/budget/executionrecord/process_import/", preview.context["confirm_form"].initial)

    assert totals_of(DETAIL)[-1] == (datetime.date(2024, 11, 30), 532634, 358474)
