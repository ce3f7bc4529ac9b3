"""The report cycle's transitions (workreport.review): who may move which part from which state,
each refusal changing nothing, each move kept in the history with who and why."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied

from projects.models import ProgramPage
from workreport import review
from workreport.models import Desk, PartReview, ReportingRound, ReviewStatus

DUE = datetime.date(2024, 11, 8)


@pytest.fixture
def round_(edition, publisher):
    return review.open_round(user=publisher, edition=edition, title="2024년 11월 행정사무감사 업무보고", due_on=DUE)


def part(round_, number=None, desk=None):
    if desk:
        return round_.reviews.get(desk=desk)
    return round_.reviews.get(page__unit__number=number)


def test_opening_a_round_puts_every_page_and_desk_section_at_writing(round_, edition):
    pages = ProgramPage.objects.filter(unit__policy__edition=edition).count()
    assert round_.reviews.count() == pages + len(Desk.values)
    assert set(round_.reviews.values_list("status", flat=True)) == {ReviewStatus.WRITING}
    assert round_.history.first().history_change_reason == "차수 열기"


def test_only_a_reviewer_opens_a_round_and_only_one_at_a_time(edition, team_lead, publisher, round_):
    with pytest.raises(PermissionDenied):
        review.open_round(user=team_lead, edition=edition, title="x", due_on=DUE)
    with pytest.raises(review.ReviewRefused, match="이미 진행 중인 차수"):
        review.open_round(user=publisher, edition=edition, title="두 번째", due_on=DUE)
    assert ReportingRound.objects.count() == 1


def test_the_cycle_submit_send_back_resubmit_confirm_reopen(round_, team_lead, publisher):
    page = part(round_, "1-1")

    review.submit(user=team_lead, review_id=page.pk)
    review.send_back(user=publisher, review_id=page.pk, reason="추진실적에 11월 실적을 넣어 주세요.")
    page.refresh_from_db()
    assert (page.status, page.reason, page.changed_by) == (ReviewStatus.RETURNED, "추진실적에 11월 실적을 넣어 주세요.",
                                                           publisher)
    review.submit(user=team_lead, review_id=page.pk)
    review.confirm(user=publisher, review_id=page.pk)
    review.reopen(user=publisher, review_id=page.pk)

    page.refresh_from_db()
    assert page.status == ReviewStatus.WRITING
    reasons = [record.history_change_reason for record in page.history.order_by("history_date", "history_id")]
    assert reasons == ["차수 열기", "제출", "반려: 추진실적에 11월 실적을 넣어 주세요.", "제출", "확정", "다시 열기"]
    assert [record.history_user for record in page.history.order_by("history_date", "history_id")] == [
        publisher, team_lead, publisher, team_lead, publisher, publisher]


def test_a_team_lead_submits_only_their_teams_pages(round_, team_lead, other_team_lead):
    theirs = part(round_, "2-4")
    with pytest.raises(PermissionDenied):
        review.submit(user=team_lead, review_id=theirs.pk)
    theirs.refresh_from_db()
    assert theirs.status == ReviewStatus.WRITING
    review.submit(user=other_team_lead, review_id=theirs.pk)


def test_desk_sections_are_submitted_by_their_desk(round_, hr_officer, budget_officer, team_lead):
    with pytest.raises(PermissionDenied):
        review.submit(user=budget_officer, review_id=part(round_, desk=Desk.STAFFING).pk)
    with pytest.raises(PermissionDenied):
        review.submit(user=team_lead, review_id=part(round_, desk=Desk.EXECUTION).pk)
    review.submit(user=hr_officer, review_id=part(round_, desk=Desk.STAFFING).pk)
    review.submit(user=budget_officer, review_id=part(round_, desk=Desk.BUDGET).pk)
    review.submit(user=budget_officer, review_id=part(round_, desk=Desk.EXECUTION).pk)
    assert set(round_.reviews.filter(desk__gt="").values_list("status", flat=True)) == {ReviewStatus.SUBMITTED}


@pytest.mark.parametrize("move, kwargs", [
    (review.send_back, {"reason": "사유"}), (review.confirm, {}), (review.reopen, {}),
])
def test_only_reviewers_send_back_confirm_or_reopen(round_, team_lead, auditor, move, kwargs):
    page = part(round_, "1-1")
    review.submit(user=team_lead, review_id=page.pk)
    for user in (team_lead, auditor):
        with pytest.raises(PermissionDenied):
            move(user=user, review_id=page.pk, **kwargs)
    page.refresh_from_db()
    assert page.status == ReviewStatus.SUBMITTED


def test_a_transition_from_the_wrong_state_is_refused_in_korean(round_, team_lead, publisher):
    page = part(round_, "1-1")
    with pytest.raises(review.ReviewRefused, match="'작성 중' 상태라 확정할 수 없습니다"):
        review.confirm(user=publisher, review_id=page.pk)
    review.submit(user=team_lead, review_id=page.pk)
    with pytest.raises(review.ReviewRefused, match="'제출' 상태라 제출할 수 없습니다"):
        review.submit(user=team_lead, review_id=page.pk)
    with pytest.raises(review.ReviewRefused, match="다시 열기할 수 없습니다"):
        review.reopen(user=publisher, review_id=page.pk)


def test_sending_back_needs_a_reason(round_, team_lead, publisher):
    page = part(round_, "1-1")
    review.submit(user=team_lead, review_id=page.pk)
    with pytest.raises(review.ReviewRefused, match="반려 사유를 적어 주세요"):
        review.send_back(user=publisher, review_id=page.pk, reason="  ")
    page.refresh_from_db()
    assert page.status == ReviewStatus.SUBMITTED


def test_a_page_with_check_report_errors_is_not_submitted_and_the_errors_are_listed(round_, team_lead):
    page = part(round_, "1-1")
    page.page.contacts.all().delete()  # check_report: "주요 현안업무 1-1 …: 연락처(…)가 없습니다"

    with pytest.raises(review.ReviewRefused, match="연락처"):
        review.submit(user=team_lead, review_id=page.pk)
    page.refresh_from_db()
    assert page.status == ReviewStatus.WRITING


def test_a_closed_round_takes_no_transition(round_, team_lead):
    review.close_round(round_)
    with pytest.raises(review.ReviewRefused, match="차수는 끝났습니다"):
        review.submit(user=team_lead, review_id=part(round_, "1-1").pk)


def test_an_unknown_part_is_refused_not_an_error(round_, team_lead):
    with pytest.raises(review.ReviewRefused, match="없는 검토 항목"):
        review.submit(user=team_lead, review_id=999_999)
    assert PartReview.objects.filter(status=ReviewStatus.SUBMITTED).count() == 0


def test_publishing_waits_for_every_part_or_a_written_override(round_, edition, team_lead, publisher):
    with pytest.raises(review.ReviewRefused, match=r"확정되지 않은 항목 \d+건: 인력\(정원·현원\)\(작성 중\)"):
        review.check_publishing(edition)

    recorded = review.check_publishing(edition, override="감사 일정이 당겨져 2-4는 다음 판에 반영")
    assert recorded.startswith("확정 전 발행: 감사 일정이 당겨져 2-4는 다음 판에 반영 (확정되지 않은 항목")

    round_.reviews.update(status=ReviewStatus.CONFIRMED)
    assert review.check_publishing(edition) == ""


def test_without_a_round_publishing_is_not_held(edition):
    assert review.check_publishing(edition) == ""
