"""The auditors' page: changes of report data since the last published edition."""
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.audit import change_audit
from reports.models import ReportEdition

AUDIT_PERMISSION = "accounts.view_change_audit"


@require_GET
def change_audit_page(request):
    # 감사 group and superusers (accounts.roles); history in the admin stays open to every reader.
    if not request.user.has_perm(AUDIT_PERMISSION):
        raise PermissionDenied("변경 내역은 감사 담당자만 볼 수 있습니다.")
    year = request.GET.get("year", "")
    editions = ReportEdition.objects.order_by("-year")
    edition = get_object_or_404(editions, year=int(year)) if year.isdigit() else editions.first()
    audit = change_audit(edition) if edition is not None else None
    return render(request, "accounts/change_audit.html", {
        "audit": audit, "edition": edition, "editions": editions,
    })
