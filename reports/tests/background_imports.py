"""Helpers of the background-import tests: a file past DESK_IMPORT_BACKGROUND_ROWS, and the task
worker run in the test's own process (`manage.py task_worker --batch`: the database backend, the
worker's own loop, every queued task run once, then it exits)."""
import datetime
import re
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from budget.models import DetailProgram
from reports.spreadsheets import XLSX
from tests.helpers import dataset

IMPORT = "/admin/budget/executionrecord/import/"
CONFIRM = "/admin/budget/executionrecord/process_import/"
HEADERS = ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액")
# the test's threshold (settings.DESK_IMPORT_BACKGROUND_ROWS): a file of more rows is "large"
THRESHOLD = 5
TASK_PAGE = re.compile(r"^/admin/budget/executionrecord/import/task/([0-9a-f-]{36})/$")


def execution_rows(count, first_day=datetime.date(2024, 10, 19)):
    """`count` valid 집행 실적 rows: running totals growing day by day from each 세부사업's last record."""
    details = list(DetailProgram.objects.filter(unit__policy__edition__year=2024, carried_over=False)
                   .order_by("pk").values_list("name", "executions__committed_amount", "executions__spent_amount"))
    rows = []
    for n in range(count):
        name, committed, spent = details[n % len(details)]
        day = first_day + datetime.timedelta(days=n // len(details))
        rows.append((2024, name, day, committed + n + 1, spent + n + 1))
    return rows


def upload(*rows, name="집행.xlsx"):
    return SimpleUploadedFile(name, XLSX().export_data(dataset(HEADERS, *rows)))


def preview(client, *rows):
    return client.post(IMPORT, {"import_file": upload(*rows), "format": "0", "resource": "0"})


def task_id_of(response):
    """The task a large file's request queued: the request answers with a redirect to its page."""
    assert response.status_code == 302, response
    match = TASK_PAGE.match(response["Location"])
    assert match, response["Location"]
    return match.group(1)


def run_worker():
    """Run every queued task in this process, as the worker does, then return.

    The worker closes its connection between tasks when it is not in autocommit, which inside a
    test's transaction is always: that would end the test's transaction (on PostgreSQL). Django's
    test client keeps the connection the same way (it disconnects close_old_connections)."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("task_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def task_page(task_id):
    return f"/admin/budget/executionrecord/import/task/{task_id}/"


def status_url(task_id):
    return task_page(task_id) + "status/"
