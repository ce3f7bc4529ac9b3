"""A draft PDF the worker could not make is shown in Korean with a retry button, and logged with
its traceback; a worker killed while making it is shown as stopped, and the PDF can be asked again.
A failure is not queued again by every reload: only the retry (POST) queues anew."""
import logging
import os
import time

import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from workreport import report_tasks
from workreport.report_tasks import DRAFT_MESSAGES, render_draft
from workreport.tests.report_task_helpers import queued_tasks, run_worker

WHOLE = "/report/2024/pdf/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader(client, django_user_model, edition):
    client.force_login(django_user_model.objects.create_user("reader", password="x-unused-password-1"))
    return client


def render_with(monkeypatch, render):
    monkeypatch.setattr("workreport.rendering.build_report_pdf", render)
    monkeypatch.setattr("workreport.sections.sectioned_pdf", render)
    monkeypatch.setattr("workreport.sections.programme_pdf", render)
    monkeypatch.setattr("workreport.sections.programme_pdf", render, raising=False)


def broken(edition, unit=None, **kwargs):
    raise RuntimeError("글꼴 파일을 읽을 수 없습니다")


def working(edition, unit=None, **kwargs):
    return b"%PDF-1.7 draft after retry"


def test_it_shows_a_failure_in_korean_with_a_retry_and_logs_the_traceback(reader, monkeypatch, caplog):
    render_with(monkeypatch, broken)
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


def test_the_retry_queues_it_again_and_the_download_follows(reader, monkeypatch):
    render_with(monkeypatch, broken)
    retry_url = reader.get(WHOLE).context["retry_url"]
    run_worker()
    render_with(monkeypatch, working)

    response = reader.post(retry_url)

    assert response.status_code == 302 and response["Location"] == WHOLE
    assert len(queued_tasks(render_draft)) == 2
    assert "PDF를 만드는 중입니다" in reader.get(WHOLE).content.decode()
    run_worker()
    assert reader.get(WHOLE).content == b"%PDF-1.7 draft after retry"


def test_a_retry_of_a_task_still_at_work_does_not_queue_a_second(reader, monkeypatch):
    render_with(monkeypatch, working)
    retry_url = reader.get(WHOLE).context["retry_url"]

    assert reader.post(retry_url)["Location"] == WHOLE
    assert len(queued_tasks(render_draft)) == 1


def test_a_worker_killed_while_making_it_is_shown_stopped_and_can_be_asked_again(reader, monkeypatch, settings):
    render_with(monkeypatch, working)
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
    assert reader.get(WHOLE).content == b"%PDF-1.7 draft after retry"
