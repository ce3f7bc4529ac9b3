"""Bad input to the report's tasks (issue 11, part 3): a forged or stale task id, a task of another
user, a task of another kind or another PDF — on the status page, the status JSON, the retry and
the download — is a 404 that says nothing. Only POST queues a retry, with its CSRF token. The task
asks the permission again as the user who started it."""
import uuid

import pytest
from django.core.cache import cache
from django.test import Client

from reports.background import run_import
from reports.models import PublishedEdition, ReportEdition
from workreport import publishing
from workreport.report_tasks import DRAFT_MESSAGES, REFUSED_ACCOUNT, publish_task, render_draft
from workreport.tests.report_task_helpers import logged_in, make_publisher, publish_task_id, queued_tasks, run_worker

pytestmark = pytest.mark.usefixtures("empty_cache", "media_root", "renderer")

WHOLE = "/report/2024/pdf/"


@pytest.fixture
def alice(django_user_model, edition):
    return make_publisher(django_user_model, "alice")


@pytest.fixture
def bob(django_user_model, edition):
    return make_publisher(django_user_model, "bob")


def forged_ids(real):
    last = "1" if not real.endswith("1") else "2"
    return [str(uuid.uuid4()), "not-a-task", real[:-1] + last, "../../admin", "0" * 36]


def assert_refused_without_detail(response, task_id):
    assert response.status_code == 404
    assert task_id not in response.content.decode() and "PDF를 만드는 중" not in response.content.decode()


# --- the draft PDF --------------------------------------------------------------------------------

def test_a_forged_or_stale_draft_task_id_is_a_404(alice):
    client = logged_in(alice)
    real = client.get(WHOLE).context
    task_id = real["status_url"].split("/")[-3]

    for forged in forged_ids(task_id):
        assert_refused_without_detail(client.get(f"/report/2024/pdf/task/{forged}/status/"), forged)
        assert_refused_without_detail(client.post(f"/report/2024/pdf/task/{forged}/retry/"), forged)
    assert client.get(real["status_url"]).status_code == 200


def test_another_users_draft_task_is_a_404_to_them(alice, bob):
    status_url = logged_in(alice).get(WHOLE).context["status_url"]
    bob_client = logged_in(bob)  # never asked for this PDF: the task is not theirs to read

    assert_refused_without_detail(bob_client.get(status_url), status_url)
    assert bob_client.post(status_url.replace("/status/", "/retry/")).status_code == 404
    run_worker()
    assert bob_client.get(status_url).status_code == 404


def test_a_draft_task_read_under_another_pdfs_url_is_a_404(alice):
    client = logged_in(alice)
    whole = client.get(WHOLE).context["status_url"]
    task_id = whole.split("/")[-3]

    for wrong in (f"/report/2024/unit/1-1/pdf/task/{task_id}/status/", f"/report/2025/pdf/task/{task_id}/status/"):
        assert client.get(wrong).status_code == 404


def test_a_task_of_another_kind_is_not_a_draft_task(alice):
    client = logged_in(alice)
    client.get(WHOLE)
    other_kind = run_import.enqueue(user_id=alice.pk, model="budget.executionrecord", step="preview",
                                    upload="0" * 32, format_index=0, resource="", file_name="집행.xlsx")
    session = client.session
    session["draft_pdf_tasks"] = session["draft_pdf_tasks"] + [str(other_kind.id)]  # even named in the session
    session.save()

    assert client.get(f"/report/2024/pdf/task/{other_kind.id}/status/").status_code == 404


def test_the_draft_retry_is_post_only_with_its_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    retry_url = client.get(WHOLE).context["retry_url"]

    assert client.get(retry_url).status_code == 405
    assert client.post(retry_url).status_code == 403  # no CSRF token
    assert len(queued_tasks(render_draft)) == 1


def test_an_anonymous_visitor_is_sent_to_log_in(alice):
    status_url = logged_in(alice).get(WHOLE).context["status_url"]

    response = Client().get(status_url)

    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_draft_task_asks_again_whether_its_user_may_read_it(alice, bob):
    alice_client, bob_client = logged_in(alice), logged_in(bob)
    status_url = alice_client.get(WHOLE).context["status_url"]
    bob_client.get(WHOLE)  # bob joins alice's task
    alice.is_active = False  # switched off while the task waited
    alice.save()

    run_worker()

    assert render_draft.get_result(status_url.split("/")[-3]).return_value == {"refused": REFUSED_ACCOUNT}
    # bob is told nothing of alice's account: his page loads the download again…
    status = bob_client.get(status_url).json()
    assert status["state"] == "failed" and status["message"] == DRAFT_MESSAGES["again"]
    assert REFUSED_ACCOUNT not in bob_client.get(status_url).content.decode()
    # …which queues a task as bob, who may read it
    page = bob_client.get(WHOLE)
    assert page["Content-Type"].startswith("text/html") and REFUSED_ACCOUNT not in page.content.decode()
    assert [task.args_kwargs["kwargs"]["user_id"] for task in queued_tasks(render_draft)] == [alice.pk, bob.pk]
    run_worker()
    assert bob_client.get(WHOLE)["Content-Type"] == "application/pdf"


def test_a_refused_draft_task_is_not_joined_by_the_next_reader(alice, django_user_model):
    logged_in(alice).get(WHOLE)
    alice.is_active = False
    alice.save()
    run_worker()  # refused: alice is switched off
    colleague = logged_in(django_user_model.objects.create_user("carol", password="x-unused-password-4"))

    page = colleague.get(WHOLE)

    assert "PDF를 만드는 중입니다" in page.content.decode() and REFUSED_ACCOUNT not in page.content.decode()
    assert page.context["status"]["state"] == "queued"
    run_worker()
    assert colleague.get(WHOLE)["Content-Type"] == "application/pdf"


# --- publishing -----------------------------------------------------------------------------------

def queued_publication(client):
    return publish_task_id(client.post("/report/published/publish/",
                                       {"year": "2024", "confirmed": publishing.data_fingerprint()}))


def publish_urls(task_id):
    return (f"/report/published/task/{task_id}/", f"/report/published/task/{task_id}/status/")


def test_a_forged_or_stale_publication_id_is_a_404(alice):
    client = logged_in(alice)
    task_id = queued_publication(client)

    for forged in forged_ids(task_id):
        for url in publish_urls(forged):
            assert_refused_without_detail(client.get(url), forged)
        assert client.post(f"/report/published/task/{forged}/retry/").status_code == 404


def test_another_publishers_publication_is_a_404_to_them(alice, bob):
    task_id = queued_publication(logged_in(alice))
    bob_client = logged_in(bob)

    for url in publish_urls(task_id):
        assert_refused_without_detail(bob_client.get(url), task_id)
    assert bob_client.post(f"/report/published/task/{task_id}/retry/").status_code == 404
    run_worker()
    assert bob_client.get(publish_urls(task_id)[0]).status_code == 404  # done: still not theirs


def test_a_draft_task_is_not_a_publication(alice):
    client = logged_in(alice)
    draft_id = client.get(WHOLE).context["status_url"].split("/")[-3]

    for url in publish_urls(draft_id):
        assert client.get(url).status_code == 404


def test_a_login_without_the_publish_permission_is_refused(alice, django_user_model):
    task_id = queued_publication(logged_in(alice))
    reader = logged_in(django_user_model.objects.create_user("reader", password="x-unused-password-3"))

    for url in publish_urls(task_id):
        assert reader.get(url).status_code == 403


def test_the_publication_asks_the_permission_again_as_its_publisher(alice, settings):
    task_id = queued_publication(logged_in(alice))
    alice.user_permissions.clear()  # the role taken away while the publication waited

    run_worker()

    outcome = publish_task.get_result(task_id).return_value
    assert outcome["kind"] == "permission" and "권한이 없습니다" in outcome["refused"]
    assert not PublishedEdition.objects.exists()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_a_switched_off_publisher_publishes_nothing(alice):
    task_id = queued_publication(logged_in(alice))
    alice.is_active = False
    alice.save()

    run_worker()

    assert publish_task.get_result(task_id).return_value == {"refused": REFUSED_ACCOUNT, "kind": "permission"}
    assert not PublishedEdition.objects.exists()


def test_the_publication_retry_is_post_only_with_its_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    token = client.get("/report/published/?year=2024").cookies["csrftoken"].value
    task_id = publish_task_id(client.post("/report/published/publish/", {
        "year": "2024", "confirmed": publishing.data_fingerprint(), "csrfmiddlewaretoken": token}))
    retry_url = f"/report/published/task/{task_id}/retry/"

    assert client.get(retry_url).status_code == 405
    assert client.post(retry_url).status_code == 403
    assert client.post("/report/published/publish/", {"year": "2024", "confirmed": "x"}).status_code == 403


def test_a_download_naming_another_users_task_is_the_download_as_without_it(alice, bob):
    done_url = logged_in(alice).get(WHOLE).context["done_url"]
    run_worker()
    cache.delete(publishing.draft_cache_key(ReportEdition.objects.get(year=2024)))  # not a cache hit for bob

    response = logged_in(bob).get(done_url)

    assert response["Content-Type"].startswith("text/html")  # not alice's PDF: bob's own task's page
    assert len(queued_tasks(render_draft)) == 2
