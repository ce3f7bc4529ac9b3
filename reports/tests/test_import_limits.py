"""A file that would exhaust the server is refused with a Korean message before it is built in
memory (issue 10: a 1.6 KB xlsx declaring A1:XFD20000 grew a worker to 3 GB)."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.spreadsheets import CSV, XLSX, FileRefused
from tests.helpers import xlsx_declaring


def test_it_reads_a_sheet_declaring_a_huge_range_by_its_real_content():
    bomb = xlsx_declaring("A1:XFD20000", {"A1": "직급", "B1": "기준일", "C1": "현원",
                                          "A2": "5급", "B2": "2024-12-31", "C2": 20})
    assert len(bomb) < 10_000

    data = XLSX().create_dataset(bomb)

    assert data.headers == ["직급", "기준일", "현원"] and len(data) == 1


def test_it_refuses_real_content_past_the_column_limit(settings):
    settings.DESK_IMPORT_MAX_COLUMNS = 5
    wide = xlsx_declaring("A1:F2", {"A1": "직급", "F2": "x"})
    with pytest.raises(FileRefused, match="2행: 열이 5개를 넘습니다"):
        XLSX().create_dataset(wide)


def test_it_refuses_rows_past_the_row_limit(settings):
    settings.DESK_IMPORT_MAX_ROWS = 3
    text = "직급,기준일,현원\n" + "5급,2024-12-31,1\n" * 4
    with pytest.raises(FileRefused, match="행이 3개\\(머리글 제외\\)를 넘습니다"):
        CSV().create_dataset(text.encode())


def test_it_refuses_a_file_past_the_size_limit_in_the_admin(admin_client, edition, settings):
    settings.DESK_IMPORT_MAX_BYTES = 1_000
    upload = SimpleUploadedFile("현원.csv", b"a,b\n" * 1_000, content_type="text/csv")

    response = admin_client.post("/admin/staffing/currentheadcount/import/",
                                 {"import_file": upload, "format": "1", "resource": "0"})

    assert "파일이 너무 큽니다" in " ".join(response.context["form"].errors["import_file"])
    assert response.context.get("confirm_form") is None


def test_it_refuses_an_xlsx_that_unpacks_to_far_more_than_its_size(settings):
    settings.DESK_IMPORT_MAX_BYTES = 20_000
    packed = xlsx_declaring("A1:A11", {"A1": "비고", **{f"A{row}": "가" * 32_000 for row in range(2, 12)}})
    assert len(packed) < 20_000

    with pytest.raises(FileRefused, match="압축을 푼 크기가 너무 큽니다"):
        XLSX().create_dataset(packed)


def test_it_refuses_a_file_that_is_no_xlsx_in_korean():
    with pytest.raises(FileRefused, match="xlsx 파일로 읽을 수 없습니다"):
        XLSX().create_dataset(b"not a zip at all")
