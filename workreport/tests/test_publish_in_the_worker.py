"""Publishing runs in the task worker (issue 11, part 3): the confirmed POST queues it and answers at
once; the task's page shows 대기 중 → 렌더링 중 → 저장 중 → 완료 and then the list with the success
message, as publishing in the request did; a double click joins the publication at work; a failure
is shown in Korean with a retry, which asks the confirmation and the round gate again."""
import datetime
import logging
import os
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from projects.models import AchievementItem
from reports.models import PublishedEdition
from workreport import publishing, report_tasks, review
from workreport.report_tasks import PUBLISH_MESSAGES, publish_task
from workreport.tests.report_task_helpers import logged_in, make_publisher, publish_task_id, queued_tasks, run_worker

pytestmark = pytest.mark.usefixtures("media_root")

PUBLISH = "/report/published/publish/"


@pytest.fixture
def watched(renderer, publisher_client):
    """The renderer, and the statuses the publisher's page would have shown while it rendered
    (`seen`, once `status_url` is set)."""
    renderer.seen, renderer.status_url = [], None
    renderer.during = lambda: renderer.status_url and renderer.seen.append(
        publisher_client.get(renderer.status_url).json())
    return renderer


def confirmed_post(client, **data):
    return client.post(PUBLISH, {"year": "2024", "confirmed": publishing.data_fingerprint(), **data})


def test_it_queues_the_publication_and_answers_at_once(publisher_client, renderer):
    renderer.fails = AssertionError("the request renders nothing: the worker publishes")

    task_id = publish_task_id(confirmed_post(publisher_client, note="감사 제출"))

    [task] = queued_tasks(publish_task)
    assert str(task.id) == task_id and task.args_kwargs["kwargs"]["note"] == "감사 제출"
    assert not PublishedEdition.objects.exists()
    page = publisher_client.get(f"/report/published/task/{task_id}/")
    text = page.content.decode()
    assert page.status_code == 200 and "2024년 주요 업무보고 제1판 발행" in text and "메모: 감사 제출" in text
    for step in ("대기 중", "렌더링 중", "저장 중", "완료"):
        assert step in text
    assert 'data-step="queued" data-state="current" aria-current="step"' in text
    assert PUBLISH_MESSAGES["queued"] in text and "경과 시간" in text
    assert "<script>" not in text and "style=" not in text


def test_the_status_follows_the_steps_and_the_end_is_the_list_with_the_success_message(publisher_client, watched,
                                                                                       monkeypatch):
    renderer = watched
    task_id = publish_task_id(confirmed_post(publisher_client))
    renderer.status_url = f"/report/published/task/{task_id}/status/"
    saving = []
    write = publishing.PublicationFile.write
    monkeypatch.setattr(publishing.PublicationFile, "write",
                        lambda self, data: saving.append(publisher_client.get(renderer.status_url).json())
                        or write(self, data))
    assert publisher_client.get(renderer.status_url).json()["step"] == "queued"

    run_worker()

    assert [(s["state"], s["step"], s["message"]) for s in renderer.seen + saving] == [
        ("running", "rendering", PUBLISH_MESSAGES["rendering"]), ("running", "saving", PUBLISH_MESSAGES["saving"])]
    assert publisher_client.get(renderer.status_url).json()["state"] == "done"
    response = publisher_client.get(f"/report/published/task/{task_id}/", follow=True)
    published = PublishedEdition.objects.get()
    assert response.redirect_chain == [(reverse("workreport:published_list"), 302)]
    assert f"2024년 업무보고 제1판을 발행했습니다. SHA-256 {published.sha256}" in response.content.decode()
    assert publishing.verify(published)


def test_the_success_message_is_given_once_a_reload_adds_nothing(publisher_client, renderer):
    task_page = f"/report/published/task/{publish_task_id(confirmed_post(publisher_client))}/"
    run_worker()
    assert "제1판을 발행했습니다" in publisher_client.get(task_page, follow=True).content.decode()

    again = publisher_client.get(task_page, follow=True)  # the back button, a reload, a bookmark

    assert again.redirect_chain == [(reverse("workreport:published_list"), 302)]
    assert "제1판을 발행했습니다" not in again.content.decode()


def test_a_double_click_joins_the_publication_at_work(publisher_client, renderer):
    first = publish_task_id(confirmed_post(publisher_client))
    second = publish_task_id(confirmed_post(publisher_client))

    assert first == second and len(queued_tasks(publish_task)) == 1
    run_worker()
    assert PublishedEdition.objects.count() == 1 and renderer.calls == 1


def test_another_publishers_publication_at_work_is_neither_doubled_nor_shown(publisher_client, renderer,
                                                                              django_user_model):
    publish_task_id(confirmed_post(publisher_client))
    other = logged_in(make_publisher(django_user_model, "publisher2"))

    response = confirmed_post(other)

    assert response.status_code == 302 and response["Location"] == reverse("workreport:published_list")
    assert "다른 발행자가 2024년 업무보고를 발행하는 중입니다" in other.get(response["Location"]).content.decode()
    assert len(queued_tasks(publish_task)) == 1


def test_a_failed_publication_is_shown_in_korean_with_a_retry_logged_and_stores_nothing(
        publisher_client, renderer, caplog, media_root):
    renderer.fails = RuntimeError("WeasyPrint가 멈췄습니다")
    task_id = publish_task_id(confirmed_post(publisher_client))
    with caplog.at_level(logging.ERROR, logger="workreport.report_tasks"):
        run_worker()

    status = publisher_client.get(f"/report/published/task/{task_id}/status/").json()
    assert status["state"] == "failed" and status["message"] == PUBLISH_MESSAGES["failed"]
    page = publisher_client.get(f"/report/published/task/{task_id}/").content.decode()
    assert "발행하지 못했습니다" in page and "다시 시도" in page and "WeasyPrint가" not in page
    assert f'action="/report/published/task/{task_id}/retry/"' in page
    assert any("발행하지 못했습니다" in r.getMessage() and r.exc_info for r in caplog.records)
    assert not PublishedEdition.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]

    renderer.fails = None
    again = publish_task_id(publisher_client.post(f"/report/published/task/{task_id}/retry/"))
    assert again != task_id
    run_worker()
    assert PublishedEdition.objects.get().issue == 1


def failed_task(client, renderer):
    renderer.fails = ZeroDivisionError()
    task_id = publish_task_id(confirmed_post(client))
    run_worker()
    renderer.fails = None
    return task_id


def test_a_retry_after_the_data_changed_asks_to_confirm_again(publisher_client, renderer, edition):
    task_id = failed_task(publisher_client, renderer)
    item = AchievementItem.objects.filter(page__unit__policy__edition=edition).exclude(marker="table").first()
    item.text = "실패한 발행 뒤에 고친 추진실적"
    item.save()

    response = publisher_client.post(f"/report/published/task/{task_id}/retry/")

    assert response.templates[0].name == "workreport/publish_confirm.html"
    assert "확인하는 동안 데이터가 바뀌었습니다" in response.content.decode()
    assert response.context["state"] == publishing.data_fingerprint()  # the data of now, to confirm
    assert len(queued_tasks(publish_task)) == 1


def test_a_retry_asks_the_round_gate_again(publisher_client, renderer, edition, superuser):
    task_id = failed_task(publisher_client, renderer)
    review.open_round(user=superuser, edition=edition, title="2024년 11월 업무보고", due_on=datetime.date(2024, 11, 8))

    response = publisher_client.post(f"/report/published/task/{task_id}/retry/")

    assert response.templates[0].name == "workreport/publish_confirm.html"
    assert "발행하지 않았습니다: 차수의 모든 항목이 확정되어야 발행합니다" in response.content.decode()
    assert len(queued_tasks(publish_task)) == 1


def test_data_changed_while_it_waited_is_refused_by_the_task_and_shown_to_confirm_again(
        publisher_client, renderer, edition):
    task_id = publish_task_id(confirmed_post(publisher_client))
    item = AchievementItem.objects.filter(page__unit__policy__edition=edition).exclude(marker="table").first()
    item.text = "차례를 기다리는 동안 고친 추진실적"
    item.save()

    run_worker()

    assert not PublishedEdition.objects.exists() and renderer.calls == 0
    status = publisher_client.get(f"/report/published/task/{task_id}/status/").json()
    assert status["state"] == "refused" and status["step"] != "done"  # not shown as 완료
    assert status["message"].startswith("확인하는 동안 데이터가 바뀌었습니다")
    response = publisher_client.get(f"/report/published/task/{task_id}/")
    assert response.templates[0].name == "workreport/publish_confirm.html"
    assert "확인하는 동안 데이터가 바뀌었습니다" in response.content.decode()


def test_nothing_to_publish_is_said_at_once_without_queueing(publisher_client, renderer, edition, publisher):
    publishing.publish(edition, publisher)

    response = publisher_client.post(PUBLISH, {"year": "2024", "confirmed": publishing.data_fingerprint()}, follow=True)

    assert "바뀐 데이터가 없어 발행하지 않았습니다" in response.content.decode()
    assert queued_tasks(publish_task) == []


def test_the_steps_are_marked_done_current_and_to_come():
    steps = report_tasks.steps_of(report_tasks.PUBLISH_STEPS, {"step": "saving"})

    assert [(s["label"], s["state"]) for s in steps] == [
        ("대기 중", "done"), ("렌더링 중", "done"), ("저장 중", "current"), ("완료", "todo")]


def test_a_publication_another_request_is_queueing_is_never_queued_twice(publisher_client, renderer, edition,
                                                                          monkeypatch):
    # another request took the edition's slot and is queueing slowly (or died before naming its task)
    cache.set(report_tasks.publish_slot(edition), report_tasks.PENDING)
    monkeypatch.setattr(report_tasks.time, "sleep", lambda seconds: None)

    response = confirmed_post(publisher_client)

    assert response.status_code == 302 and response["Location"] == reverse("workreport:published_list")
    assert "발행을 작업 처리기에 넣는 중입니다" in publisher_client.get(response["Location"]).content.decode()
    assert queued_tasks(publish_task) == []
    assert cache.get(report_tasks.publish_slot(edition)) == report_tasks.PENDING


def test_the_sweep_deletes_only_old_files_no_row_names(edition, publisher, media_root, settings):
    folder = media_root / "published" / "2026"
    folder.mkdir(parents=True)
    old = time.time() - settings.REPORT_TASK_STALL_SECONDS - 5

    def file(name, *, aged=True):
        path = folder / name
        path.write_bytes(b"%PDF-1.7")
        if aged:
            os.utime(path, (old, old))
        return path

    live_partial = file("report-2024-20261201-120000-aaaaaaaaaaaa.pdf.partial", aged=False)  # a publication at work
    named = file("report-2024-20261130-120000-bbbbbbbbbbbb.pdf")
    PublishedEdition.objects.create(edition=edition, issue=1, sha256="b" * 64, size=8, published_by=publisher,
                                    file=f"published/2026/{named.name}")
    other_edition = file("report-2025-20261130-120000-cccccccccccc.pdf")
    orphan = file("report-2024-20261129-120000-dddddddddddd.pdf")
    old_partial = file("report-2024-20261129-130000-eeeeeeeeeeee.pdf.partial")

    removed = publishing.sweep_unfinished(edition)

    assert sorted(removed) == sorted([orphan, old_partial])
    assert live_partial.exists() and named.exists() and other_edition.exists()
