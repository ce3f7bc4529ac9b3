"""A draft PDF that is not cached yet is made by the task worker, never in the request (issue 11,
part 3): the download answers at once with a Korean progress page that polls a small JSON status,
then downloads from the same URL, now a cache hit. One task per PDF: a second reader joins it."""
import re
from urllib.parse import quote

import pytest
import datetime
import os
import pickle
import time

from django.core.cache import cache, caches
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reports.background import TaskResultStatus
from workreport import report_tasks
from workreport.report_tasks import render_draft
from workreport.tests.report_task_helpers import logged_in, queued_tasks, run_worker

WHOLE, UNIT = "/report/2024/pdf/", "/report/2024/unit/1-1/pdf/"


pytestmark = pytest.mark.usefixtures("empty_cache")


def test_it_queues_the_pdf_and_answers_at_once_with_a_korean_progress_page(reader, renderer):
    response = reader.get(WHOLE)

    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert renderer.calls == 0  # nothing rendered in the request
    page = response.content.decode()
    assert "PDF를 만드는 중입니다…" in page and "경과 시간" in page and "대기 중" in page
    assert "다 되면" in page  # what happens next
    assert re.search(r'<script src="/static/js/task_progress\.js" defer></script>', page)
    assert "<script>" not in page and "style=" not in page
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    [task] = queued_tasks(render_draft)
    assert task.status == TaskResultStatus.READY
    assert task.args_kwargs["kwargs"]["unit_id"] is None


def test_the_status_is_small_json_in_korean_from_queued_to_done(reader, renderer):
    status_url = reader.get(WHOLE).context["status_url"]

    queued = reader.get(status_url).json()
    assert queued["state"] == "queued" and queued["step"] == "queued"
    assert "차례를 기다리고 있습니다" in queued["message"] and isinstance(queued["elapsed"], int)

    task = DBTaskResult.objects.get()
    task.claim("a-worker")  # the worker took it; the task says what it does in its progress file
    report_tasks.progress_of(task.id).save({"step": "rendering"})
    running = reader.get(status_url).json()
    assert (running["state"], running["step"]) == ("running", "rendering")
    assert running["message"].startswith("PDF를 만드는 중입니다…")

    DBTaskResult.objects.filter(pk=task.pk).update(status=TaskResultStatus.READY)
    run_worker()
    done = reader.get(status_url).json()
    assert done["state"] == "done" and done["message"] == "PDF가 준비되었습니다. 내려받기를 시작합니다…"
    assert set(done) == {"state", "step", "message", "elapsed"}


def test_once_made_the_same_url_downloads_the_pdf_with_its_korean_name(reader, renderer):
    reader.get(WHOLE)
    run_worker()

    response = reader.get(WHOLE)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == "%PDF-1.7 초안 2024 전체 1".encode()
    assert response["Content-Disposition"] == (
        "attachment; filename=\"report-2024.pdf\"; filename*=UTF-8''" + quote("2024년 주요 업무보고.pdf", safe=""))
    assert reader.get(WHOLE).content == response.content
    assert renderer.calls == 1 and len(queued_tasks(render_draft)) == 1  # cache hits, no new task


def test_one_programmes_pdf_goes_the_same_way(reader, renderer):
    first = reader.get(UNIT)
    assert first["Content-Type"].startswith("text/html") and "1-1 AI 행정서비스 연구개발 PDF" in first.text
    assert first.context["status_url"].startswith("/report/2024/unit/1-1/pdf/task/")
    assert reader.get(first.context["status_url"]).json()["state"] == "queued"  # the same view as the whole's
    run_worker()

    response = reader.get(UNIT)

    assert response["Content-Type"] == "application/pdf"
    assert response.content == "%PDF-1.7 초안 2024 1-1 1".encode()
    assert "filename*=UTF-8''" + quote("2024년 주요 업무보고 1-1 AI 행정서비스 연구개발.pdf", safe="") \
        in response["Content-Disposition"]
    # the whole report is a PDF of its own: not made yet
    assert reader.get(WHOLE)["Content-Type"].startswith("text/html")


def test_a_second_reader_joins_the_task_at_work_instead_of_queueing_another(reader, renderer, django_user_model):
    other = logged_in(django_user_model.objects.create_user("colleague", password="x-unused-password-2"))

    mine = reader.get(WHOLE).context["status_url"]
    theirs = other.get(WHOLE).context["status_url"]
    again = reader.get(WHOLE).context["status_url"]  # a reload, a second click

    assert mine == theirs == again
    assert len(queued_tasks(render_draft)) == 1
    run_worker()
    assert other.get(theirs).json()["state"] == "done"
    assert other.get(WHOLE).content == reader.get(WHOLE).content
    assert renderer.calls == 1


def test_after_a_change_of_the_data_the_next_download_is_made_again(reader, renderer, edition):
    from projects.models import AchievementItem

    reader.get(WHOLE)
    run_worker()
    assert reader.get(WHOLE)["Content-Type"] == "application/pdf"
    item = AchievementItem.objects.filter(page__unit__policy__edition=edition).exclude(marker="table").first()
    item.text = "다운로드 뒤에 고친 추진실적"
    item.save()

    response = reader.get(WHOLE)

    assert response["Content-Type"].startswith("text/html")
    assert len(queued_tasks(render_draft)) == 2
    run_worker()
    assert reader.get(WHOLE).content == "%PDF-1.7 초안 2024 전체 2".encode()


def test_the_page_downloads_the_pdf_its_task_made_even_if_the_drafts_key_moved_meanwhile(
        reader, renderer, monkeypatch):
    done_url = reader.get(WHOLE).context["done_url"]
    assert done_url.startswith(WHOLE + "?task=")
    run_worker()
    # the web process runs another release than the worker that made it (a deploy under way)
    monkeypatch.setattr("workreport.publishing.code_fingerprint", lambda: "the-next-release")

    response = reader.get(done_url)

    assert response["Content-Type"] == "application/pdf" and response.content == "%PDF-1.7 초안 2024 전체 1".encode()
    assert len(queued_tasks(render_draft)) == 1  # no second task for the same click


def test_a_pdf_made_but_lost_is_said_so_with_a_retry_instead_of_queueing_again_and_again(reader, renderer):
    page = reader.get(WHOLE).context
    run_worker()
    cache.clear()  # evicted before the page came for it

    response = reader.get(page["done_url"])

    assert response["Content-Type"].startswith("text/html")
    assert "PDF를 만들었지만 받아 오지 못했습니다" in response.content.decode()
    assert "다시 시도" in response.content.decode()
    assert len(queued_tasks(render_draft)) == 1
    reader.post(page["retry_url"])
    assert len(queued_tasks(render_draft)) == 2
    run_worker()
    assert reader.get(WHOLE)["Content-Type"] == "application/pdf"


def test_a_reader_arriving_while_another_request_queues_waits_for_its_task_and_joins_it(
        reader, renderer, edition, monkeypatch, django_user_model):
    other = django_user_model.objects.create_user("colleague", password="x-unused-password-2")
    slot = report_tasks.draft_slot(edition, None)
    cache.set(slot, report_tasks.PENDING)  # the other request won cache.add and is queueing now
    theirs = render_draft.enqueue(user_id=other.pk, edition_id=edition.pk, unit_id=None)

    def the_other_request_names_its_task(seconds):
        cache.set(slot, str(theirs.id))

    monkeypatch.setattr(report_tasks.time, "sleep", the_other_request_names_its_task)

    response = reader.get(WHOLE)

    assert response.context["status_url"].endswith(f"/task/{theirs.id}/status/")
    assert len(queued_tasks(render_draft)) == 1


def test_a_slot_left_pending_by_a_dead_request_does_not_fail_the_download(reader, renderer, edition, monkeypatch):
    slot = report_tasks.draft_slot(edition, None)
    cache.set(slot, report_tasks.PENDING)
    monkeypatch.setattr(report_tasks.time, "sleep", lambda seconds: None)

    response = reader.get(WHOLE)

    assert response.status_code == 200 and "PDF를 만드는 중입니다" in response.content.decode()
    assert len(queued_tasks(render_draft)) == 1
    # the request that holds the slot may only be slow: its name is not overwritten (cache.add)
    assert cache.get(slot) == report_tasks.PENDING


class RacingCache:
    """The shared cache as one request sees it, with a second request that runs whole in the very
    moment before this one's first write to the cache (both read the same slot before)."""

    def __init__(self, real, other_request):
        self.real, self.other_request, self.raced = real, other_request, False

    def __getattr__(self, name):
        method = getattr(self.real, name)
        if name not in ("add", "set", "delete") or self.raced:
            return method

        def other_request_first(*args, **kwargs):
            self.raced = True
            self.other_request()
            return method(*args, **kwargs)
        return other_request_first


def test_two_requests_that_find_the_same_finished_task_queue_one_new_task(
        reader, renderer, edition, monkeypatch, django_user_model):
    reader.get(WHOLE)
    run_worker()  # the slot names a task done with
    user = django_user_model.objects.get(username="reader")
    others = []
    other_request = lambda: others.append(report_tasks.draft_task(user=user, edition=edition))  # noqa: E731
    monkeypatch.setattr(report_tasks, "cache", RacingCache(cache, other_request))
    monkeypatch.setattr(report_tasks.time, "sleep", lambda seconds: None)

    mine, joined = report_tasks.draft_task(user=user, edition=edition)

    [(theirs, _)] = others
    assert joined and str(mine.id) == str(theirs.id)
    assert len(queued_tasks(render_draft)) == 2  # the first, and one after it


def test_a_pdf_made_by_the_worker_is_in_the_cache_once(reader, renderer):
    done_url = reader.get(WHOLE).context["done_url"]
    run_worker()

    pdf = "%PDF-1.7 초안 2024 전체 1".encode()
    copies = [key for key, value in caches["default"]._cache.items() if pickle.loads(value) == pdf]
    assert len(copies) == 1
    assert reader.get(done_url).content == pdf  # the page that waited reads it under the draft's key


def test_the_elapsed_time_is_written_as_the_pages_script_writes_it(reader, renderer):
    reader.get(WHOLE)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(seconds=75))

    page = reader.get(WHOLE).content.decode()  # a reload: the same task, 75 s after it was queued

    assert "<span data-task-elapsed-text>1분 15초</span>" in page


def test_old_progress_files_are_removed_by_the_worker_not_by_a_request(reader, renderer, settings):
    folder = settings.TASK_PROGRESS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    old = [folder / "00000000-0000-4000-8000-000000000000.json",
           folder / "00000000-0000-4000-8000-000000000000.json.123.456.tmp"]  # a write killed before its rename
    long_ago = time.time() - report_tasks.PROGRESS_KEPT_SECONDS - 60
    for path in old:
        path.write_text("{}")
        os.utime(path, (long_ago, long_ago))

    reader.get(WHOLE)
    assert all(path.exists() for path in old)  # the request queued a task and deleted nothing
    run_worker()
    assert not any(path.exists() for path in old)


def test_a_progress_file_is_only_ever_a_tasks():
    with pytest.raises(ValueError):
        report_tasks.progress_of("../../sdf_intranet/settings")
