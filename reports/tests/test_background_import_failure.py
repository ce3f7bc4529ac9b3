"""A background import that raises, or whose worker dies half-way, changes nothing (one
transaction), is shown as failed in Korean (and logged, with its cause), and can be run again."""
import logging
import os
import time

import pytest

from budget.models import ExecutionRecord
from reports import background
from reports.spreadsheets import DeskImportExportMixin
from reports.tests.background_imports import (
    CONFIRM, THRESHOLD, execution_rows, preview, run_worker, status_url, task_id_of, task_page)
from tests.helpers import table_rows


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.DESK_IMPORT_BACKGROUND_ROWS = THRESHOLD
    settings.DESK_IMPORT_UPLOAD_DIR = tmp_path


def queued_confirm(client, rows):
    task_id = task_id_of(preview(client, *rows))
    run_worker()
    confirm = client.get(task_page(task_id)).context["confirm_form"].initial
    return task_id_of(client.post(CONFIRM, confirm))


def test_a_task_that_raises_after_writing_rows_changes_nothing_and_says_so_in_korean(
        admin_client, edition, monkeypatch, caplog):
    task_id = queued_confirm(admin_client, execution_rows(THRESHOLD + 3))
    before = table_rows(ExecutionRecord)

    def crash(self, result, request):  # after every row is written, inside the import's transaction
        raise RuntimeError("디스크가 가득 찼습니다")

    monkeypatch.setattr(DeskImportExportMixin, "generate_log_entries", crash)
    with caplog.at_level(logging.ERROR, logger="reports.background"):
        run_worker()

    assert table_rows(ExecutionRecord) == before
    assert admin_client.get(status_url(task_id)).json()["state"] == "failed"
    page = admin_client.get(task_page(task_id))
    assert background.FAILED_MESSAGE in page.text and "아무것도 반영하지 않았습니다" in page.text
    assert "RuntimeError" not in page.text and "Traceback" not in page.text
    assert "다시 시도" in page.text
    assert any("배경 가져오기가 실패했습니다" in r.getMessage() and r.exc_info for r in caplog.records)

    monkeypatch.undo()
    retried = admin_client.post(task_page(task_id) + "retry/")
    again = task_id_of(retried)
    assert again != task_id
    run_worker()

    assert "가져왔습니다" in admin_client.get(task_page(again)).text
    assert ExecutionRecord.objects.count() == len(before[0]) + THRESHOLD + 3


def test_a_task_whose_worker_died_is_shown_stopped_and_can_be_run_again(admin_client, edition, settings):
    from django_tasks_db.models import DBTaskResult

    task_id = queued_confirm(admin_client, execution_rows(THRESHOLD + 3))
    before = table_rows(ExecutionRecord)
    # a worker took it, and was killed: the task stays "running", its progress no longer moves
    DBTaskResult.objects.get(id=task_id).claim("killed-worker")
    progress = next(settings.DESK_IMPORT_UPLOAD_DIR.rglob("*.progress"))
    assert admin_client.get(status_url(task_id)).json()["state"] == "running"
    stalled = time.time() - settings.DESK_IMPORT_TASK_STALL_SECONDS - 1
    os.utime(progress, (stalled, stalled))

    status = admin_client.get(status_url(task_id)).json()

    assert status["state"] == "failed" and status["message"] == background.STALLED_MESSAGE
    assert table_rows(ExecutionRecord) == before
    again = task_id_of(admin_client.post(task_page(task_id) + "retry/"))
    run_worker()
    assert "가져왔습니다" in admin_client.get(task_page(again)).text


def test_a_task_still_at_work_cannot_be_queued_twice(admin_client, edition):
    task_id = queued_confirm(admin_client, execution_rows(THRESHOLD + 3))

    response = admin_client.post(task_page(task_id) + "retry/")

    assert response.status_code == 302 and response["Location"] == task_page(task_id)
