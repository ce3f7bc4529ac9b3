"""Published editions: the list auditors check hashes against, downloads of the stored files, publishing.

A published file is served as stored (never rendered again); publishing is POST-only and
limited to superusers and holders of reports.publish_edition.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from reports.models import PublishedEdition, ReportEdition
from workreport.publishing import can_publish, publish, verify

NOTE_MAX_LENGTH = PublishedEdition._meta.get_field("note").max_length


@login_required
@require_GET
def published_list(request):
    publications = PublishedEdition.objects.select_related("edition", "published_by")
    rows = [{"published": published, "verified": verify(published)} for published in publications]
    return render(request, "report/published_list.html", {
        "rows": rows,
        "editions": ReportEdition.objects.all(),
        "can_publish": can_publish(request.user),
        "note_max_length": NOTE_MAX_LENGTH,
    })


def download_filename(published: PublishedEdition) -> str:
    when = timezone.localtime(published.published_at)
    return f"{published.edition.year}년 {published.edition.title} (발행 {when:%Y-%m-%d %H%M}).pdf"


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
    year = request.POST.get("year", "").strip()
    note = request.POST.get("note", "").strip()
    edition = ReportEdition.objects.filter(year=int(year)).first() if year.isdigit() else None
    if edition is None:
        messages.error(request, "발행할 연도판을 찾을 수 없습니다. 연도를 확인하세요.")
        return redirect("workreport:published_list")
    if len(note) > NOTE_MAX_LENGTH:
        messages.error(request, f"메모는 {NOTE_MAX_LENGTH}자 이하로 적으세요. 발행하지 않았습니다.")
        return redirect("workreport:published_list")
    published = publish(edition, request.user, note=note)
    messages.success(
        request, f"{edition.year}년 업무보고를 발행했습니다. SHA-256 {published.sha256}"
    )
    return redirect("workreport:published_list")
