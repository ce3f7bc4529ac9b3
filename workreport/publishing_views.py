"""Published editions: the list auditors check hashes against, downloads of the stored files, publishing.

A published file is served as stored (never rendered again); publishing is POST-only and
limited to superusers and holders of reports.publish_edition. The list page's 발행 form first
shows what changed since the last publication (workreport.audit) and the 판 it will be; its
confirmation posts the data fingerprint it showed, and a POST without it, or whose data changed
since, is shown the confirmation (again) instead of publishing. An edition with nothing changed since its last publication is refused
(workreport.publishing.NothingToPublish).
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from reports.models import PublishedEdition, ReportEdition
from workreport import review
from workreport.audit import change_audit
from workreport.publishing import (
    NothingToPublish, can_publish, data_fingerprint, next_issue, publish, refuse_unchanged, verify,
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
    try:
        published = publish(edition, request.user, note=note, override=request.POST.get("override", ""))
    except NothingToPublish as refusal:
        messages.error(request, str(refusal))
        return redirect("workreport:published_list")
    except review.ReviewRefused as refusal:
        messages.error(request, f"발행하지 않았습니다: {refusal}")
        return confirm_or_refuse(request, request.POST)
    messages.success(
        request, f"{edition.year}년 업무보고 제{published.issue}판을 발행했습니다. SHA-256 {published.sha256}"
    )
    return redirect("workreport:published_list")
