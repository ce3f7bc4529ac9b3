"""The report's slow work in the task worker (issue 11, part 3): the draft PDF after a change, and
publishing. No request waits for WeasyPrint; the pages show the task's progress and swap in the
result (workreport/draft_views.py, workreport/publishing_views.py, static/js/task_progress.js).

- **The draft PDF.** A download whose PDF is cached answers at once (publishing.cached_draft_pdf);
  otherwise the request queues `render_draft` — one task per draft cache key: a second reader,
  whoever they are, joins the task at work — and answers with a progress page. The task calls
  publishing.draft_pdf, the one function that renders and caches a draft; the page then asks for
  the same URL again, now a cache hit.
- **Publishing.** The confirmed POST queues `publish_task` (one per edition at a time) and answers
  with the task's page: 대기 중 → 렌더링 중 → 저장 중 → 완료. The task calls publishing.publish with
  every rule of a publication in a request: the publisher's permission, the confirmed data
  fingerprint and the round gate, all asked again when the task runs.
- **As the user who started it.** A task re-reads its user and asks their permission again (as
  background imports do, reports/background.py): a login switched off or a role taken away while
  the task waited is refused in the task.
- **A worker killed half-way** leaves its task "running" with a progress file that no longer
  moves (KeepAlive touches it while the task works): after REPORT_TASK_STALL_SECONDS its page
  says it stopped and offers to run it again. A killed publication leaves nothing half-written
  (publishing.PublicationFile, sweep_unfinished).

Which tasks join which: a "slot" in the shared cache names the task at work for a draft key or an
edition; `cache.add` makes one request the one that queues (into an empty slot, or in place of the
finished task the slot names). A refused draft task is never joined: it is about the account of
the reader who queued it. A slot another request holds is never written over: a publication is
then not queued (the publisher looks again in a moment), a draft is queued beside it.

The views only turn what this module says into pages: start_publication, retry_publication and
publication_outcome for publishing, draft_task, draft_status and may_retry_draft for the draft.
Files are deleted by the tasks in the worker, never by a request (old progress files).
"""
import dataclasses
import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from budget.models import UnitProgram
from reports.background import TaskResultStatus, result_of, stalled, task
from reports.models import ReportEdition
from reports.task_progress import KeepAlive, ProgressFile, remove_older_than
from workreport import publishing, review

logger = logging.getLogger(__name__)

QUEUED, RENDERING, SAVING, DONE = "queued", publishing.RENDERING, publishing.SAVING, "done"
PUBLISH_STEPS = [(QUEUED, "대기 중"), (RENDERING, "렌더링 중"), (SAVING, "저장 중"), (DONE, "완료")]
DRAFT_STEPS = [(QUEUED, "대기 중"), (RENDERING, "PDF 만드는 중"), (DONE, "내려받기")]

DRAFT_MESSAGES = {
    QUEUED: "PDF를 만드는 중입니다… 차례를 기다리고 있습니다. 1분 넘게 그대로면 관리자에게 알리세요"
            "(작업 처리기가 꺼졌을 수 있습니다).",
    RENDERING: "PDF를 만드는 중입니다… 바뀐 쪽을 다시 조판하고 있습니다. 보통 몇 초, 길어도 30초쯤 걸립니다.",
    DONE: "PDF가 준비되었습니다. 내려받기를 시작합니다…",
    "failed": "PDF를 만들지 못했습니다: 만드는 중에 오류가 났습니다. 다시 시도해도 같으면 관리자에게 알리세요.",
    "stalled": "PDF를 만들지 못했습니다: 작업 처리기가 중간에 멈췄습니다. 다시 시도하세요.",
    "lost": "PDF를 만들었지만 받아 오지 못했습니다(그 사이 지워졌습니다). 다시 시도하세요.",
    # a task another reader queued was refused as that reader: this reader's page asks anew, as them
    "again": "PDF를 새로 요청합니다…",
}
PUBLISH_MESSAGES = {
    QUEUED: "발행 차례를 기다리는 중… 1분 넘게 그대로면 관리자에게 알리세요(작업 처리기가 꺼졌을 수 있습니다).",
    RENDERING: "렌더링 중… 보고서 전체를 PDF/A로 한 번 만듭니다. 보통 10초 안팎 걸립니다.",
    SAVING: "저장 중… 파일과 SHA-256을 기록하고 차수를 닫습니다.",
    DONE: "완료: 발행 목록으로 갑니다…",
    "failed": "발행하지 못했습니다: 작업 중 오류가 났고, 아무것도 기록하지 않았습니다. "
              "다시 시도해도 같으면 관리자에게 알리세요.",
    "stalled": "발행이 멈췄습니다: 작업 처리기가 중간에 끝났고, 아무것도 기록하지 않았습니다. 다시 시도하세요.",
}
REFUSED_ACCOUNT = "이 계정으로는 할 수 없습니다(계정이 꺼졌거나 권한이 바뀌었습니다)."
PUBLISH_QUEUEING = ("{year}년 업무보고의 발행을 작업 처리기에 넣는 중입니다(다른 요청이 넣고 있습니다). "
                    "이번 요청으로는 발행하지 않았습니다. 잠시 뒤 아래 목록에서 확인하세요.")
PUBLISH_BUSY = ("다른 발행자가 {year}년 업무보고를 발행하는 중입니다. 끝나면 아래 목록에 나타납니다. "
                "발행하지 않았습니다.")

# a slot names its task this long at most; a request that finds it "pending" (another request is
# queueing this very moment) looks again every SLOT_WAIT seconds, well inside a request's 1 s
SLOT_SECONDS = 24 * 60 * 60
PENDING, PENDING_SECONDS = "pending", 10
SLOT_WAIT, SLOT_TRIES = 0.05, 10
# a draft task's PDF, kept for the page that waits for it to download
MADE_SECONDS = 10 * 60
# progress files of tasks long over are deleted by the worker when it starts a task
PROGRESS_KEPT_SECONDS = 24 * 60 * 60


def progress_of(task_id) -> ProgressFile:
    """The progress file of task `task_id`; ValueError when the id is not a task's (a UUID), so that
    no id from a URL ever names another path."""
    return ProgressFile(settings.TASK_PROGRESS_DIR / f"{uuid.UUID(str(task_id))}.json")


def remove_old_progress() -> None:
    """Called by the tasks, in the worker: a web request never deletes files."""
    remove_older_than(settings.TASK_PROGRESS_DIR, PROGRESS_KEPT_SECONDS)


def active_user(user_id):
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


# --- one task at a time per key --------------------------------------------------------------------

def task_in_slot(task_function, slot, enqueue, *, keep, when_stuck):
    """(result, joined): the task `slot` names when `keep(result)` holds (joined=True), else a new
    task queued by `enqueue()` and named in the slot. Two requests at once queue one task: the one
    whose `cache.add` succeeds queues (an empty slot, or the claim to replace the finished task the
    slot names), the other waits for the name and joins. A slot still "pending" after SLOT_TRIES
    looks (another request is queueing slowly, or died before naming its task) is `when_stuck()`'s
    to answer: nothing here overwrites a slot another request holds."""
    for _ in range(SLOT_TRIES):
        current = cache.get(slot)
        if current == PENDING:
            time.sleep(SLOT_WAIT)
            continue
        if current is not None:
            result = lookup(task_function, current)
            if result is not None and keep(result):
                return result, True
        if claim(slot, current):
            return named(slot, enqueue), False
        time.sleep(SLOT_WAIT)  # another request claimed it this very moment: wait for its task's name
    logger.warning("작업 자리 %s가 비지 않습니다(다른 요청이 작업을 넣는 중이거나 그 요청이 죽었습니다).", slot)
    return when_stuck()


def claim(slot, current) -> bool:
    """Take `slot` (marked "pending") to queue a task in it; False when another request took it.
    An empty slot is taken by cache.add; a slot naming the finished task `current` by adding the
    claim to replace that task, which one request only can add."""
    if current is None:
        return cache.add(slot, PENDING, PENDING_SECONDS)
    if not cache.add(f"{slot}:replacing:{current}", PENDING, PENDING_SECONDS):
        return False
    cache.set(slot, PENDING, PENDING_SECONDS)
    return True


def named(slot, enqueue):
    """Queue the task of a slot this request took, and name it there."""
    try:
        result = enqueue()
    except BaseException:
        cache.delete(slot)
        raise
    cache.set(slot, str(result.id), SLOT_SECONDS)
    return result


def lookup(task_function, task_id):
    try:
        return result_of(task_function, task_id)
    except Http404:  # the task's row was deleted (the admin's 배경 작업)
        return None


def progress_age(result):
    """Seconds since the task last showed life: its progress file, else since the worker took it."""
    age = progress_of(result.id).age()
    if age is None and result.started_at is not None:
        age = (timezone.now() - result.started_at).total_seconds()
    return age


def is_at_work(result) -> bool:
    """Queued, or running with a worker that still shows life."""
    if result.status == TaskResultStatus.READY:
        return True
    return result.status == TaskResultStatus.RUNNING and not is_stopped(result)


def is_stopped(result) -> bool:
    return stalled(result, progress_age(result), settings.REPORT_TASK_STALL_SECONDS)


def elapsed_seconds(result) -> int:
    start = result.enqueued_at or timezone.now()
    end = result.finished_at if result.is_finished else timezone.now()
    return max(0, int((end - start).total_seconds()))


def refusal_of(result):
    """The refusal a finished task returned (its user switched off, the permission taken away, the
    data changed…), else None."""
    if result.status != TaskResultStatus.SUCCESSFUL:
        return None
    return (result.return_value or {}).get("refused")


def task_status(result, messages) -> dict:
    """What a task's page shows now: {state, step, message, elapsed}; state is "queued", "running",
    "done", "refused" (the task said no: its message, the step it stopped at) or "failed" (an error
    or a stopped worker: can be run again)."""
    progress = progress_of(result.id).read() or {}
    step = progress.get("step") or RENDERING
    status = {"elapsed": elapsed_seconds(result)}
    refused = refusal_of(result)
    if refused:
        return status | {"state": "refused", "step": progress.get("step") or QUEUED, "message": refused}
    if result.status == TaskResultStatus.SUCCESSFUL:
        return status | {"state": "done", "step": DONE, "message": messages[DONE]}
    if result.status == TaskResultStatus.FAILED:
        return status | {"state": "failed", "step": step, "message": messages["failed"]}
    if is_stopped(result):
        return status | {"state": "failed", "step": step, "message": messages["stalled"]}
    if result.status == TaskResultStatus.READY:
        return status | {"state": "queued", "step": QUEUED, "message": messages[QUEUED]}
    return status | {"state": "running", "step": step, "message": messages.get(step, messages[RENDERING])}


def duration_text(seconds) -> str:
    """"75초" as the page's script writes it: 1분 15초."""
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}분 {seconds}초" if minutes else f"{seconds}초"


def steps_of(steps, status):
    """The steps of a task for its page, each "done", "current" or "todo" (the script updates them)."""
    keys = [key for key, _ in steps]
    current = keys.index(status["step"]) if status["step"] in keys else 1
    return [{"key": key, "label": label, "state": "done" if n < current else "current" if n == current else "todo"}
            for n, (key, label) in enumerate(steps)]


# --- the draft PDF -------------------------------------------------------------------------------

@task(takes_context=True)
def render_draft(context, *, user_id, edition_id, unit_id):
    """Render and cache the draft PDF of an edition (or of one programme's page) as `user_id`;
    returns the cache key the PDF is under, which the page that waits for it downloads from."""
    remove_old_progress()
    if active_user(user_id) is None:
        return {"refused": REFUSED_ACCOUNT}
    edition = ReportEdition.objects.filter(pk=edition_id).first()
    unit = (UnitProgram.objects.select_related("policy")
            .filter(pk=unit_id, policy__edition=edition, page__isnull=False).first()) if unit_id else None
    if edition is None or (unit_id and unit is None):
        return {"refused": "PDF를 만들지 못했습니다: 그 업무보고나 사업을 더는 찾을 수 없습니다."}
    progress = progress_of(context.task_result.id)
    started = time.monotonic()
    try:
        with KeepAlive(progress, settings.TASK_KEEPALIVE_SECONDS):
            progress.save({"step": RENDERING})
            key, pdf = publishing.cached_draft(edition, unit)
    except Exception:
        logger.exception("초안 PDF를 만들지 못했습니다: %s년 %s user=%s", edition.year,
                         unit.number if unit else "전체", user_id)
        raise
    logger.info("초안 PDF %s년 %s user=%s %d바이트 %.1fs", edition.year, unit.number if unit else "전체",
                user_id, len(pdf), time.monotonic() - started)
    # the page that waits for this task downloads the PDF under this key, whatever the draft's key
    # is by then (the data changed a moment later, the web process runs another release): one copy
    return {"size": len(pdf), "key": key}


def pdf_made_by(result):
    """The PDF a finished draft task made, for the page that waited for it; None once gone."""
    key = (result.return_value or {}).get("key") if result.status == TaskResultStatus.SUCCESSFUL else None
    return cache.get(key) if key else None


def draft_lost_status(result) -> dict:
    """A draft task done whose PDF is no longer in the cache: said so, to be asked again."""
    return {"state": "failed", "step": DONE, "message": DRAFT_MESSAGES["lost"], "elapsed": elapsed_seconds(result)}


def draft_slot(edition, unit) -> str:
    key = publishing.draft_cache_key(edition, unit)
    return "report-task:draft:" + hashlib.sha256(key.encode()).hexdigest()


def draft_task(*, user, edition, unit=None, retry_of=None):
    """(result, joined): the draft task of this data for the download page — the one at work, or
    the failed one to be shown with its retry button — else a new task queued as `user`.
    `retry_of` (a failed task's id) queues anew instead of showing that failure again. A task
    that was refused is never joined: its refusal is about the reader who queued it (their
    account switched off), not about this one, who gets a task queued as themselves."""
    def enqueue():
        return render_draft.enqueue(user_id=user.pk, edition_id=edition.pk, unit_id=unit.pk if unit else None)

    def keep(result):
        if is_at_work(result):
            return True
        failed = result.status == TaskResultStatus.FAILED or is_stopped(result)
        return failed and str(result.id) != str(retry_of)

    def when_stuck():
        # the reader is not failed: a task of their own, named in the slot only if it is free by now
        # (cache.add: the request that holds the slot names its own task there)
        result = enqueue()
        cache.add(slot, str(result.id), SLOT_SECONDS)
        return result, False

    slot = draft_slot(edition, unit)
    return task_in_slot(render_draft, slot, enqueue, keep=keep, when_stuck=when_stuck)


def draft_status(result, user) -> dict:
    """A draft task's status as `user`'s page shows it. A refusal fails the task, with its message,
    to the reader it names; to any other reader who joined it, it says nothing of that account: the
    page loads the download again, which queues a task as this reader."""
    status = task_status(result, DRAFT_MESSAGES)
    if status["state"] != "refused":
        return status
    if result.kwargs.get("user_id") != user.pk:
        return status | {"state": "failed", "step": QUEUED, "message": DRAFT_MESSAGES["again"]}
    return status | {"state": "failed"}


def may_retry_draft(result, user) -> bool:
    """A failed draft task, or one done whose PDF is gone, may be queued again; not one done whose
    PDF is there to download (that would render the same PDF again), nor one at work."""
    state = draft_status(result, user)["state"]
    return state == "failed" or (state == "done" and pdf_made_by(result) is None)


# --- publishing ----------------------------------------------------------------------------------

@task(takes_context=True)
def publish_task(context, *, user_id, edition_id, note, override, confirmed):
    """Publish the next 판 of an edition as `user_id` (publishing.publish: every rule asked again);
    a refusal is the task's outcome, {"refused": …, "kind": …}, shown by the task's page."""
    remove_old_progress()
    user = active_user(user_id)
    edition = ReportEdition.objects.filter(pk=edition_id).first()
    if user is None or edition is None:
        return {"refused": REFUSED_ACCOUNT, "kind": PERMISSION}
    progress = progress_of(context.task_result.id)
    started = time.monotonic()
    try:
        with KeepAlive(progress, settings.TASK_KEEPALIVE_SECONDS):
            progress.save({"step": RENDERING})
            published = publishing.publish(edition, user, note=note, override=override, confirmed=confirmed,
                                           progress=lambda step: progress.save({"step": step}))
    except PermissionDenied:
        return {"refused": "업무보고를 발행할 권한이 없습니다(권한이 바뀌었습니다). 발행하지 않았습니다.", "kind": PERMISSION}
    except publishing.DataChanged as refusal:
        return {"refused": str(refusal), "kind": CHANGED}
    except publishing.NothingToPublish as refusal:
        return {"refused": str(refusal), "kind": NOTHING}
    except review.ReviewRefused as refusal:
        return {"refused": f"발행하지 않았습니다: {refusal}", "kind": REVIEW}
    except Exception:
        logger.exception("발행하지 못했습니다: %s년 user=%s", edition.year, user_id)
        raise
    logger.info("발행 %s년 제%s판 user=%s %d바이트 %.1fs", edition.year, published.issue, user_id,
                published.size, time.monotonic() - started)
    return {"published": published.pk, "issue": published.issue, "sha256": published.sha256}


def publish_slot(edition) -> str:
    return f"report-task:publish:{edition.pk}"


def publish_status(result) -> dict:
    return task_status(result, PUBLISH_MESSAGES)


# What became of asking for a publication (the confirmed POST, a retry) or of a finished one.
QUEUED_NOW, AT_WORK, BUSY, QUEUEING, PUBLISHED = "queued", "at_work", "busy", "queueing", "published"
CHANGED, NOTHING, REVIEW, PERMISSION = "changed", "nothing", "review", "permission"


@dataclasses.dataclass(frozen=True)
class Publication:
    """`kind`: QUEUED_NOW or AT_WORK (the page of `result`: queued now, or a double click joined
    it), BUSY (another publisher's is at work), QUEUEING (another request is queueing it this
    moment), PUBLISHED, or why not: CHANGED (confirm again), NOTHING, REVIEW (the round gate),
    PERMISSION. `message` is what the publisher is told, in Korean."""
    kind: str
    message: str = ""
    result: object = None


def start_publication(*, user, edition, note, override, confirmed) -> Publication:
    """Queue the publication of `edition` as `user`, after the checks a publication in the request
    made at once (the data confirmed, nothing changed, the round gate); the task asks them again
    when it runs. A double click joins the publication at work; another publisher's is not doubled;
    a slot another request is filling this moment is never queued over (they are told to look
    again in a moment)."""
    if confirmed != publishing.data_fingerprint():
        return Publication(CHANGED)
    try:
        publishing.refuse_unchanged(edition)
        review.check_publishing(edition, override=override)
    except publishing.NothingToPublish as refusal:
        return Publication(NOTHING, str(refusal))
    except review.ReviewRefused as refusal:
        return Publication(REVIEW, f"발행하지 않았습니다: {refusal}")

    def enqueue():
        return publish_task.enqueue(user_id=user.pk, edition_id=edition.pk, note=note, override=override,
                                    confirmed=confirmed)

    def when_stuck():
        return None, True

    result, joined = task_in_slot(publish_task, publish_slot(edition), enqueue, keep=is_at_work,
                                  when_stuck=when_stuck)
    if result is None:
        return Publication(QUEUEING, PUBLISH_QUEUEING.format(year=edition.year))
    if joined and result.kwargs["user_id"] != user.pk:
        return Publication(BUSY, PUBLISH_BUSY.format(year=edition.year))
    return Publication(AT_WORK if joined else QUEUED_NOW, result=result)


def retry_publication(result, *, user) -> Publication:
    """Queue a failed or stopped publication again as `user`, with the same checks as the confirmed
    POST (start_publication): if the data changed since it was confirmed, the publisher confirms
    again. A publication not failed (at work, done) is its own page again (AT_WORK)."""
    if publish_status(result)["state"] != "failed":
        return Publication(AT_WORK, result=result)
    edition = ReportEdition.objects.get(pk=result.kwargs["edition_id"])
    return start_publication(user=user, edition=edition, note=result.kwargs["note"],
                             override=result.kwargs["override"], confirmed=result.kwargs["confirmed"])


def publication_outcome(result) -> Publication:
    """What a finished publication (done or refused) tells its publisher."""
    outcome = result.return_value or {}
    if "published" in outcome:
        edition = ReportEdition.objects.get(pk=result.kwargs["edition_id"])
        return Publication(PUBLISHED, f"{edition.year}년 업무보고 제{outcome['issue']}판을 발행했습니다. "
                                      f"SHA-256 {outcome['sha256']}", result)
    return Publication(outcome.get("kind") or PERMISSION, outcome.get("refused") or "발행하지 않았습니다.", result)
