"""The import preview in report terms (issue 10: "20,000 → 400,000 shows as a character diff
'2̶400000' with no separators; 150,000,000 typed in won previews as an ordinary new row")."""
import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from budget.models import DetailProgram, ExecutionRecord
from reports.spreadsheets import XLSX
from tests.helpers import dataset

EXECUTION = "/admin/budget/executionrecord/import/"
HEADERS = ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액")


def preview_of(client, url, data):
    upload = SimpleUploadedFile("파일.xlsx", XLSX().export_data(data))
    response = client.post(url, {"import_file": upload, "format": "0", "resource": "0"})
    assert response.context["confirm_form"] is not None, response.context.get("error_lines")
    return response


def cells_by_header(preview, row):
    return dict(zip(preview.headers, row.cells))


def test_a_changed_amount_shows_old_and_new_with_separators_not_a_character_diff(admin_client, edition):
    record = ExecutionRecord.objects.select_related("detail").filter(as_of="2024-10-18").order_by("pk").first()
    new_spent = record.spent_amount + 1_000
    data = dataset(HEADERS, (2024, record.detail.name, "2024. 10. 18.", record.committed_amount, new_spent))

    response = preview_of(admin_client, EXECUTION, data)

    preview = response.context["preview"]
    [row] = preview.rows
    cells = cells_by_header(preview, row)
    assert row.kind_label == "바뀜"
    assert (cells["지출 누계액"].old, cells["지출 누계액"].new) == (f"{record.spent_amount:,}", f"{new_spent:,}")
    assert cells["지출 누계액"].changed and not cells["원인행위 누계액"].changed
    assert cells["원인행위 누계액"].new == f"{record.committed_amount:,}"
    assert cells["기준일"].new == "2024. 10. 18."
    html = response.content.decode()
    assert f"<del>{record.spent_amount:,}</del> → <ins>{new_spent:,}</ins>" in html
    assert "<del>" not in html.split(f"<del>{record.spent_amount:,}</del>")[1].split("</tr>")[0]  # one change
    assert preview.counts == {"새 항목": 0, "바뀜": 1, "그대로": 0, "경고": 0}


def test_the_summary_counts_new_changed_unchanged_and_warned_rows(admin_client, edition):
    records = list(ExecutionRecord.objects.select_related("detail").filter(as_of="2024-10-18").order_by("pk")[:2])
    unchanged, changed = records
    small = DetailProgram.objects.get(name="디지털 정책연구")  # 예산현액 275,350; 141,804 on 2024-10-18
    data = dataset(
        HEADERS,
        (2024, unchanged.detail.name, "2024-10-18", unchanged.committed_amount, unchanged.spent_amount),
        (2024, changed.detail.name, "2024-10-18", changed.committed_amount + 5, changed.spent_amount),
        (2024, small.name, "2024-11-30", 150_000_000, 140_000),  # won typed for 천원
    )

    response = preview_of(admin_client, EXECUTION, data)

    preview = response.context["preview"]
    assert preview.counts == {"새 항목": 1, "바뀜": 1, "그대로": 1, "경고": 1}
    assert [row.kind_label for row in preview.rows] == ["그대로", "바뀜", "새 항목"]
    assert [row.label for row in preview.rows] == ["2행", "3행", "4행"]
    warned = preview.rows[2]
    assert cells_by_header(preview, warned)["원인행위 누계액"].new == "150,000,000"
    assert cells_by_header(preview, warned)["기준일"].new == "2024. 11. 30."
    assert len(warned.warnings) == 1 and "10배가 넘습니다" in warned.warnings[0]
    assert preview.rows[0].warnings == [] and preview.rows[1].warnings == []
    html = response.content.decode()
    assert "새 항목 1건" in html and "바뀜 1건" in html and "그대로 1건" in html and "경고 1건" in html
    assert not ExecutionRecord.objects.filter(as_of=datetime.date(2024, 11, 30)).exists()


def test_a_blank_amount_previews_as_dash_and_a_year_without_separator(admin_client, edition):
    detail = DetailProgram.objects.filter(carried_over_amount__isnull=True, carried_over=False).order_by("pk").first()
    data = dataset(("연도", "세부사업", "예산현액", "명시이월액", "비고"),
                   (2024, detail.name, detail.budget_amount + 1_000, None, detail.note))

    preview = preview_of(admin_client, "/admin/budget/detailprogram/import/", data).context["preview"]

    cells = cells_by_header(preview, preview.rows[0])
    assert cells["연도"].new == "2024"
    assert cells["명시이월액"].new == "-" and not cells["명시이월액"].changed
    assert (cells["예산현액"].old, cells["예산현액"].new) == (f"{detail.budget_amount:,}", f"{detail.budget_amount + 1_000:,}")
    assert (cells["예산현액"].kind, cells["세부사업"].kind) == ("number", "text")
