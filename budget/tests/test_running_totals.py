"""집행 실적 are running totals (누계): a month's amount typed where the 누계 belongs is refused
everywhere it can be entered, unless it is marked as a correction (감액·반납) with a reason, and
check_report lists every correction.

The issue's case: 해외 전시 서울관 stood at 502,634 / 338,474 on 2024-10-18; finance saved a
2024-11-30 record of 30,000 / 20,000 (November's own amounts), and 집행률 fell 91.2% → 5.4%.
"""
import datetime
import html

import pytest
from django.core.exceptions import ValidationError

from budget import figures
from budget.models import DetailProgram, ExecutionRecord
from budget.resources import ExecutionRecordResource
from reports.spreadsheets import error_messages
from tests.helpers import add_inline_row, admin_url, change_form_data, dataset, table_rows, through_xlsx
from workreport.checks import check_year

DETAIL = "해외 전시 서울관 조성 및 운영"
NOVEMBER = datetime.date(2024, 11, 30)
HEADERS = ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액")
CORRECTION_HEADERS = (*HEADERS, "감액·반납", "정정 사유")
MONTH_FOR_TOTAL = (2024, DETAIL, "2024-11-30", 30000, 20000)

COMMITTED_REFUSED = (
    "해외 전시 서울관 조성 및 운영 2024. 11. 30. 원인행위 누계액 30,000천원이 이전 기준일 2024. 10. 18.의 502,634천원보다 작습니다."
)
SPENT_REFUSED = (
    "해외 전시 서울관 조성 및 운영 2024. 11. 30. 지출 누계액 20,000천원이 이전 기준일 2024. 10. 18.의 338,474천원보다 작습니다."
)


def november_record(**values):
    detail = DetailProgram.objects.get(name=DETAIL)
    return ExecutionRecord(detail=detail, as_of=NOVEMBER, **{"committed_amount": 30000, "spent_amount": 20000, **values})


def snapshot():
    return table_rows(ExecutionRecord)


def test_it_stood_at_the_issues_running_totals(edition):
    record = ExecutionRecord.objects.get(detail__name=DETAIL)
    assert (record.as_of, record.committed_amount, record.spent_amount) == (edition.figures_as_of, 502634, 338474)


def test_month_for_total_is_refused_by_full_clean(edition):
    with pytest.raises(ValidationError) as refused:
        november_record().full_clean()

    messages = refused.value.message_dict
    assert COMMITTED_REFUSED in messages["committed_amount"][0]
    assert SPENT_REFUSED in messages["spent_amount"][0]
    assert "감액·반납이면 '감액·반납 정정'에 표시하고 사유를 적으세요" in messages["committed_amount"][0]


def test_a_negative_amount_gets_only_the_negative_message(edition):
    with pytest.raises(ValidationError) as refused:
        november_record(committed_amount=-1, spent_amount=-1).full_clean()

    assert refused.value.message_dict["committed_amount"] == ["금액은 0 이상이어야 합니다."]


def test_a_running_total_above_the_next_dates_is_refused(edition):
    november_record(committed_amount=600000, spent_amount=400000).save()
    october = ExecutionRecord.objects.get(detail__name=DETAIL, as_of=edition.figures_as_of)
    october.committed_amount = 700000

    with pytest.raises(ValidationError) as refused:
        october.full_clean()

    assert ("해외 전시 서울관 조성 및 운영 2024. 10. 18. 원인행위 누계액 700,000천원이 다음 기준일 2024. 11. 30.의 600,000천원보다 큽니다."
            in refused.value.message_dict["committed_amount"][0])


def test_month_for_total_is_refused_in_the_admin(superuser_client, edition):
    detail = DetailProgram.objects.get(name=DETAIL)
    url = admin_url(DetailProgram, "change", detail.pk)
    data = change_form_data(superuser_client.get(url))
    add_inline_row(data, "executions", as_of="2024-11-30", committed_amount=30000, spent_amount=20000)

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert COMMITTED_REFUSED in page and SPENT_REFUSED in page
    assert not ExecutionRecord.objects.filter(detail=detail, as_of=NOVEMBER).exists()


def test_month_for_total_is_refused_on_the_execution_record_form(superuser_client, edition):
    detail = DetailProgram.objects.get(name=DETAIL)
    url = admin_url(ExecutionRecord, "add")
    data = change_form_data(superuser_client.get(url))
    data.update(detail=detail.pk, as_of="2024-11-30", committed_amount=30000, spent_amount=20000)

    response = superuser_client.post(url, data)

    assert COMMITTED_REFUSED in html.unescape(response.content.decode())
    assert not ExecutionRecord.objects.filter(detail=detail, as_of=NOVEMBER).exists()


def test_month_for_total_is_refused_by_an_import_naming_row_and_column(edition):
    before = snapshot()
    good = (2024, "AI 모델 연구개발", "2024-11-30", 400000, 300000)

    result = ExecutionRecordResource().import_data(through_xlsx(dataset(HEADERS, good, MONTH_FOR_TOTAL)), dry_run=False)

    assert snapshot() == before  # the good row is rolled back too
    messages = " / ".join(error_messages(result))
    assert f"3행 '원인행위 누계액' 열: {COMMITTED_REFUSED}" in messages
    assert f"3행 '지출 누계액' 열: {SPENT_REFUSED}" in messages


def test_an_import_checks_a_row_against_the_files_own_previous_date(edition):
    """The file's December row is compared with its November row, not with October in the database."""
    rows = [(2024, DETAIL, "2024-11-30", 600000, 400000), (2024, DETAIL, "2024-12-31", 550000, 450000)]

    result = ExecutionRecordResource().import_data(through_xlsx(dataset(HEADERS, *rows)), dry_run=False)

    assert ("3행 '원인행위 누계액' 열: 해외 전시 서울관 조성 및 운영 2024. 12. 31. 원인행위 누계액 550,000천원이 "
            "이전 기준일 2024. 11. 30.의 600,000천원보다 작습니다." in " / ".join(error_messages(result)))
    assert not ExecutionRecord.objects.filter(detail__name=DETAIL, as_of__gt=edition.figures_as_of).exists()


def test_a_correction_with_its_reason_is_accepted_and_listed_by_check_report(edition):
    november_record(is_correction=True, correction_reason="계약 해지 반납").full_clean()
    november_record(is_correction=True, correction_reason="계약 해지 반납").save()

    _, warnings = check_year(edition)

    assert ("해외 전시 서울관 조성 및 운영 2024. 11. 30. 감액·반납 정정: 원인행위 누계 502,634 → 30,000, 지출 누계 338,474 → "
            "20,000천원 (이전 기준일 2024. 10. 18.), 사유: 계약 해지 반납") in warnings


def test_a_correction_without_a_reason_is_refused(edition):
    with pytest.raises(ValidationError) as refused:
        november_record(is_correction=True, correction_reason="  ").full_clean()

    assert refused.value.message_dict["correction_reason"] == ["감액·반납 정정에는 사유를 적으세요(예: 계약 변경 감액)."]


def test_a_correction_imported_with_its_reason_is_saved_and_exports_again_as_it_came(edition):
    row = (*MONTH_FOR_TOTAL, "예", "계약 해지 반납")

    result = ExecutionRecordResource().import_data(through_xlsx(dataset(CORRECTION_HEADERS, row)), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    record = ExecutionRecord.objects.get(detail__name=DETAIL, as_of=NOVEMBER)
    assert (record.is_correction, record.correction_reason) == (True, "계약 해지 반납")
    exported = ExecutionRecordResource().export().dict
    assert {"감액·반납": "예", "정정 사유": "계약 해지 반납"}.items() <= next(
        r for r in exported if r["세부사업"] == DETAIL and r["기준일"] == NOVEMBER).items()


def test_an_imported_correction_without_a_reason_names_row_and_column(edition):
    row = (*MONTH_FOR_TOTAL, "예", "")

    result = ExecutionRecordResource().import_data(through_xlsx(dataset(CORRECTION_HEADERS, row)), dry_run=False)

    assert "2행 '정정 사유' 열: 감액·반납 정정에는 사유를 적으세요" in " / ".join(error_messages(result))
    assert not ExecutionRecord.objects.filter(as_of=NOVEMBER).exists()


def test_the_refused_entries_leave_the_2024_figures_as_printed(superuser_client, edition):
    test_month_for_total_is_refused_in_the_admin(superuser_client, edition)
    test_month_for_total_is_refused_by_an_import_naming_row_and_column(edition)

    totals = figures.execution_totals(edition)
    assert (totals.committed, totals.committed_rate, totals.spent, totals.spent_rate) == (
        8639754, figures.execution_rate(8639754, totals.budget), 6494590, figures.execution_rate(6494590, totals.budget))
    assert (str(totals.committed_rate), str(totals.spent_rate)) == ("80.7", "60.7")
    assert check_year(edition) == ([], ["해외도시 디지털 정책교류: 원인행위액 280,078 > 예산현액 280,000"])


def test_a_synthetic_copy_keeps_each_correction_and_its_reason(edition):
    from workreport.synthetic import make_synthetic_edition

    november_record(is_correction=True, correction_reason="계약 해지 반납").save()

    copy = make_synthetic_edition(edition, 2098, factor=2)

    corrections = ExecutionRecord.objects.filter(detail__unit__policy__edition=copy, is_correction=True)
    assert sorted(corrections.values_list("detail__name", "as_of", "correction_reason")) == [
        (DETAIL, NOVEMBER, "계약 해지 반납"), (f"{DETAIL} (2)", NOVEMBER, "계약 해지 반납")]
    assert sum("감액·반납 정정" in warning for warning in check_year(copy)[1]) == 2
