"""Helpers of the tests of the report's background tasks (workreport/report_tasks.py): the worker
run in the test's own process (as the background-import tests run it), the pages of a task."""
import re

from django_tasks_db.models import DBTaskResult

from reports.tests.background_imports import run_worker

__all__ = ["run_worker", "publish_task_id", "post_and_run", "queued_tasks", "PUBLISH_TASK_PAGE"]

PUBLISH_TASK_PAGE = re.compile(r"^/report/published/task/([0-9a-f-]{36})/$")


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
