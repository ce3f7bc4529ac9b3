"""A draft PDF the worker could not make is shown in Korean with a retry button, and logged with
its traceback; a worker killed while making it is shown as stopped, and the PDF can be asked again.
A failure is not queued again by every reload: only the retry (POST) queues anew."""
import logging
import os
import time

import pytest
from django_tasks_db.models import DBTaskResult

from workreport import report_tasks
from workreport.report_tasks import DRAFT_MESSAGES, render_draft
from workreport.tests.report_task_helpers import queued_tasks, run_worker

pytestmark = pytest.mark.usefixtures("empty_cache")

WHOLE = "/report/2024/pdf/"
BROKEN = RuntimeError("글꼴 파일을 읽을 수 없습니다")
AFTER_RETRY = "%PDF-1.7 초안 2024 전체 2".encode()  # the renderer's second call


def test_it_shows_a_failure_in_korean_with_a_retry_and_logs_the_traceback(reader, renderer, caplog):
    renderer.fails = BROKEN
    status_url = reader.get(WHOLE).context["status_url"]
    with caplog.at_level(logging.ERROR, logger="workreport.report_tasks"):
        run_worker()

    status = reader.get(status_url).json()
    assert status["state"] == "failed" and status["message"] == DRAFT_MESSAGES["failed"]
    page = reader.get(WHOLE)  # what the page's script loads when the task failed
    text = page.content.decode()
    assert page["Content-Type"].startswith("text/html")
    assert "PDF를 만들지 못했습니다" in text and "다시 시도" in text
    assert 'method="post"' in text and "csrfmiddlewaretoken" in text
    assert "RuntimeError" not in text and "Traceback" not in text and "글꼴 파일" not in text
    assert len(queued_tasks(render_draft)) == 1  # the reload showed the failure, queued nothing
    logged = [r for r in caplog.records if "초안 PDF를 만들지 못했습니다" in r.getMessage()]
    assert logged and logged[0].exc_info and "글꼴 파일을 읽을 수 없습니다" in str(logged[0].exc_info[1])


def test_the_retry_queues_it_again_and_the_download_follows(reader, renderer):
    renderer.fails = BROKEN
    retry_url = reader.get(WHOLE).context["retry_url"]
    run_worker()
    renderer.fails = None

    response = reader.post(retry_url)

    assert response.status_code == 302 and response["Location"] == WHOLE
    assert len(queued_tasks(render_draft)) == 2
    assert "PDF를 만드는 중입니다" in reader.get(WHOLE).content.decode()
    run_worker()
    assert reader.get(WHOLE).content == AFTER_RETRY


def test_a_retry_of_a_task_still_at_work_does_not_queue_a_second(reader, renderer):
    retry_url = reader.get(WHOLE).context["retry_url"]

    assert reader.post(retry_url)["Location"] == WHOLE
    assert len(queued_tasks(render_draft)) == 1


def test_a_retry_of_a_task_done_whose_pdf_is_there_renders_nothing_again(reader, renderer):
    retry_url = reader.get(WHOLE).context["retry_url"]
    run_worker()

    assert reader.post(retry_url)["Location"] == WHOLE  # a stale page's button, a second tab

    assert len(queued_tasks(render_draft)) == 1
    run_worker()
    assert renderer.calls == 1 and reader.get(WHOLE)["Content-Type"] == "application/pdf"


def test_a_worker_killed_while_making_it_is_shown_stopped_and_can_be_asked_again(reader, renderer, settings):
    first = reader.get(WHOLE).context
    task = DBTaskResult.objects.get()
    task.claim("killed-worker")  # taken, then the worker was killed: "running" for ever
    progress = report_tasks.progress_of(task.id)
    progress.save({"step": "rendering"})
    assert reader.get(first["status_url"]).json()["state"] == "running"
    silent = time.time() - settings.REPORT_TASK_STALL_SECONDS - 1  # its keep-alive stopped with it
    os.utime(progress.path, (silent, silent))

    status = reader.get(first["status_url"]).json()

    assert status["state"] == "failed" and status["message"] == DRAFT_MESSAGES["stalled"]
    assert "작업 처리기가 중간에 멈췄습니다" in reader.get(WHOLE).content.decode()
    reader.post(first["retry_url"])
    run_worker()
    assert reader.get(WHOLE).content == "%PDF-1.7 초안 2024 전체 1".encode()
