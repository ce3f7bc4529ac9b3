"""The draft PDF downloads (the whole report, one programme's page) and, when the PDF of the data
of now is not cached yet, the page that waits for the worker to make it (issue 11, part 3).

- A cached PDF is the answer, at once, as before (publishing.cached_draft_pdf).
- Otherwise the request joins the task at work for that PDF, or queues one
  (workreport.report_tasks.draft_task), and answers with a progress page in Korean; its script
  (static/js/task_progress.js) polls the task's status as JSON and, when it is done, asks for the
  same download URL again (with ?task=<id>): now a cache hit, with the Korean file name.
- A failed or stopped task is shown with a retry button (POST, CSRF). The task was logged with its
  traceback by the worker.
- A task is read back only through the session that queued or joined it, and only under the URL
  of its own edition and programme: a forged, stale or someone else's task id is a 404 without
  detail. Several readers may join one task (the PDF is the same for everyone who may read it),
  but not a task refused as the reader who queued it: a later reader gets one queued as
  themselves, and a reader who had joined it is told nothing of that account (report_tasks).
- Both URLs of a task (the whole report's, one programme's: `number`) are the same two views.
"""
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from reports.background import result_of
from reports.task_progress import not_stored
from workreport import report_tasks
from workreport.publishing import cached_draft_pdf
from workreport.views import edition_of, pdf_response, printed_unit

# the draft tasks this session queued or joined, newest last (and only so many)
SESSION_KEY = "draft_pdf_tasks"
SESSION_KEPT = 20


def download_url(edition, unit=None) -> str:
    if unit is None:
        return reverse("workreport:report_pdf", args=[edition.year])
    return reverse("workreport:unit_pdf", args=[edition.year, unit.number])


def task_url(edition, unit, task_id, action) -> str:
    if unit is None:
        return reverse(f"workreport:report_pdf_task_{action}", args=[edition.year, task_id])
    return reverse(f"workreport:unit_pdf_task_{action}", args=[edition.year, unit.number, task_id])


def remember(request, result) -> None:
    ids = [i for i in request.session.get(SESSION_KEY, []) if i != str(result.id)]
    request.session[SESSION_KEY] = (ids + [str(result.id)])[-SESSION_KEPT:]


def draft_task_of(request, edition, unit, task_id):
    """The draft task `task_id` of this edition and programme, if this session queued or joined it;
    Http404 otherwise, whatever the reason."""
    if str(task_id) not in request.session.get(SESSION_KEY, []):
        raise Http404
    return result_of(report_tasks.render_draft, task_id, edition_id=edition.pk,
                                  unit_id=unit.pk if unit is not None else None)


def draft_download(request, edition, unit, ascii_name, korean_name):
    """The PDF if cached; else the progress page of the task that makes it.

    The progress page comes back with ?task=<id> once its task is done: the PDF that task made is
    served even if the draft's own key moved meanwhile (the data changed a moment later, or the
    worker runs another release than this web process during a deploy), and a PDF made but lost
    is said so with a retry instead of queueing the same task again and again."""
    pdf = cached_draft_pdf(edition, unit)
    if pdf is not None:
        return pdf_response(pdf, ascii_name, korean_name)
    finished = finished_task(request, edition, unit, request.GET.get("task"))
    if finished is not None:
        pdf = report_tasks.pdf_made_by(finished)
        if pdf is not None:
            return pdf_response(pdf, ascii_name, korean_name)
        return progress_page(request, edition, unit, finished, report_tasks.draft_lost_status(finished))
    result, _ = report_tasks.draft_task(user=request.user, edition=edition, unit=unit)
    remember(request, result)
    return progress_page(request, edition, unit, result, report_tasks.draft_status(result, request.user))


def finished_task(request, edition, unit, task_id):
    """The session's own draft task `task_id` if it is done; None for anything else (no id, a
    forged or foreign one, a task not done): the download then goes on as without it."""
    if not task_id:
        return None
    try:
        result = draft_task_of(request, edition, unit, task_id)
    except Http404:
        return None
    return result if report_tasks.draft_status(result, request.user)["state"] == "done" else None


def progress_page(request, edition, unit, result, status):
    return not_stored(render(request, "workreport/draft_progress.html", {
        "edition": edition, "unit": unit, "status": status,
        "draft_steps": report_tasks.steps_of(report_tasks.DRAFT_STEPS, status),
        "elapsed_text": report_tasks.duration_text(status["elapsed"]),
        "download_url": download_url(edition, unit),
        "done_url": f"{download_url(edition, unit)}?task={result.id}",
        "status_url": task_url(edition, unit, result.id, "status"),
        "retry_url": task_url(edition, unit, result.id, "retry"),
    }))


def draft_status(request, edition, unit, task_id):
    result = draft_task_of(request, edition, unit, task_id)
    return not_stored(JsonResponse(report_tasks.draft_status(result, request.user)))


def draft_retry(request, edition, unit, task_id):
    """Queue the PDF again after a failure, or after a PDF made but lost (a task still at work is
    joined, not doubled; a PDF made and still there is not made again); then the download URL,
    which shows the new task's progress or downloads the PDF."""
    result = draft_task_of(request, edition, unit, task_id)
    if report_tasks.may_retry_draft(result, request.user):
        retried, _ = report_tasks.draft_task(user=request.user, edition=edition, unit=unit, retry_of=result.id)
        remember(request, retried)
    return redirect(download_url(edition, unit))


# --- the URLs: the whole report, one programme's page ----------------------------------------------

def whole_report_names(edition):
    return f"report-{edition.year}.pdf", f"{edition.year}년 {edition.title}.pdf"


def unit_names(edition, unit):
    return (f"report-{edition.year}-{unit.number}.pdf",
            f"{edition.year}년 {edition.title} {unit.number} {unit.name}.pdf")


@login_required
@require_GET
def report_pdf(request, year):
    edition = edition_of(year)
    return draft_download(request, edition, None, *whole_report_names(edition))


@login_required
@require_GET
def unit_pdf(request, year, number):
    edition = edition_of(year)
    unit = printed_unit(edition, number)
    return draft_download(request, edition, unit, *unit_names(edition, unit))


def edition_and_unit(year, number):
    """The edition of a draft URL and its programme (None: the whole report's URL)."""
    edition = edition_of(year)
    return edition, printed_unit(edition, number) if number is not None else None


@login_required
@require_GET
def pdf_task_status(request, year, task_id, number=None):
    """The status of a draft task, under the whole report's URL or one programme's (`number`)."""
    return draft_status(request, *edition_and_unit(year, number), task_id)


@login_required
@require_POST
def pdf_task_retry(request, year, task_id, number=None):
    return draft_retry(request, *edition_and_unit(year, number), task_id)
