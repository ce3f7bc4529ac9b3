"""A publication whose worker is killed half-way (kill -9) leaves nothing half-written: no published
row without its file, and no file without its row once a later publication has swept what the
killed one left (a file older than REPORT_TASK_STALL_SECONDS: a younger one may be a live
publication's); the killed task is shown as stopped and is published when run again. An error
after the commit (an on_commit hook) leaves the publication whole, its file with its row.

The worker is a real process killed by SIGKILL: the test forks, the child runs the publication task
as the worker would and kills itself at the chosen moment; no Python code of it runs after that
(no except, no finally), as with kill -9. Its transaction dies with it: on PostgreSQL the server
rolls it back when the connection drops; on SQLite the database is the child's own copy in memory.
"""
import os
import signal
import time

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_save
from django_tasks import TaskContext
from django_tasks_db.models import DBTaskResult

from reports.models import PublishedEdition, ReportEdition
from workreport import publishing, report_tasks
from workreport.report_tasks import PUBLISH_MESSAGES, publish_task
from workreport.tests.report_task_helpers import publish_task_id, run_worker

# the worker's process commits what the parent reads (its claim, the publisher): a real transaction
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.flushes_database,
              pytest.mark.usefixtures("renderer")]

KEPT = []  # the parent's database connection in the child: neither used nor closed there


def kill_self(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


def moved_then_killed(self):
    os.replace(self.partial, self.path)
    kill_self()


KILL_AT = {
    # WeasyPrint at work: nothing on disk yet
    "while rendering": ("workreport.rendering", "build_report_pdf", kill_self),
    # the file written whole under its partial name, the row saved in the open transaction
    "after writing the file": ("workreport.publishing.PublicationFile", "move_into_place", kill_self),
    # the file in place under its name, the transaction not yet committed
    "after moving the file into place": ("workreport.publishing.PublicationFile", "move_into_place",
                                         moved_then_killed),
}


LEFT_ON_DISK = {"while rendering": [], "after writing the file": ["partial"],
                "after moving the file into place": ["pdf"]}


def run_as_killed_worker(task_id, where):
    """In the forked child: run the publication as the worker does, and die at `where`."""
    try:
        if connection.vendor == "postgresql":
            KEPT.append(connection.connection)  # the parent's socket; this process opens its own
            connection.connection = None
        module, name, replacement = KILL_AT[where]
        target = (publishing.PublicationFile if module.endswith("PublicationFile")
                  else __import__(module, fromlist=[name]))
        setattr(target, name, replacement)
        result = publish_task.get_result(task_id)
        publish_task.call(TaskContext(task_result=result), **result.kwargs)
    finally:
        os._exit(3)  # reached only if the kill did not happen: the parent sees it


def files_under(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize("where", list(KILL_AT))
def test_a_publication_killed_half_way_leaves_nothing_half_written_and_can_be_run_again(
        where, publisher_client, media_root, settings):
    edition = ReportEdition.objects.get(year=2024)
    task_id = publish_task_id(publisher_client.post("/report/published/publish/", {
        "year": "2024", "confirmed": publishing.data_fingerprint()}))
    DBTaskResult.objects.get(id=task_id).claim("worker-to-be-killed")  # what the worker's loop does first

    child = os.fork()
    if child == 0:
        run_as_killed_worker(task_id, where)
    _, exit_status = os.waitpid(child, 0)

    assert os.WIFSIGNALED(exit_status) and os.WTERMSIG(exit_status) == signal.SIGKILL, exit_status
    assert not PublishedEdition.objects.exists()  # no row, whatever the file
    # what the kill left on disk: nothing, a partial file, or a file no row names (swept below)
    assert [name.rsplit(".", 1)[-1] for name in files_under(media_root)] == LEFT_ON_DISK[where]
    # the killed task stays "running" until its progress has been silent too long
    status_url = f"/report/published/task/{task_id}/status/"
    assert publisher_client.get(status_url).json()["state"] == "running"
    progress = report_tasks.progress_of(task_id)
    silent = time.time() - settings.REPORT_TASK_STALL_SECONDS - 1
    os.utime(progress.path, (silent, silent))
    status = publisher_client.get(status_url).json()
    assert status["state"] == "failed" and status["message"] == PUBLISH_MESSAGES["stalled"]
    assert "발행이 멈췄습니다" in publisher_client.get(f"/report/published/task/{task_id}/").content.decode()
    for path in media_root.rglob("*"):  # what it left is as old as its silence: an orphan, not a live file
        os.utime(path, (silent, silent))

    again = publish_task_id(publisher_client.post(f"/report/published/task/{task_id}/retry/"))
    run_worker()

    published = PublishedEdition.objects.get()
    assert published.issue == 1 and publishing.verify(published)
    assert files_under(media_root) == [published.file.name]  # what the killed one left is gone
    assert publisher_client.get(f"/report/published/task/{again}/status/").json()["state"] == "done"
    assert edition.publications.count() == 1


def test_an_error_after_the_commit_leaves_the_published_file_with_its_row(media_root, publisher):
    def fails_after_the_commit(sender, instance, created, **kwargs):
        transaction.on_commit(lambda: 1 / 0)  # e.g. a hook of another app, run once the row is committed

    post_save.connect(fails_after_the_commit, sender=PublishedEdition)
    try:
        with pytest.raises(ZeroDivisionError):
            publishing.publish(ReportEdition.objects.get(year=2024), publisher)
    finally:
        post_save.disconnect(fails_after_the_commit, sender=PublishedEdition)

    published = PublishedEdition.objects.get()
    assert publishing.verify(published) and files_under(media_root) == [published.file.name]
