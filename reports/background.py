"""Large desk imports in the background (issue 11, part 3): the preview (dry run) and the confirm of
a file of more than DESK_IMPORT_BACKGROUND_ROWS data rows run in the task worker, not the request.

- The request stores the upload in its user's folder (reports/uploads.py), queues `run_import` and
  answers at once with the task's page; the page polls `status_of` as JSON and shows the result
  (reports.spreadsheets.DeskImportExportMixin builds it, with the same rules as a small file's).
- The task runs as the user who started it, and asks the model admin's import permission again: a
  role taken away while the file waited is refused in the task as in a request.
- Progress ("미리 보는 중… 12,000행 중 4,000행") is a small file beside the upload, written outside
  the import's transaction (a row of the database would be rolled back with the dry run).
- An import stays one transaction: a task killed half-way leaves nothing written, its page shows it
  as stopped once its progress is older than DESK_IMPORT_TASK_STALL_SECONDS, and it can be queued
  again (the upload and its preview's fingerprint wait until a confirm succeeds).

Tasks are django-tasks' (the API of Django 6's django.tasks), kept by its database backend.
`result_of` (a task read back only by the user it names) and `stalled` (a task whose worker died)
serve the report's tasks too (workreport/report_tasks.py); their progress files are
reports/task_progress.py's, as the imports' are.
"""
import contextvars
import dataclasses
import logging
import time

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

try:  # Django 6: the framework itself
    from django.tasks import TaskResultStatus, task
    from django.tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch
except ImportError:  # Django 5.2: the django-tasks backport of the same API
    from django_tasks import TaskResultStatus, task
    from django_tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch

from reports.import_preview import ImportPreview, PreviewCell, PreviewRow
from reports.uploads import UPLOADER, UserUploadStorage

logger = logging.getLogger(__name__)

PREVIEW, CONFIRM = "preview", "confirm"
STEP_LABELS = {PREVIEW: "미리 보는 중", CONFIRM: "가져오는 중"}
FAILED_MESSAGE = ("처리하지 못했습니다: 작업 중 오류가 났고, 아무것도 반영하지 않았습니다. "
                  "다시 시도해도 같으면 관리자에게 알리세요.")
STALLED_MESSAGE = ("처리가 멈췄습니다: 작업 처리기가 중간에 끝났고, 아무것도 반영하지 않았습니다. "
                   "다시 시도하세요.")
WAITING_MESSAGE = "차례를 기다리는 중… 1분 넘게 그대로면 관리자에게 알리세요(작업 처리기가 꺼졌을 수 있습니다)."
# the rows between two writes of the progress file
PROGRESS_EVERY_ROWS = 250

ROW_PROGRESS = contextvars.ContextVar("desk_import_row_progress", default=None)


def report_row(row_number):
    """Called by the desk resource on every row (DeskResource.before_import_row); a no-op in a request."""
    progress = ROW_PROGRESS.get()
    if progress is not None:
        progress.row(row_number)


class Progress:
    """The progress of one task on one upload, in `<upload>.progress` (UserUploadStorage)."""

    def __init__(self, storage, step):
        self.storage = storage
        self.step = step
        self.total = None
        self.written_at_row = None

    def start(self, total):
        self.total = total
        self.write(0)

    def row(self, number):
        if self.written_at_row is None or number - self.written_at_row >= PROGRESS_EVERY_ROWS:
            self.write(number)

    def write(self, done):
        self.written_at_row = done
        self.storage.save_progress({"step": self.step, "done": done, "total": self.total})


def model_label(model):
    return model._meta.label_lower


def queue_import(*, user, model, step, upload, format_index, resource, file_name):
    """Queue the preview or confirm of `upload` (a name in `user`'s folder); the task's result."""
    # the caller is the user's request (reports.spreadsheets.uploaded_by): the storage is theirs
    UserUploadStorage(name=upload).save_progress({"step": step, "done": 0, "total": None})
    return run_import.enqueue(user_id=user.pk, model=model_label(model), step=step, upload=upload,
                              format_index=int(format_index), resource=str(resource or ""), file_name=file_name)


def request_as(user):
    """A request of `user` for the model admin's hooks (permissions, scoping, the import's user)."""
    request = HttpRequest()
    request.method = "POST"
    request.user = user
    return request


@task()
def run_import(*, user_id, model, step, upload, format_index, resource, file_name):
    """Preview or confirm a desk import as `user_id`; returns what the task's page shows (JSON)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    model_class = apps.get_model(model)
    admin.autodiscover()  # the task worker serves no URL: the model admins are registered here
    model_admin = admin.site.get_model_admin(model_class)
    if user is None:
        return {"step": step, "errors": ["이 계정으로는 가져올 수 없습니다."]}
    request = request_as(user)
    token = UPLOADER.set(user)
    storage = UserUploadStorage(name=upload)
    progress = Progress(storage, step)
    progress_token = ROW_PROGRESS.set(progress)
    started = time.monotonic()
    try:
        if not model_admin.has_import_permission(request):
            storage.remove()
            return {"step": step, "errors": ["가져올 권한이 없습니다(권한이 바뀌었거나 확정된 부분입니다)."]}
        outcome = model_admin.run_background_import(
            request, step=step, upload=upload, format_index=format_index, resource=resource,
            file_name=file_name, progress=progress)
        logger.info("배경 가져오기 %s %s user=%s rows=%s %.1fs", step, model, user_id, progress.total,
                    time.monotonic() - started)
        return outcome
    except Exception:
        logger.exception("배경 가져오기가 실패했습니다: %s %s user=%s upload=%s", step, model, user_id, upload)
        raise
    finally:
        ROW_PROGRESS.reset(progress_token)
        UPLOADER.reset(token)


# --- reading a task back, for its own user only ----------------------------------------------------

def result_of(task_function, task_id, **expected):
    """The result of `task_function`'s task `task_id` whose arguments hold every `expected` value
    (`user_id=user.pk`, …); Http404 otherwise, whatever the reason (no such task, a forged id,
    another kind of task, another user's): nothing told. Shared by every page of a task."""
    try:
        result = task_function.get_result(str(task_id))
    except (TaskResultDoesNotExist, TaskResultMismatch, ValidationError, ValueError):
        raise Http404 from None
    if any(result.kwargs.get(name) != value for name, value in expected.items()):
        raise Http404
    return result


def task_of(task_id, *, user, model):
    """The import task `task_id` if `user` started it on `model`; Http404 otherwise."""
    return result_of(run_import, task_id, user_id=user.pk, model=model_label(model))


def stalled(result, progress_age, limit):
    """A task the worker took and no longer works on: its progress (`progress_age` seconds old, None
    when never written) unchanged for more than `limit` seconds. A killed worker leaves its task
    "running" for ever; this is how its page tells."""
    if result.status != TaskResultStatus.RUNNING:
        return False
    return progress_age is None or progress_age > limit


def is_stalled(result, storage, now=None):
    return stalled(result, storage.progress_age(now), settings.DESK_IMPORT_TASK_STALL_SECONDS)


def status_of(result, storage):
    """What the task's page shows now: {state, message, done, total}; state is one of
    "queued", "running", "done", "failed" (a failure or a stalled worker: can be retried)."""
    step = result.kwargs["step"]
    progress = storage.progress() or {}
    done, total = progress.get("done") or 0, progress.get("total")
    if result.status == TaskResultStatus.SUCCESSFUL:
        return {"state": "done", "message": "다 됐습니다. 결과를 불러옵니다…", "done": total, "total": total}
    if result.status == TaskResultStatus.FAILED:
        return {"state": "failed", "message": FAILED_MESSAGE, "done": done, "total": total}
    if is_stalled(result, storage):
        return {"state": "failed", "message": STALLED_MESSAGE, "done": done, "total": total}
    if result.status == TaskResultStatus.READY:
        return {"state": "queued", "message": WAITING_MESSAGE, "done": 0, "total": total}
    if total is None:
        message = f"{STEP_LABELS[step]}… 파일을 읽고 있습니다."
    else:
        message = f"{STEP_LABELS[step]}… {total:,}행 중 {done:,}행"
    return {"state": "running", "message": message, "done": done, "total": total}


def retry(result, *, user):
    """Queue a failed or stalled task again, with the same file and step; the new task's result."""
    kwargs = dict(result.kwargs)
    model = apps.get_model(kwargs.pop("model"))
    kwargs.pop("user_id")
    return queue_import(user=user, model=model, **kwargs)


# --- the preview as the task's return value (JSON) and back ----------------------------------------

# the most rows a large file's preview lists, and the most warning lines above it: the counts cover
# every row, and a page of 20,000 rows would take seconds to render and be read by nobody
PREVIEW_ROWS_SHOWN = 500
WARNING_LINES_SHOWN = 200


def preview_as_json(preview, shown=None):
    """The preview's rows as JSON: the first `shown` rows that are new, changed or warned about, in
    the file's order; unchanged rows and the rest are counted, not listed (`omitted`)."""
    shown = shown or PREVIEW_ROWS_SHOWN
    rows = [dataclasses.asdict(row) for row in preview.rows
            if row.warnings or row.import_type != "skip"][:shown]
    return {"headers": list(preview.headers), "rows": rows, "counts": dict(preview.counts),
            "omitted": len(preview.rows) - len(rows), "shown": shown}


def preview_from_json(data):
    rows = [PreviewRow(row["label"], row["import_type"], [PreviewCell(**cell) for cell in row["cells"]],
                       list(row["warnings"])) for row in data["rows"]]
    return ImportPreview(list(data["headers"]), rows, dict(data["counts"]))


class StoredResult:
    """A finished task's import result, as much of it as the import page reads (`result.…`)."""

    def __init__(self, errors=(), warning_lines=()):
        self.errors = list(errors)
        self.warning_lines = list(warning_lines)

    def has_errors(self):
        return bool(self.errors)

    def has_validation_errors(self):
        return False
