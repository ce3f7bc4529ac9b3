"""A 누계 more than ten times the previous 누계 or the budget is most likely won typed where 천원
belongs: check_report warns of it (a warning, not an error: the figure may be true)."""
import datetime

from budget.models import DetailProgram, ExecutionRecord
from budget.resources import ExecutionRecordResource
from reports.spreadsheets import error_messages
from tests.helpers import dataset, through_xlsx
from workreport.checks import check_year

HEADERS = ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액")
OVER_COMMITMENT = "해외도시 디지털 정책교류: 원인행위액 280,078 > 예산현액 280,000"


def test_won_typed_for_thousand_won_is_imported_and_warned_of(edition):
    # 디지털 정책연구: 예산현액 275,350, on 2024-10-18 141,804 / 134,234
    row = (2024, "디지털 정책연구", "2024-11-30", 150000000, 140000)

    result = ExecutionRecordResource().import_data(through_xlsx(dataset(HEADERS, row)), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    errors, warnings = check_year(edition)
    assert errors == []
    assert warnings == [
        OVER_COMMITMENT,
        "디지털 정책연구 2024. 11. 30. 원인행위 누계액 150,000,000천원: 이전 기준일 2024. 10. 18.의 141,804천원의 "
        "10배가 넘습니다. 원 단위로 적지 않았는지 확인하세요.",
    ]


def test_a_first_record_ten_times_the_budget_is_warned_of(edition):
    known = DetailProgram.objects.get(name="디지털 정책연구")
    detail = DetailProgram.objects.create(unit=known.unit, account=known.account, name="새 세부사업", budget_amount=1000)
    ExecutionRecord.objects.create(detail=detail, as_of=datetime.date(2024, 9, 30), committed_amount=10001,
                                   spent_amount=10000)

    _, warnings = check_year(edition)

    assert ("새 세부사업 2024. 9. 30. 원인행위 누계액 10,001천원: 예산현액 1,000천원의 10배가 넘습니다. "
            "원 단위로 적지 않았는지 확인하세요.") in warnings
    assert not any("지출 누계액 10,000천원" in warning for warning in warnings)  # exactly ten times is plausible


def test_ten_times_the_previous_spent_is_warned_of_too(edition):
    detail = DetailProgram.objects.get(name="디지털 정책연구")
    ExecutionRecord.objects.create(detail=detail, as_of=datetime.date(2024, 11, 30), committed_amount=1400000,
                                   spent_amount=134234 * 10 + 1)

    _, warnings = check_year(edition)

    assert [w for w in warnings if w.startswith("디지털 정책연구")] == [
        "디지털 정책연구 2024. 11. 30. 지출 누계액 1,342,341천원: 이전 기준일 2024. 10. 18.의 134,234천원의 "
        "10배가 넘습니다. 원 단위로 적지 않았는지 확인하세요.",
    ]


def test_the_import_preview_warns_of_won_typed_for_thousand_won_before_anything_is_saved(admin_client, edition):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.spreadsheets import XLSX

    row = (2024, "디지털 정책연구", "2024-11-30", 150000000, 140000)
    upload = SimpleUploadedFile("집행.xlsx", XLSX().export_data(dataset(HEADERS, row)))

    preview = admin_client.post("/admin/budget/executionrecord/import/",
                                {"import_file": upload, "format": "0", "resource": "0"})

    assert preview.context["confirm_form"] is not None  # a warning, not an error: it may be confirmed
    warning = ("디지털 정책연구 2024. 11. 30. 원인행위 누계액 150,000,000천원: 이전 기준일 2024. 10. 18.의 "
               "141,804천원의 10배가 넘습니다.")
    assert f"2행: {warning}" in preview.content.decode()
    row = preview.context["preview"].rows[0]
    assert row.label == "2행" and row.warnings[0].startswith(warning)  # on its own row of the preview, too
    assert not ExecutionRecord.objects.filter(as_of="2024-11-30").exists()


def test_the_import_preview_warns_of_a_commitment_above_the_budget(edition):
    row = (2024, "디지털 정책연구", "2024-11-30", 280000, 140000)  # 예산현액 275,350

    result = ExecutionRecordResource().import_data(through_xlsx(dataset(HEADERS, row)), dry_run=True)

    assert result.warning_lines == ["2행: 디지털 정책연구 2024. 11. 30. 원인행위 누계액 280,000천원이 예산현액 275,350천원보다 큽니다."]


def test_a_plausible_month_previews_without_a_warning(edition):
    row = (2024, "디지털 정책연구", "2024-11-30", 200000, 140000)

    result = ExecutionRecordResource().import_data(through_xlsx(dataset(HEADERS, row)), dry_run=True)

    assert result.warning_lines == [] and not result.has_validation_errors(), error_messages(result)
