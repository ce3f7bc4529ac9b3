"""Helpers of the tests of the report's background tasks (workreport/report_tasks.py): the worker
run in the test's own process (as the background-import tests run it), WeasyPrint's stand-in,
logins, the pages of a task. The fixtures built on them are in workreport/tests/conftest.py."""
import re

from django.contrib.auth.models import Permission
from django.test import Client
from django_tasks_db.models import DBTaskResult

from reports.tests.background_imports import run_worker

__all__ = ["run_worker", "publish_task_id", "post_and_run", "queued_tasks", "PUBLISH_TASK_PAGE", "FakeRenderer",
           "logged_in", "make_publisher", "draft_download", "is_progress_page"]

PUBLISH_TASK_PAGE = re.compile(r"^/report/published/task/([0-9a-f-]{36})/$")


class FakeRenderer:
    """Stands in for WeasyPrint: a PDF of its own that says what it is (초안 2024 전체, 제1판) and
    how often it ran; `during()`, when set, runs inside each rendering (a page polled meanwhile);
    `fails`, when set, is the exception each rendering raises (WeasyPrint broken)."""

    def __init__(self):
        self.calls = 0
        self.during = None
        self.fails = None

    def __call__(self, edition, unit=None, *, stamp=None):
        self.calls += 1
        if self.during is not None:
            self.during()
        if self.fails is not None:
            raise self.fails
        if stamp is not None and not stamp.is_draft:
            return f"%PDF-1.7 {stamp.issue_label}".encode()
        return f"%PDF-1.7 초안 {edition.year} {unit.number if unit else '전체'} {self.calls}".encode()


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def make_publisher(django_user_model, username):
    """A login with the 업무보고 발행 permission only."""
    user = django_user_model.objects.create_user(username, password="x-unused-password-1")
    user.user_permissions.add(Permission.objects.get(codename="publish_edition", content_type__app_label="reports"))
    return django_user_model.objects.get(pk=user.pk)


def publish_task_id(response):
    """The publication a confirmed POST queued: the POST answers with a redirect to its page."""
    assert response.status_code == 302, response
    match = PUBLISH_TASK_PAGE.match(response["Location"])
    assert match, response["Location"]
    return match.group(1)


def post_and_run(client, url, data):
    """POST, and when it queued a task, run the worker, then follow to where the task's page leads
    (the list with its message, or the confirmation): what the publisher sees at the end."""
    response = client.post(url, data)
    if response.status_code != 302:
        return response
    if PUBLISH_TASK_PAGE.match(response["Location"]):
        run_worker()
    return client.get(response["Location"], follow=True)


def queued_tasks(task_function):
    """The rows of the tasks of `task_function` the backend holds, oldest first."""
    path = f"{task_function.func.__module__}.{task_function.func.__qualname__}"
    return list(DBTaskResult.objects.filter(task_path=path).order_by("enqueued_at"))


def draft_download(get):
    """A draft PDF download as a reader makes it: the first answer is the progress page while the
    worker makes the PDF (unless cached); run the worker, then the same URL again.
    `get()` asks for the URL: the test client's, or a browser page's request."""
    first = get()
    if is_progress_page(first):
        run_worker()
        return get()
    return first


def is_progress_page(response):
    content_type = response["Content-Type"] if hasattr(response, "__getitem__") else response.headers["content-type"]
    return content_type.startswith("text/html")
