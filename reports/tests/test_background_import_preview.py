"""A large file's preview (more rows than DESK_IMPORT_BACKGROUND_ROWS) is queued, not run in the
request: the request answers with the task's page (progress in Korean, a script to poll it), and
once the worker has run the task the same page shows the preview in report terms, with its confirm."""
import pytest

from budget.models import ExecutionRecord
from reports import background
from reports.tests.background_imports import (
    THRESHOLD, execution_rows, preview, run_worker, status_url, task_id_of, task_page)
from tests.helpers import table_rows


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.DESK_IMPORT_BACKGROUND_ROWS = THRESHOLD
    settings.DESK_IMPORT_UPLOAD_DIR = tmp_path


def test_a_large_files_preview_is_queued_then_shown_in_report_terms(admin_client, edition):
    rows = execution_rows(THRESHOLD + 3)
    before = table_rows(ExecutionRecord)

    queued = preview(admin_client, *rows)

    task_id = task_id_of(queued)
    waiting = admin_client.get(task_page(task_id))
    assert waiting.status_code == 200
    assert "차례를 기다리는 중" in waiting.text
    assert "새로 고치세요" in waiting.text  # without the script, the page says what to do
    assert "js/task_progress.js" in waiting.text
    assert admin_client.get(status_url(task_id)).json()["state"] == "queued"

    run_worker()

    status = admin_client.get(status_url(task_id)).json()
    assert status["state"] == "done" and status["total"] == len(rows)
    shown = admin_client.get(task_page(task_id))
    assert shown.status_code == 200
    assert shown.context["preview"].counts["새 항목"] == len(rows)
    first = shown.context["preview"].rows[0]
    assert (first.label, first.kind_label) == ("2행", "새 항목")
    assert "2024. 10. 19." in shown.text  # dates as the report prints them
    assert shown.context["confirm_form"].initial["import_file_name"]
    assert "가져오기 확인" in shown.text or "Confirm import" in shown.text
    assert table_rows(ExecutionRecord) == before  # a preview writes nothing


def test_a_small_file_is_still_previewed_in_the_request(admin_client, edition):
    response = preview(admin_client, *execution_rows(THRESHOLD))

    assert response.status_code == 200
    assert response.context["preview"].counts["새 항목"] == THRESHOLD


def test_a_large_file_with_errors_shows_them_in_korean_and_keeps_no_file(admin_client, edition, settings):
    rows = execution_rows(THRESHOLD + 2) + [(2024, "없는 사업", "2024-11-30", 1, 1)]

    task_id = task_id_of(preview(admin_client, *rows))
    run_worker()

    shown = admin_client.get(task_page(task_id))
    assert shown.context.get("confirm_form") is None
    assert any("'없는 사업'은(는) 없는" in line for line in shown.context["error_lines"])
    assert [p.name for p in settings.DESK_IMPORT_UPLOAD_DIR.rglob("*") if p.is_file()] == []


def test_a_large_preview_lists_its_first_rows_and_counts_them_all(admin_client, edition, monkeypatch):
    monkeypatch.setattr(background, "PREVIEW_ROWS_SHOWN", 3)
    rows = execution_rows(THRESHOLD + 4)

    task_id = task_id_of(preview(admin_client, *rows))
    run_worker()

    shown = admin_client.get(task_page(task_id))
    assert shown.context["preview"].counts["새 항목"] == len(rows)
    assert [row.label for row in shown.context["preview"].rows] == ["2행", "3행", "4행"]
    assert f"처음 3행만 보입니다. 나머지 {len(rows) - 3}행" in shown.text
