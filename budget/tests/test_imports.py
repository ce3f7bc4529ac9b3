"""Finance spreadsheets: a bad file changes nothing and says which row and column; an export re-imports as a no-op."""
import pytest

from budget.models import DetailProgram, ExecutionRecord
from budget.resources import DetailProgramResource, ExecutionRecordResource
from reports.spreadsheets import CSV, XLSX, blank_template, error_messages
from tests.helpers import assert_export_reimports_as_no_op, dataset, table_rows, through_xlsx

EXECUTION_HEADERS = ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액")
GOOD_ROW = (2024, "AI 모델 연구개발", "2024-11-30", 400000, 300000)


def snapshot():
    return table_rows(DetailProgram, ExecutionRecord)


@pytest.mark.parametrize(
    "bad_row, expected",
    [
        ((2024, "빅데이터 분석", "2024-11-30", "많이", 0), "3행 '원인행위 누계액' 열: 숫자가 아닙니다: '많이'"),
        ((2024, "없는 사업", "2024-11-30", 10, 5), "3행 '세부사업' 열: '없는 사업'은(는) 없는 세부사업"),
        ((2024, "AI 모델 연구개발", "2024-11-30", 1, 1), "3행 '기준일' 열: 2행과 같은 연도·세부사업·기준일"),
        ((2024, "빅데이터 분석", "2024-11-30", 10, -5), "3행 '지출 누계액' 열: 음수는 입력할 수 없습니다"),
        ((2024, "빅데이터 분석", "2024-11-30", 100, 150), "3행 '지출 누계액' 열: 지출 누계액(150)이 원인행위 누계액(100)보다 큽니다"),
    ],
    ids=["text-in-amount", "unknown-programme", "duplicate-key", "negative", "spent-above-committed"],
)
def test_bad_execution_file_changes_nothing_and_names_row_and_column(edition, bad_row, expected):
    before = snapshot()

    result = ExecutionRecordResource().import_data(through_xlsx(dataset(EXECUTION_HEADERS, GOOD_ROW, bad_row)), dry_run=False)

    assert snapshot() == before  # the good first row is rolled back too
    assert expected in " / ".join(error_messages(result))


def test_missing_column_is_named_and_nothing_is_imported(edition):
    before = snapshot()
    headers = ("연도", "세부사업", "기준일", "원인행위 누계액")
    result = ExecutionRecordResource().import_data(dataset(headers, GOOD_ROW[:4]), dry_run=False)
    assert snapshot() == before
    assert "1행(머리글) '지출 누계액' 열이 없습니다" in " ".join(error_messages(result))


def test_good_execution_file_imports_every_row_in_csv_too(edition):
    # 빅데이터 분석 stood at 203,253 / 152,449 on 2024-10-18: the November 누계 is above it
    data = dataset(EXECUTION_HEADERS, GOOD_ROW, (2024, "빅데이터 분석", "2024-11-30", "220,000", "160,000"))
    csv_data = CSV().create_dataset(CSV().export_data(data))

    result = ExecutionRecordResource().import_data(csv_data, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    november = ExecutionRecord.objects.filter(as_of="2024-11-30")
    assert dict(november.values_list("detail__name", "spent_amount")) == {"AI 모델 연구개발": 300000, "빅데이터 분석": 160000}


def test_a_file_exported_before_the_columns_were_renamed_still_imports(edition):
    data = dataset(("연도", "세부사업", "기준일", "원인행위액", "지출액"), GOOD_ROW)

    result = ExecutionRecordResource().import_data(through_xlsx(data), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    record = ExecutionRecord.objects.get(detail__name="AI 모델 연구개발", as_of="2024-11-30")
    assert (record.committed_amount, record.spent_amount) == (400000, 300000)


def test_budget_line_import_refuses_unknown_programme_and_negative_amount(edition):
    before = snapshot()
    data = dataset(
        ("연도", "세부사업", "예산현액", "명시이월액", "비고"),
        (2024, "AI 모델 연구개발", 500000, None, ""),
        (2024, "없는 세부사업", 1000, None, ""),
        (2024, "빅데이터 분석", -3, None, ""),
    )
    result = DetailProgramResource().import_data(through_xlsx(data), dry_run=False)
    messages = " / ".join(error_messages(result))
    assert snapshot() == before
    assert "3행 '세부사업' 열: '없는 세부사업'은(는) 없는 세부사업" in messages
    assert "4행 '예산현액' 열: 음수는 입력할 수 없습니다" in messages


def test_budget_line_import_changes_the_amount(edition):
    data = dataset(("연도", "세부사업", "예산현액", "명시이월액", "비고"), (2024, "AI 모델 연구개발", 500000, None, ""))
    result = DetailProgramResource().import_data(through_xlsx(data), dry_run=False)
    assert result.totals["update"] == 1, error_messages(result)
    assert DetailProgram.objects.get(name="AI 모델 연구개발", unit__policy__edition=edition).budget_amount == 500000


@pytest.mark.parametrize("resource_class", [DetailProgramResource, ExecutionRecordResource])
def test_exported_xlsx_imports_again_as_a_no_op(edition, resource_class):
    assert_export_reimports_as_no_op(resource_class, snapshot)


def test_export_escapes_a_note_that_would_run_as_a_formula(edition):
    DetailProgram.objects.filter(name="빅데이터 분석").update(note="=cmd|' /C calc'!A0")
    data = XLSX().create_dataset(XLSX().export_data(DetailProgramResource().export()))
    notes = [row[list(data.headers).index("비고")] for row in data]
    assert "'=cmd|' /C calc'!A0" in notes
    amounts = [row[list(data.headers).index("예산현액")] for row in data]
    assert all(isinstance(a, int) for a in amounts)  # amounts stay numbers


@pytest.mark.parametrize("resource_class, headers", [
    (ExecutionRecordResource, ["연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액", "감액·반납", "정정 사유"]),
    (DetailProgramResource, ["연도", "세부사업", "예산현액", "명시이월액", "비고"]),
])
def test_blank_template_has_the_columns_and_an_example_row_that_is_not_imported(resource_class, headers, edition):
    data = XLSX().create_dataset(blank_template(resource_class))
    assert list(data.headers) == headers and len(data) == 1  # the grey example row

    result = resource_class().import_data(data, dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)
    assert len(result.rows) == 0


def test_admin_execution_import_previews_then_applies(admin_client, edition):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("집행.xlsx", XLSX().export_data(dataset(EXECUTION_HEADERS, GOOD_ROW)))
    preview = admin_client.post("/admin/budget/executionrecord/import/",
                                {"import_file": upload, "format": "0", "resource": "0"})
    assert preview.context["confirm_form"] is not None
    assert not ExecutionRecord.objects.filter(as_of="2024-11-30").exists()
    admin_client.post("/admin/budget/executionrecord/process_import/", preview.context["confirm_form"].initial)
    record = ExecutionRecord.objects.get(as_of="2024-11-30")
    assert (record.committed_amount, record.spent_amount) == (400000, 300000)
    assert record.history.get().history_user.is_superuser  # the batch keeps who imported it
