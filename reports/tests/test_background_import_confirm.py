"""A large file's confirm runs in the task worker too: the request queues it and answers at once,
the worker imports the rows in one transaction with their admin log entries, the page then says what
was imported; a confirm whose rows changed since its preview is refused there as in a request."""
import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client

from budget.models import ExecutionRecord
from reports.tests.background_imports import (
    CONFIRM, THRESHOLD, execution_rows, preview, run_worker, task_id_of, task_page)
from tests.helpers import table_rows


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.DESK_IMPORT_BACKGROUND_ROWS = THRESHOLD
    settings.DESK_IMPORT_UPLOAD_DIR = tmp_path


def previewed(client, rows):
    task_id = task_id_of(preview(client, *rows))
    run_worker()
    return client.get(task_page(task_id)).context["confirm_form"].initial


def test_a_large_files_confirm_is_queued_then_imported_whole(admin_client, edition, settings):
    rows = execution_rows(THRESHOLD + 3)
    confirm = previewed(admin_client, rows)
    before = ExecutionRecord.objects.count()

    task_id = task_id_of(admin_client.post(CONFIRM, confirm))
    assert ExecutionRecord.objects.count() == before  # queued, not imported in the request
    assert "을(를) 가져옵니다" in admin_client.get(task_page(task_id)).text

    run_worker()

    done = admin_client.get(task_page(task_id))
    assert "가져왔습니다" in done.text and f"새 항목 {len(rows)}건" in done.text
    assert ExecutionRecord.objects.count() == before + len(rows)
    assert LogEntry.objects.filter(content_type__model="executionrecord").count() >= len(rows)
    assert [p for p in settings.DESK_IMPORT_UPLOAD_DIR.rglob("*") if p.is_file()] == []


def test_a_confirm_whose_rows_changed_since_its_preview_is_refused_in_the_task(admin_client, edition,
                                                                            django_user_model):
    rows = execution_rows(THRESHOLD + 3)
    mine = previewed(admin_client, rows)
    other = Client()
    other.force_login(django_user_model.objects.create_superuser("other", "other@example.org", "pw"))
    changed = [(*row[:3], row[3] + 1000, row[4]) for row in rows]
    theirs = previewed(other, changed)
    other_task = task_id_of(other.post(CONFIRM, theirs))
    run_worker()
    assert "가져왔습니다" in other.get(task_page(other_task)).text
    before = table_rows(ExecutionRecord)

    task_id = task_id_of(admin_client.post(CONFIRM, mine))
    run_worker()

    refused = admin_client.get(task_page(task_id))
    assert "미리 보기 뒤에 다른 사람이 바꿨습니다. 다시 미리 보세요." in refused.text
    assert "가져왔습니다" not in refused.text
    assert table_rows(ExecutionRecord) == before
