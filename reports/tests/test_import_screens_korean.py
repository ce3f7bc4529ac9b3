"""The import and export screens speak Korean (issue 10: "Import finished: 7 new, 0 updated…",
"This exporter will export the following fields", "Select all", "None" for a blank cell)."""
from django.core.files.uploadedfile import SimpleUploadedFile

from budget.models import DetailProgram
from reports.spreadsheets import XLSX
from tests.helpers import dataset

EXECUTION_HEADERS = ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액")
ENGLISH = ("Import finished", "Select all", "This exporter", "This importer", "Confirm import", "File to import",
           "Submit", "Preview", "Skipped")


def upload(name, data):
    return SimpleUploadedFile(name, XLSX().export_data(data))


def assert_korean(html):
    for words in ENGLISH:
        assert words not in html


def test_the_import_form_preview_and_finish_message_are_korean(admin_client, edition):
    form = admin_client.get("/admin/budget/executionrecord/import/")
    assert "가져올 파일" in form.text and "다음 열을 가져옵니다" in form.text
    assert_korean(form.text)

    data = dataset(EXECUTION_HEADERS, (2024, "AI 모델 연구개발", "2024-11-30", 400000, 300000))
    preview = admin_client.post("/admin/budget/executionrecord/import/",
                                {"import_file": upload("집행.xlsx", data), "format": "0", "resource": "0"})
    assert "가져오기 확인" in preview.text and "새 항목" in preview.text
    assert_korean(preview.text)

    done = admin_client.post("/admin/budget/executionrecord/process_import/",
                             preview.context["confirm_form"].initial, follow=True)
    assert "가져오기를 마쳤습니다: 새 항목 1건, 바뀜 0건, 삭제 0건, 그대로 0건." in done.text
    assert_korean(done.text)


def test_the_export_form_is_korean(admin_client, edition):
    response = admin_client.get("/admin/budget/executionrecord/export/")
    assert "다음 열을 내보냅니다" in response.text and "모두 선택" in response.text
    assert_korean(response.text)


def test_the_export_form_names_columns_as_the_spreadsheet_does_not_by_field_code(admin_client, edition):
    response = admin_client.get("/admin/staffing/currentheadcount/export/")
    assert '<label for="id_currentheadcountresource_grade">직급</label>' in response.text
    for code in ("Grade", "As Of", "Count"):
        assert code not in response.text


def test_a_blank_cell_previews_blank_not_none(admin_client, edition):
    detail = DetailProgram.objects.filter(carried_over_amount__isnull=True, carried_over=False).first()
    data = dataset(("연도", "세부사업", "예산현액", "명시이월액", "비고"),
                   (2024, detail.name, detail.budget_amount + 1, None, detail.note))

    preview = admin_client.post("/admin/budget/detailprogram/import/",
                                {"import_file": upload("예산.xlsx", data), "format": "0", "resource": "0"})

    assert preview.context["confirm_form"] is not None
    assert ">None<" not in preview.text and "None" not in preview.context["result"].rows[0].diff


def test_the_blank_template_sheet_is_named_for_what_it_holds(admin_client, edition):
    import io

    import openpyxl

    response = admin_client.get("/admin/staffing/currentheadcount/import/template/")

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"] == ["현원"]
