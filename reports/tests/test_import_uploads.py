"""An upload waits for its confirm in its user's own folder and nowhere else (issue 10: refused or
abandoned dry runs left names and phone numbers in the shared temporary folder, and one user could
confirm another's pending import); a confirm whose rows changed since its preview is refused."""
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from budget.models import ExecutionRecord
from reports.spreadsheets import XLSX
from tests.helpers import dataset, table_rows

IMPORT, CONFIRM = "/admin/budget/executionrecord/import/", "/admin/budget/executionrecord/process_import/"
HEADERS = ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액")
ROW = (2024, "AI 모델 연구개발", "2024-11-30", 400000, 300000)


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.DESK_IMPORT_UPLOAD_DIR = tmp_path
    return tmp_path


def preview(client, *rows):
    upload = SimpleUploadedFile("집행.xlsx", XLSX().export_data(dataset(HEADERS, *rows)))
    return client.post(IMPORT, {"import_file": upload, "format": "0", "resource": "0"})


def stored_files(folder):
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


def told(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_it_keeps_the_upload_in_the_users_folder_and_deletes_it_after_confirm(admin_client, edition, upload_dir,
                                                                              admin_user):
    response = preview(admin_client, ROW)
    name = response.context["confirm_form"].initial["import_file_name"]
    assert stored_files(upload_dir / str(admin_user.pk)) == [name, f"{name}.preview"]

    admin_client.post(CONFIRM, response.context["confirm_form"].initial)

    assert ExecutionRecord.objects.filter(as_of="2024-11-30").exists()
    assert stored_files(upload_dir) == []


def test_a_refused_preview_keeps_no_file(admin_client, edition, upload_dir):
    response = preview(admin_client, (2024, "없는 사업", "2024-11-30", 1, 1))
    assert response.context.get("confirm_form") is None and response.context["error_lines"]
    assert stored_files(upload_dir) == []


def test_cancel_deletes_the_upload(admin_client, edition, upload_dir):
    response = preview(admin_client, ROW)
    name = response.context["confirm_form"].initial["import_file_name"]
    assert "취소(올린 파일 지우기)" in response.text

    cancelled = admin_client.post("/admin/budget/executionrecord/import/cancel/", {"import_file_name": name})

    assert "가져오기를 취소했습니다" in told(cancelled)
    assert stored_files(upload_dir) == []


def test_another_user_cannot_confirm_someone_elses_upload(admin_client, edition, upload_dir, django_user_model):
    from django.test import Client

    response = preview(admin_client, ROW)
    other = Client()
    other.force_login(django_user_model.objects.create_superuser("other", "other@example.org", "pw"))

    refused = other.post(CONFIRM, response.context["confirm_form"].initial)

    assert "가져올 파일이 없습니다" in told(refused)
    assert not ExecutionRecord.objects.filter(as_of="2024-11-30").exists()
    assert len(stored_files(upload_dir)) == 2  # still the owner's to confirm


def test_a_confirm_whose_rows_changed_since_its_preview_is_refused(admin_client, edition, django_user_model):
    from django.test import Client

    mine = preview(admin_client, ROW)
    other = Client()
    other.force_login(django_user_model.objects.create_superuser("other", "other@example.org", "pw"))
    theirs = preview(other, (2024, "AI 모델 연구개발", "2024-11-30", 410000, 310000))
    other.post(CONFIRM, theirs.context["confirm_form"].initial)
    before = table_rows(ExecutionRecord)

    refused = admin_client.post(CONFIRM, mine.context["confirm_form"].initial)

    assert "미리 보기 뒤에 다른 사람이 바꿨습니다. 다시 미리 보세요." in told(refused)
    assert "마쳤습니다" not in told(refused)
    assert table_rows(ExecutionRecord) == before
    record = ExecutionRecord.objects.get(as_of="2024-11-30")
    assert (record.committed_amount, record.spent_amount) == (410000, 310000)


def test_an_upload_left_for_more_than_a_day_is_deleted_at_the_next_upload(admin_client, edition, upload_dir,
                                                                         admin_user):
    import os
    import time

    first = preview(admin_client, ROW).context["confirm_form"].initial["import_file_name"]
    day_ago = time.time() - 24 * 60 * 60 - 1
    for path in (upload_dir / str(admin_user.pk)).iterdir():
        os.utime(path, (day_ago, day_ago))

    second = preview(admin_client, ROW).context["confirm_form"].initial["import_file_name"]

    assert stored_files(upload_dir) == sorted([second, f"{second}.preview"])
    assert first not in stored_files(upload_dir)
