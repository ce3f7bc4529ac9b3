"""The report cycle's one service (issue 14): open a round, and move each part of the report
through 작성 중 → 제출 → 반려 or 확정 → (다시 열기) 작성 중.

Every function checks on the server who may do it and from which state, and refuses with a Korean
message (ReviewRefused) or PermissionDenied, changing nothing. Each transition locks its row
(select_for_update), so two reviewers cannot both act on what one of them saw, and writes one
history record with who, when and why (simple_history's _change_reason).

Who may do what:
- a round is opened, and parts sent back, confirmed or reopened, by reviewers (the permission
  workreport.review_round: the 업무보고 발행 group, and superusers);
- a programme page is submitted by a team lead of the team that owns it (accounts.roles);
  the 인력 section by HR (staffing.change_headcountcensus), 세입·세출 by finance
  (budget.change_detailprogram), 집행 by finance (budget.change_executionrecord).
"""
import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.roles import can_edit_programme
from budget.part import PART as BUDGET_PART
from projects.changes import Change, later, section_changes
from projects.models import ProgramPage
from reports.formatting import format_date
from staffing.part import PART as STAFFING_PART
from workreport.checks import check_year
from workreport.models import Desk, PartReview, ReportingRound, ReviewStatus

REVIEW_PERMISSION = "workreport.review_round"
DESK_PERMISSIONS = {
    Desk.STAFFING: "staffing.change_headcountcensus",
    Desk.BUDGET: "budget.change_detailprogram",
    Desk.EXECUTION: "budget.change_executionrecord",
}
DESK_PARTS = {Desk.STAFFING: STAFFING_PART, Desk.BUDGET: BUDGET_PART, Desk.EXECUTION: BUDGET_PART}
# What each desk section covers, for the lock of a confirmed section: {app_label or "app.model": desk}
DESK_MODELS = {"staffing": Desk.STAFFING, "budget.executionrecord": Desk.EXECUTION, "budget": Desk.BUDGET}
EDITABLE = (ReviewStatus.WRITING, ReviewStatus.RETURNED)


class ReviewRefused(Exception):
    """A transition refused for the part's state or its data; the message is Korean, for the user."""


# ---------------------------------------------------------------- who may

def is_reviewer(user) -> bool:
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(REVIEW_PERMISSION)))


def may_submit(user, review) -> bool:
    if not (user and user.is_active):
        return False
    if review.page_id:
        return can_edit_programme(user, review.page.unit)
    return user.is_superuser or user.has_perm(DESK_PERMISSIONS[review.desk])


def allowed_actions(user, review) -> list[str]:
    """The transitions this user may make on the part now: "submit", "send_back", "confirm", "reopen"."""
    if not review.round.is_open:
        return []
    actions = []
    if review.status in EDITABLE and may_submit(user, review):
        actions.append("submit")
    if is_reviewer(user):
        if review.status == ReviewStatus.SUBMITTED:
            actions += ["send_back", "confirm"]
        if review.status == ReviewStatus.CONFIRMED:
            actions.append("reopen")
    return actions


# ---------------------------------------------------------------- the round

def open_round(*, user, edition, title, due_on) -> ReportingRound:
    """Open a round of the edition with every programme page and desk section at 작성 중."""
    if not is_reviewer(user):
        raise PermissionDenied
    title = (title or "").strip()
    if not title:
        raise ReviewRefused("차수 이름을 적어 주세요. 예: 2024년 11월 행정사무감사 업무보고")
    if not isinstance(due_on, datetime.date):
        raise ReviewRefused("제출 기한을 날짜로 적어 주세요. 예: 2024-11-08")
    try:
        with transaction.atomic():
            round_ = ReportingRound(edition=edition, title=title[:100], due_on=due_on, opened_by=user)
            round_._change_reason = "차수 열기"
            round_._history_user = user
            round_.save()
            pages = ProgramPage.objects.filter(unit__policy__edition=edition)
            bulk_create_with_history(
                [PartReview(round=round_, page=page) for page in pages]
                + [PartReview(round=round_, desk=desk) for desk in Desk.values],
                PartReview, default_user=user, default_change_reason="차수 열기",
            )
    except IntegrityError:
        raise ReviewRefused(f"{edition.year}년 연도판에는 이미 진행 중인 차수가 있습니다. 발행하면 차수가 끝납니다.") from None
    return round_


def open_round_of(edition):
    """The edition's round in progress, or None."""
    return ReportingRound.objects.filter(edition=edition, closed_at__isnull=True).first()


def close_round(round_, *, reason="발행"):
    """End a round (publishing does): its parts stay as they were, read in its history."""
    round_.closed_at = timezone.now()
    round_._change_reason = reason
    round_.save(update_fields=["closed_at"])


# ---------------------------------------------------------------- transitions

def submit(*, user, review_id) -> PartReview:
    """작성 중 or 반려 → 제출, by the part's owner; refused while check_report finds errors on it."""
    with transaction.atomic():
        review = locked(review_id)
        if not may_submit(user, review):
            raise PermissionDenied
        require_state(review, EDITABLE, "제출")
        errors = errors_of(review)
        if errors:
            raise ReviewRefused(f"{review.part_name}: 점검(check_report)에서 고칠 곳이 있어 제출하지 않았습니다. "
                                + " / ".join(errors))
        return move(review, ReviewStatus.SUBMITTED, user, "제출")


def send_back(*, user, review_id, reason) -> PartReview:
    """제출 → 반려 with a reason, by a reviewer: the part is its owner's to edit again."""
    reason = (reason or "").strip()
    with transaction.atomic():
        review = locked(review_id)
        if not is_reviewer(user):
            raise PermissionDenied
        require_state(review, (ReviewStatus.SUBMITTED,), "반려")
        if not reason:
            raise ReviewRefused("반려 사유를 적어 주세요. 작성한 팀이 홈 화면에서 그대로 봅니다.")
        review.reason = reason
        return move(review, ReviewStatus.RETURNED, user, f"반려: {reason}")


def confirm(*, user, review_id) -> PartReview:
    """제출 → 확정, by a reviewer: the part is read-only until it is reopened."""
    with transaction.atomic():
        review = locked(review_id)
        if not is_reviewer(user):
            raise PermissionDenied
        require_state(review, (ReviewStatus.SUBMITTED,), "확정")
        return move(review, ReviewStatus.CONFIRMED, user, "확정")


def reopen(*, user, review_id, reason="") -> PartReview:
    """확정 → 작성 중, by a reviewer: the owner may edit it again."""
    with transaction.atomic():
        review = locked(review_id)
        if not is_reviewer(user):
            raise PermissionDenied
        require_state(review, (ReviewStatus.CONFIRMED,), "다시 열기")
        return move(review, ReviewStatus.WRITING, user, f"다시 열기: {reason.strip()}" if reason.strip() else "다시 열기")


TRANSITIONS = {"submit": submit, "send_back": send_back, "confirm": confirm, "reopen": reopen}


def locked(review_id) -> PartReview:
    try:
        return (PartReview.objects.select_for_update(of=("self",))
                .select_related("round__edition", "page__unit__owning_team").get(pk=review_id))
    except (PartReview.DoesNotExist, ValueError, TypeError):
        raise ReviewRefused("없는 검토 항목입니다. 목록을 다시 열어 주세요.") from None


def require_state(review, states, action):
    if not review.round.is_open:
        raise ReviewRefused(f"'{review.round}' 차수는 끝났습니다({action}할 수 없습니다).")
    if review.status not in states:
        raise ReviewRefused(f"{review.part_name}은(는) 지금 '{review.get_status_display()}' 상태라 {action}할 수 "
                            f"없습니다. 화면을 새로 고쳐 보세요.")


def move(review, status, user, why) -> PartReview:
    review.status = status
    review.changed_by = user
    review.changed_at = timezone.now()
    review._change_reason = why[:100]
    review._history_user = user  # who, also outside a request (a command, a test)
    review.save()
    return review


def errors_of(review) -> list[str]:
    """check_report's errors on this part: a page's (those naming its 단위사업), or a desk part's."""
    edition = review.round.edition
    if review.page_id:
        errors, _ = check_year(edition)
        name = str(review.page.unit)
        return [error for error in errors if name in error]
    part = DESK_PARTS[review.desk]
    subject = part.subject(edition)
    return [error for check in part.checks for error in check(subject)[0]]


# ---------------------------------------------------------------- what a confirmed part locks

def desk_of_model(model) -> str | None:
    meta = model._meta
    return DESK_MODELS.get(f"{meta.app_label}.{meta.model_name}") or DESK_MODELS.get(meta.app_label)


def page_id_of(obj):
    """The id of the programme page a record belongs to (a page, or one of its lines or rows), or None."""
    if isinstance(obj, ProgramPage):
        return obj.pk
    if getattr(obj, "page_id", None):
        return obj.page_id
    item = getattr(obj, "item", None) if getattr(obj, "item_id", None) else None  # a 추진실적 table row
    return getattr(item, "page_id", None)


def confirmed_parts() -> dict:
    """{page id or desk: Korean reason} of the parts 확정 in rounds in progress (one query)."""
    reasons = {}
    for review in (PartReview.objects.filter(status=ReviewStatus.CONFIRMED, round__closed_at__isnull=True)
                   .select_related("round", "page__unit").order_by()):
        reasons[review.page_id or review.desk] = (
            f"{review.part_name}은(는) '{review.round}' 차수에서 확정되어 고칠 수 없습니다. "
            f"고쳐야 하면 검토자에게 다시 열어 달라고 하세요.")
    return reasons


def locked_reason(obj, model=None, memo=None) -> str | None:
    """Why a record may not be changed now — its part of the report is 확정 in the round in
    progress — or None. `obj` None with `model`: whether the model's desk section is locked.
    Registered with reports.locks, which keeps `memo` for a request."""
    memo = {} if memo is None else memo
    if "confirmed" not in memo:
        memo["confirmed"] = confirmed_parts()
    confirmed = memo["confirmed"]
    if not confirmed:
        return None
    page_id = page_id_of(obj) if obj is not None else None
    if page_id is not None:
        return confirmed.get(page_id)
    desk = desk_of_model(model or type(obj))
    return confirmed.get(desk) if desk else None


def days_left(round_, today=None) -> int:
    return (round_.due_on - (today or timezone.localdate())).days


def due_text(round_, today=None) -> str:
    """"기한 2024. 11. 8. (3일 남음)" / "(오늘)" / "(2일 지남)"."""
    left = days_left(round_, today)
    when = "오늘" if left == 0 else (f"{left}일 남음" if left > 0 else f"{-left}일 지남")
    return f"기한 {format_date(round_.due_on)} ({when})"


# ---------------------------------------------------------------- the dashboard and the home page

@dataclass(frozen=True)
class PartRow:
    """A line of the round dashboard: the part, its owner, its last change and how late it is."""

    review: PartReview
    team: str
    last_change: Change | None
    overdue: bool


def dashboard_rows(round_, *, today=None) -> list[PartRow]:
    """Every part of the round in report order (desk sections first).

    A part is overdue when the due date has passed and it is not yet submitted (작성 중, 반려).
    A fixed number of queries: the parts, then projects.changes.section_changes for the pages."""
    reviews = in_report_order(round_.reviews.select_related("page__unit__owning_team", "changed_by"))
    late = days_left(round_, today) < 0
    changes = section_changes([review.page for review in reviews if review.page_id])
    rows = []
    for review in reviews:
        owner = DESK_OWNERS[review.desk] if review.desk else (
            review.page.unit.owning_team.name if review.page.unit.owning_team_id else "-")
        latest = None
        for change in changes.get(review.page_id, {}).values():
            latest = later(latest, change)
        rows.append(PartRow(review, owner, latest, late and review.status in EDITABLE))
    return rows


def in_report_order(reviews) -> list[PartReview]:
    """Parts as the report orders them: 인력, 세입·세출, 집행, then the programme pages."""
    desks = list(Desk.values)
    return sorted(reviews.order_by("page__unit__policy__order", "page__unit__order"),
                  key=lambda review: desks.index(review.desk) if review.desk else len(desks))


DESK_OWNERS = {Desk.STAFFING: "인사담당", Desk.BUDGET: "예산담당", Desk.EXECUTION: "예산담당"}


def my_parts(user, round_) -> list[PartReview]:
    """The parts of the round this user submits (their team's pages, their desk's sections), sent-back
    ones first: what the home page shows them."""
    if round_ is None:
        return []
    reviews = in_report_order(round_.reviews.select_related("round", "page__unit__owning_team", "changed_by"))
    mine = [review for review in reviews if may_submit(user, review)]
    return sorted(mine, key=lambda review: review.status != ReviewStatus.RETURNED)


# ---------------------------------------------------------------- publishing waits for the round

def publishing_blockers(edition) -> list[PartReview]:
    """The parts of the edition's round in progress that are not 확정 (none: publishing may go on)."""
    round_ = open_round_of(edition)
    return in_report_order(round_.reviews.exclude(status=ReviewStatus.CONFIRMED).select_related("page__unit")) \
        if round_ else []


def check_publishing(edition, *, override="") -> str:
    """Before publishing: every part of the round 확정, or the publisher's written reason to publish
    anyway (returned, to be recorded on the published edition). Refused in Korean otherwise."""
    waiting = publishing_blockers(edition)
    if not waiting:
        return ""
    override = (override or "").strip()
    if override:
        names = ", ".join(part.part_name for part in waiting)
        return f"확정 전 발행: {override} (확정되지 않은 항목 {len(waiting)}건: {names})"
    names = ", ".join(f"{part.part_name}({part.get_status_display()})" for part in waiting[:8])
    more = f" 외 {len(waiting) - 8}건" if len(waiting) > 8 else ""
    raise ReviewRefused(f"차수의 모든 항목이 확정되어야 발행합니다. 확정되지 않은 항목 {len(waiting)}건: {names}{more}. "
                        f"그래도 발행하려면 그 사유를 적으세요.")
