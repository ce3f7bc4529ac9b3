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
only by the publisher who started it: another's, or a forged id, is a 404.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from reports.background import result_of
from reports.models import PublishedEdition, ReportEdition
from workreport import report_tasks, review
from workreport.audit import change_audit
from workreport.publishing import (
    NothingToPublish, can_publish, data_fingerprint, next_issue, refuse_unchanged, verify,
)

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


def prechecked(request, edition, data):
    """None when the publication may be queued; else the answer that says why not, at once, as a
    request publishing itself said it: nothing changed (the list), the round gate (the confirmation).
    The task asks both again when it runs."""
    try:
        refuse_unchanged(edition)
        review.check_publishing(edition, override=data.get("override", ""))
    except NothingToPublish as refusal:
        messages.error(request, str(refusal))
        return redirect("workreport:published_list")
    except review.ReviewRefused as refusal:
        messages.error(request, f"발행하지 않았습니다: {refusal}")
        return confirm_or_refuse(request, data)
    return None


def queue(request, edition, *, note, override, confirmed):
    """Queue the publication (a double click joins the one at work) and go to its page."""
    result, joined = report_tasks.queue_publish(user=request.user, edition=edition, note=note, override=override,
                                                confirmed=confirmed)
    if joined and result.kwargs["user_id"] != request.user.pk:
        messages.warning(request, f"다른 발행자가 {edition.year}년 업무보고를 발행하는 중입니다. "
                                  f"끝나면 아래 목록에 나타납니다. 발행하지 않았습니다.")
        return redirect("workreport:published_list")
    return redirect("workreport:publish_task", task_id=result.id)


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
    refused = prechecked(request, edition, request.POST)
    if refused is not None:
        return refused
    # rendered by the task worker (8–9 s, more at 10× data): the request only queues it
    return queue(request, edition, note=note, override=request.POST.get("override", ""), confirmed=confirmed)


# --- a publication in the task worker: its page, status and retry (workreport.report_tasks) -------

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


def finished(request, result):
    """A publication the worker has done with: the list with its success message (as a publication
    in the request had), or the refusal where the publisher can act on it."""
    outcome = result.return_value or {}
    edition, data = form_of(result)
    if "published" in outcome:
        messages.success(
            request, f"{edition.year}년 업무보고 제{outcome['issue']}판을 발행했습니다. SHA-256 {outcome['sha256']}")
        return redirect("workreport:published_list")
    if outcome.get("kind") == "changed":
        return confirm_or_refuse(request, data, changed_meanwhile=True)
    messages.error(request, outcome.get("refused") or "발행하지 않았습니다.")
    if outcome.get("kind") == "review":
        return confirm_or_refuse(request, data)
    return redirect("workreport:published_list")


@login_required
@require_GET
def publish_task(request, task_id):
    result = publish_task_of(request, task_id)
    status = report_tasks.publish_status(result)
    if status["state"] == "done":
        return finished(request, result)
    edition, _ = form_of(result)
    response = render(request, "workreport/publish_progress.html", {
        "edition": edition, "status": status, "steps": report_tasks.steps_of(report_tasks.PUBLISH_STEPS, status),
        "issue": next_issue(edition), "note": result.kwargs["note"], "override": result.kwargs["override"],
        "status_url": reverse("workreport:publish_task_status", args=[result.id]),
        "retry_url": reverse("workreport:publish_task_retry", args=[result.id]),
    })
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_GET
def publish_task_status(request, task_id):
    response = JsonResponse(report_tasks.publish_status(publish_task_of(request, task_id)))
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_POST
def publish_task_retry(request, task_id):
    """Run a failed or stopped publication again, after the same checks as the confirmed POST: if
    the data changed since it was confirmed, the publisher confirms again; the round gate and
    'nothing changed' are asked again. A publication still at work is not doubled."""
    result = publish_task_of(request, task_id)
    if report_tasks.publish_status(result)["state"] != "failed":
        return redirect("workreport:publish_task", task_id=result.id)
    edition, data = form_of(result)
    if result.kwargs["confirmed"] != data_fingerprint():
        return confirm_or_refuse(request, data, changed_meanwhile=True)
    refused = prechecked(request, edition, data)
    if refused is not None:
        return refused
    return queue(request, edition, note=data["note"], override=data["override"], confirmed=result.kwargs["confirmed"])
