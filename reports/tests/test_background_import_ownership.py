"""Only the user who started a background import sees its status or result: another user's task,
a forged or stale id, or a task of another desk's model is a 404 that says nothing; a login without
the import permission is refused; and the task itself asks the import permission again."""
import uuid

import pytest
from django.test import Client

from reports.background import run_import
from reports.tests.background_imports import (
    THRESHOLD, execution_rows, preview, run_worker, status_url, task_id_of, task_page)


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.DESK_IMPORT_BACKGROUND_ROWS = THRESHOLD
    settings.DESK_IMPORT_UPLOAD_DIR = tmp_path


@pytest.fixture
def queued(admin_client, edition):
    return task_id_of(preview(admin_client, *execution_rows(THRESHOLD + 2)))


@pytest.fixture
def other_client(django_user_model):
    other = Client()
    other.force_login(django_user_model.objects.create_superuser("other", "other@example.org", "pw"))
    return other


def test_another_user_cannot_read_the_status_or_the_result(queued, other_client):
    assert other_client.get(status_url(queued)).status_code == 404
    run_worker()

    for url in (task_page(queued), status_url(queued)):
        response = other_client.get(url)
        assert response.status_code == 404
        assert "미리 보기" not in response.text and "AI 모델" not in response.text
    assert other_client.post(task_page(queued) + "retry/").status_code == 404


def test_a_forged_id_is_a_404_without_detail(admin_client, queued):
    for forged in (str(uuid.uuid4()), "not-a-task", queued[:-1] + "0" if not queued.endswith("0") else queued[:-1] + "1"):
        response = admin_client.get(status_url(forged))
        assert response.status_code == 404
        assert forged not in response.text


def test_the_id_read_through_another_desks_import_is_a_404(admin_client, queued):
    assert admin_client.get(f"/admin/staffing/person/import/task/{queued}/status/").status_code == 404


def test_a_login_without_the_import_permission_is_refused(queued, auditor):
    client = Client()
    client.force_login(auditor)  # 감사: reads every record, imports none

    assert client.get(status_url(queued)).status_code == 403


def test_a_colleague_of_the_same_desk_cannot_read_it_either(queued, budget_officer):
    client = Client()
    client.force_login(budget_officer)  # 예산담당: may import 집행 실적, but this task is not theirs

    assert client.get(status_url(queued)).status_code == 404


def test_the_task_asks_the_import_permission_again(admin_client, admin_user, queued, settings):
    admin_user.is_superuser = False
    admin_user.save()

    run_worker()

    outcome = run_import.get_result(queued).return_value
    assert outcome["errors"] == ["가져올 권한이 없습니다(권한이 바뀌었거나 확정된 부분입니다)."]
    assert [p for p in settings.DESK_IMPORT_UPLOAD_DIR.rglob("*") if p.is_file()] == []
