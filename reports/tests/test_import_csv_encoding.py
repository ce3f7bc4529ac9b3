"""A CSV saved by Korean Excel ("CSV (쉼표로 분리)") is CP949: it imports like a UTF-8 one (issue 10).

Before, the admin refused it with an English "'UnicodeDecodeError' encountered…".
"""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budget.models import ExecutionRecord
from reports.spreadsheets import CSV

CSV_TEXT = "연도,세부사업,기준일,원인행위 누계액,지출 누계액\r\n2024,AI 모델 연구개발,2024-11-30,\"400,000\",300000\r\n"
CSV_FORMAT = "1"  # DESK_FORMATS: xlsx, csv


def preview(client, data):
    upload = SimpleUploadedFile("집행.csv", data, content_type="text/csv")
    return client.post("/admin/budget/executionrecord/import/",
                       {"import_file": upload, "format": CSV_FORMAT, "resource": "0"})


@pytest.mark.parametrize("encoding", ["cp949", "euc-kr", "utf-8", "utf-8-sig"])
def test_it_reads_korean_csv_in_every_encoding_excel_saves(encoding):
    data = CSV().create_dataset(CSV_TEXT.encode(encoding))
    assert data.headers[:2] == ["연도", "세부사업"]
    assert data[0][1] == "AI 모델 연구개발"


def test_it_previews_and_confirms_a_cp949_csv_in_the_admin(admin_client, edition):
    response = preview(admin_client, CSV_TEXT.encode("cp949"))

    assert response.context["confirm_form"] is not None, response.context["form"].errors
    admin_client.post("/admin/budget/executionrecord/process_import/", response.context["confirm_form"].initial)
    record = ExecutionRecord.objects.get(detail__name="AI 모델 연구개발", as_of="2024-11-30")
    assert (record.committed_amount, record.spent_amount) == (400000, 300000)


def test_it_refuses_a_file_of_neither_encoding_in_korean(admin_client, edition):
    response = preview(admin_client, b"\x80\xff\xfe\x00garbage")

    errors = " ".join(response.context["form"].errors["import_file"])
    assert "CSV 파일의 글자를 읽을 수 없습니다" in errors
    assert "encountered" not in errors
