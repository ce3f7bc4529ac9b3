"""What a large import costs the web server is a fixed number of queries whatever the file's size:
queueing it, each poll of its status, its page while it waits (query counts, not timings)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.tests.background_imports import (
    THRESHOLD, execution_rows, preview, run_worker, status_url, task_id_of, task_page)


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.DESK_IMPORT_BACKGROUND_ROWS = THRESHOLD
    settings.DESK_IMPORT_UPLOAD_DIR = tmp_path


def queries(call):
    with CaptureQueriesContext(connection) as captured:
        response = call()
    return response, len(captured)


@pytest.mark.parametrize("rows", [THRESHOLD + 1, 40 * THRESHOLD])
def test_queueing_and_polling_cost_the_same_for_any_size(admin_client, edition, rows):
    data = execution_rows(rows)

    queued, queue_queries = queries(lambda: preview(admin_client, *data))
    task_id = task_id_of(queued)
    _, poll_queries = queries(lambda: admin_client.get(status_url(task_id)))
    _, page_queries = queries(lambda: admin_client.get(task_page(task_id)))

    assert queue_queries <= 5, queue_queries
    assert poll_queries <= 5, poll_queries
    assert page_queries <= 5, page_queries


def test_a_poll_after_the_task_has_run_costs_no_more(admin_client, edition):
    task_id = task_id_of(preview(admin_client, *execution_rows(THRESHOLD + 1)))
    run_worker()

    response, poll_queries = queries(lambda: admin_client.get(status_url(task_id)))

    assert response.json()["state"] == "done"
    assert poll_queries <= 5, poll_queries
