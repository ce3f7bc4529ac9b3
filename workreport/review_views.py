"""The report cycle in the site: the round dashboard for reviewers, opening a round, and the
transitions (submit, send back, confirm, reopen) posted from the dashboard and the home page.
Thin: who may do what is decided by workreport.review, on every POST."""
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from reports.formatting import format_date
from reports.models import ReportEdition
from workreport import review
from workreport.models import ReviewStatus
from workreport.views import AUDIT_PERMISSION

DONE = {
    "submit": "{part}을(를) 제출했습니다. 검토자가 확정하거나 반려합니다.",
    "send_back": "{part}을(를) 반려했습니다. 작성한 쪽이 홈 화면에서 사유를 봅니다.",
    "confirm": "{part}을(를) 확정했습니다. 다시 열기 전에는 고칠 수 없습니다.",
    "reopen": "{part}을(를) 다시 열었습니다. 작성 중으로 돌아갔습니다.",
}


def may_read_dashboard(user):
    return review.is_reviewer(user) or user.has_perm(AUDIT_PERMISSION)


@require_GET
def round_dashboard(request):
    if not may_read_dashboard(request.user):
        raise PermissionDenied("검토 현황은 검토자(업무보고 발행)와 감사 담당자만 봅니다.")
    edition = ReportEdition.objects.latest_edition()
    round_ = review.open_round_of(edition) if edition else None
    status, team = request.GET.get("status", ""), request.GET.get("team", "")
    status = status if status in ReviewStatus.values else ""
    rows = review.dashboard_rows(round_) if round_ else []
    teams = sorted({row.team for row in rows})
    shown = [row for row in rows if (not status or row.review.status == status) and (not team or row.team == team)]
    counts = {label: sum(1 for row in rows if row.review.status == value) for value, label in ReviewStatus.choices}
    return render(request, "workreport/round_dashboard.html", {
        "edition": edition, "round": round_, "rows": shown, "all_count": len(rows), "counts": counts,
        "teams": teams, "statuses": ReviewStatus.choices, "status": status, "team": team,
        "due": review.due_text(round_) if round_ else "", "is_reviewer": review.is_reviewer(request.user),
        "overdue_count": sum(row.overdue for row in rows),
        "suggested_due": timezone.localdate() + datetime.timedelta(days=7),
    })


@require_POST
def open_round(request):
    edition = ReportEdition.objects.latest_edition()
    if edition is None or not review.is_reviewer(request.user):
        raise PermissionDenied("차수는 검토자(업무보고 발행)만 엽니다.")
    try:
        due_on = datetime.date.fromisoformat(request.POST.get("due_on", ""))
    except ValueError:
        due_on = None
    try:
        round_ = review.open_round(user=request.user, edition=edition, title=request.POST.get("title", ""),
                                   due_on=due_on)
    except review.ReviewRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"'{round_}' 차수를 열었습니다. 제출 기한 {format_date(round_.due_on)}. "
                                  f"모든 쪽과 부문이 작성 중에서 시작합니다.")
    return HttpResponseRedirect(reverse("workreport:round_dashboard"))


@require_POST
def transition(request, pk):
    action = request.POST.get("action", "")
    move = review.TRANSITIONS.get(action)
    if move is None:
        raise PermissionDenied("없는 동작입니다.")
    kwargs = {"user": request.user, "review_id": pk}
    if action == "send_back":
        kwargs["reason"] = request.POST.get("reason", "")
    try:
        moved = move(**kwargs)
    except review.ReviewRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, DONE[action].format(part=moved.part_name))
    return HttpResponseRedirect(back_to(request))


def back_to(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse("workreport:round_dashboard")
