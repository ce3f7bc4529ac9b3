"""Published editions: the list auditors check hashes against, downloads of the stored files, publishing.

A published file is served as stored (never rendered again); publishing is POST-only and
limited to superusers and holders of reports.publish_edition. The list page's 발행 form first
shows what changed since the last publication (workreport.audit) and the 판 it will be; its
confirmation posts the data fingerprint it showed, and a POST without it, or whose data changed
since, is shown the confirmation (again) instead of publishing. An edition with nothing changed since its last publication is refused
(workreport.publishing.NothingToPublish).

The confirmed POST does not render: it queues the publication in the task worker
(workreport.report_tasks, issue 11 part 3) and goes to the task's page, which shows 대기 중 →
렌더링 중 → 저장 중 → 완료 and then the list with the success message; a failure is shown in
Korean with a retry, which asks the confirmation and the round gate again. A task is read back
only by the publisher who started it: another's, or a forged id, is a 404. What to queue and
what a finished one says is workreport.report_tasks' (start_publication, retry_publication,
publication_outcome); these views only turn its answer into a page. A finished publication's
message is given once: reloading its page afterwards is the list, with nothing added.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from reports.background import result_of
from reports.models import PublishedEdition, ReportEdition
from reports.task_progress import not_stored
from workreport import report_tasks, review
from workreport.audit import change_audit
from workreport.publishing import NothingToPublish, can_publish, data_fingerprint, next_issue, refuse_unchanged, verify
from workreport.report_tasks import Publication

NOTE_MAX_LENGTH = PublishedEdition._meta.get_field("note").max_length


@login_required
@require_GET
def published_list(request):
    """The list of published files; with ?year= (the 발행 form), the confirmation of publishing it."""
    if "year" in request.GET and can_publish(request.user):
        return confirm_or_refuse(request, request.GET)
    publications = PublishedEdition.objects.select_related("edition", "published_by")
    rows = [{"published": published, "verified": verify(published)} for published in publications]
    return render(request, "report/published_list.html", {
        "rows": rows,
        "editions": ReportEdition.objects.all(),
        "can_publish": can_publish(request.user),
        "note_max_length": NOTE_MAX_LENGTH,
    })


def edition_and_note(request, data):
    """(edition, note) of a 발행 form, or None after saying what is wrong."""
    year = data.get("year", "").strip()
    note = data.get("note", "").strip()
    edition = ReportEdition.objects.filter(year=int(year)).first() if year.isdigit() else None
    if edition is None:
        messages.error(request, "발행할 연도판을 찾을 수 없습니다. 연도를 확인하세요.")
        return None
    if len(note) > NOTE_MAX_LENGTH:
        messages.error(request, f"메모는 {NOTE_MAX_LENGTH}자 이하로 적으세요. 발행하지 않았습니다.")
        return None
    return edition, note


def confirm_or_refuse(request, data, *, changed_meanwhile=False):
    """The confirmation page (the changes since the last publication, the 판 to come), or back to
    the list with the reason when there is nothing to publish."""
    found = edition_and_note(request, data)
    if found is None:
        return redirect("workreport:published_list")
    edition, note = found
    audit = change_audit(edition)
    try:
        refuse_unchanged(edition, audit)
    except NothingToPublish as refusal:
        messages.error(request, str(refusal))
        return redirect("workreport:published_list")
    if changed_meanwhile:
        messages.warning(request, "확인하는 동안 데이터가 바뀌었습니다. 바뀐 내용을 다시 확인하고 발행하세요.")
    return render(request, "workreport/publish_confirm.html", {
        "edition": edition, "audit": audit, "note": note, "state": data_fingerprint(),
        "issue": next_issue(edition), "round": review.open_round_of(edition),
        # the parts of the round in progress not yet 확정: publishing waits for them, or a reason
        "waiting": review.publishing_blockers(edition), "override": data.get("override", ""),
    })


def download_filename(published: PublishedEdition) -> str:
    when = timezone.localtime(published.published_at)
    return f"{published.edition.year}년 {published.edition.title} 제{published.issue}판 (발행 {when:%Y-%m-%d %H%M}).pdf"


@login_required
@require_GET
def published_download(request, pk):
    published = get_object_or_404(PublishedEdition.objects.select_related("edition"), pk=pk)
    try:
        handle = published.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404("발행된 파일을 찾을 수 없습니다.")
    # FileResponse writes filename*=utf-8''… (RFC 5987) for the Korean name.
    response = FileResponse(handle, as_attachment=True, filename=download_filename(published),
                            content_type="application/pdf")
    response["ETag"] = f'"{published.sha256}"'
    response["X-Content-SHA256"] = published.sha256
    return response


def answer(request, publication: Publication, data):
    """The page for what report_tasks said of a publication asked for, retried or finished."""
    if publication.kind in (report_tasks.QUEUED_NOW, report_tasks.AT_WORK):
        return redirect("workreport:publish_task", task_id=publication.result.id)
    if publication.kind == report_tasks.CHANGED:
        return confirm_or_refuse(request, data, changed_meanwhile=True)
    if publication.kind == report_tasks.PUBLISHED:
        messages.success(request, publication.message)
    elif publication.kind in (report_tasks.BUSY, report_tasks.QUEUEING):
        messages.warning(request, publication.message)
    else:
        messages.error(request, publication.message)
    if publication.kind == report_tasks.REVIEW:
        return confirm_or_refuse(request, data)
    return redirect("workreport:published_list")


@login_required
@require_POST
def publish_edition(request):
    if not can_publish(request.user):
        raise PermissionDenied("업무보고를 발행할 권한이 없습니다.")
    # publishing goes through its confirmation: a POST without the state it showed is shown it
    confirmed = request.POST.get("confirmed")
    if confirmed is None:
        return confirm_or_refuse(request, request.POST)
    if confirmed != data_fingerprint():
        return confirm_or_refuse(request, request.POST, changed_meanwhile=True)
    found = edition_and_note(request, request.POST)
    if found is None:
        return redirect("workreport:published_list")
    edition, note = found
    # rendered by the task worker (8–9 s, more at 10× data): the request only queues it
    publication = report_tasks.start_publication(user=request.user, edition=edition, note=note,
                                                 override=request.POST.get("override", ""), confirmed=confirmed)
    return answer(request, publication, request.POST)


# --- a publication in the task worker: its page, status and retry (workreport.report_tasks) -------

# the finished publications whose message this session was given (and only so many)
ANNOUNCED_KEY = "publications_announced"
ANNOUNCED_KEPT = 20


def publish_task_of(request, task_id):
    """The publication task `task_id` if this user started it; Http404 otherwise, whatever the reason
    (a forged or stale id, another publisher's, another kind of task). Non-publishers: 403."""
    if not can_publish(request.user):
        raise PermissionDenied("업무보고를 발행할 권한이 없습니다.")
    return result_of(report_tasks.publish_task, task_id, user_id=request.user.pk)


def form_of(result):
    """The 발행 form the task was queued from: what its confirmation page is shown again with."""
    edition = get_object_or_404(ReportEdition, pk=result.kwargs["edition_id"])
    return edition, {"year": str(edition.year), "note": result.kwargs["note"], "override": result.kwargs["override"]}


def first_announcement(request, result) -> bool:
    """True the first time this session reaches the end of publication `result`, then False."""
    announced = request.session.get(ANNOUNCED_KEY, [])
    if str(result.id) in announced:
        return False
    request.session[ANNOUNCED_KEY] = (announced + [str(result.id)])[-ANNOUNCED_KEPT:]
    return True


def finished(request, result):
    """A publication the worker has done with (published or refused): the list with its message, or
    the refusal where the publisher can act on it — once; a reload afterwards is the list."""
    if not first_announcement(request, result):
        return redirect("workreport:published_list")
    _, data = form_of(result)
    return answer(request, report_tasks.publication_outcome(result), data)


@login_required
@require_GET
def publish_task(request, task_id):
    result = publish_task_of(request, task_id)
    status = report_tasks.publish_status(result)
    if status["state"] in ("done", "refused"):
        return finished(request, result)
    edition, _ = form_of(result)
    return not_stored(render(request, "workreport/publish_progress.html", {
        "edition": edition, "status": status, "steps": report_tasks.steps_of(report_tasks.PUBLISH_STEPS, status),
        "elapsed_text": report_tasks.duration_text(status["elapsed"]),
        "issue": next_issue(edition), "note": result.kwargs["note"], "override": result.kwargs["override"],
        "status_url": reverse("workreport:publish_task_status", args=[result.id]),
        "retry_url": reverse("workreport:publish_task_retry", args=[result.id]),
    }))


@login_required
@require_GET
def publish_task_status(request, task_id):
    return not_stored(JsonResponse(report_tasks.publish_status(publish_task_of(request, task_id))))


@login_required
@require_POST
def publish_task_retry(request, task_id):
    """Run a failed or stopped publication again (report_tasks.retry_publication: the same checks as
    the confirmed POST; a publication still at work is not doubled)."""
    result = publish_task_of(request, task_id)
    _, data = form_of(result)
    return answer(request, report_tasks.retry_publication(result, user=request.user), data)
