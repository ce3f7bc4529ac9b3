"""The whole report cycle in a real browser (issue 14's acceptance): a round opened with a due date;
the team lead submits 1-1; a reviewer sends it back with a reason; the team lead sees the reason on
the home page, fixes a line and resubmits; the reviewer confirms; publishing is refused while 2-4 is
unconfirmed and succeeds once every part is; the 신구대조 of 1-1 shows the changed line marked."""
import datetime

from accounts.roles import PUBLISHER, TEAM_LEAD
from reports.models import PublishedEdition
from tests.browser import BROWSER_TEST, axe_violations, log_in
from workreport import review
from workreport.models import PartReview, ReportingRound, ReviewStatus
from workreport.tests.report_task_helpers import run_worker

pytestmark = BROWSER_TEST

REASON = "추진실적의 보고서 건수를 11월까지로 고쳐 주세요."
OLD, NEW = "2건(8·9월)", "3건(8·9·11월)"


def row_of(page, part_name):
    return page.locator("tr", has=page.locator("th", has_text=part_name))


def test_the_report_cycle_from_opening_to_publishing(site, new_page, make_user, stand_in_publication):
    lead = make_user("teamlead", TEAM_LEAD, person="고설태")
    make_user("publisher", PUBLISHER, "인사담당")
    reviewer, writer = new_page(), new_page()
    log_in(reviewer, site, "publisher")
    log_in(writer, site, "teamlead")

    # the reviewer opens a round with a due date
    reviewer.goto(f"{site}/review/")
    reviewer.fill("#round-title", "2024년 11월 행정사무감사 업무보고")
    reviewer.fill("#round-due", (datetime.date.today() + datetime.timedelta(days=5)).isoformat())
    with reviewer.expect_navigation():
        reviewer.click("text=차수 열기 >> nth=-1")
    assert "차수를 열었습니다" in reviewer.locator(".messages").inner_text()

    # the team lead submits 1-1 from home
    writer.goto(f"{site}/")
    with writer.expect_navigation():
        row_of(writer, "1-1.").get_by_role("button", name="제출").click()
    assert "제출했습니다" in writer.locator(".messages").inner_text()

    # the reviewer sends it back with a reason
    reviewer.goto(f"{site}/review/?status=submitted")
    row = row_of(reviewer, "1-1.")
    row.locator("summary", has_text="반려").click()
    row.locator("textarea").fill(REASON)
    with reviewer.expect_navigation():
        row.get_by_role("button", name="반려").click()
    assert "반려했습니다" in reviewer.locator(".messages").inner_text()

    # the team lead sees the reason at the top of home, fixes a line, resubmits
    writer.goto(f"{site}/")
    notice = writer.locator(".returned-notice")
    assert "반려: 1-1." in notice.inner_text() and REASON in notice.inner_text()
    assert axe_violations(writer) == []
    with writer.expect_navigation():
        row_of(writer, "1-1.").get_by_role("link", name="고치기").click()
    achievements = writer.locator("textarea[name=achievements_text]")
    assert OLD in achievements.input_value()
    achievements.fill(achievements.input_value().replace(OLD, NEW))
    with writer.expect_navigation():
        writer.click("input[name=_save]")
    writer.goto(f"{site}/")
    with writer.expect_navigation():
        row_of(writer, "1-1.").get_by_role("button", name="제출").click()

    # the reviewer confirms it
    reviewer.goto(f"{site}/review/?status=submitted")
    with reviewer.expect_navigation():
        row_of(reviewer, "1-1.").get_by_role("button", name="확정").click()
    part = PartReview.objects.get(page__unit__number="1-1")
    assert part.status == ReviewStatus.CONFIRMED
    assert [r.history_change_reason for r in part.history.order_by("history_date", "history_id")] == [
        "차수 열기", "제출", f"반려: {REASON}", "제출", "확정"]

    # the 신구대조 of 1-1 against the last publication marks the changed words
    reviewer.goto(f"{site}/report/2024/compare/1-1/")
    changed = reviewer.locator("#compare-published tr.changed", has_text="국내외 동향")
    assert any(OLD in text for text in changed.locator("del").all_inner_texts())  # "[삭제] 2건(8·9월)" read aloud
    assert any(NEW in text for text in changed.locator("ins").all_inner_texts())

    # publishing waits for every part: refused while 2-4 is unconfirmed
    round_ = ReportingRound.objects.get()
    open_publishing(reviewer, site)
    waiting = reviewer.locator(".publish-waiting")
    assert "2-4." in waiting.inner_text() and "확정되지 않은 항목" in waiting.inner_text()
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="제2판 발행").click()
    assert "차수의 모든 항목이 확정되어야 발행합니다" in reviewer.locator(".messages").inner_text()
    assert PublishedEdition.objects.count() == 1  # only the first, stand-in 판

    for part in round_.reviews.exclude(status=ReviewStatus.CONFIRMED):  # the other teams' parts, confirmed
        review.confirm(user=part_owner_submits(part), review_id=part.pk)
    open_publishing(reviewer, site)
    assert reviewer.locator(".publish-waiting").count() == 0
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="제2판 발행").click()
    assert "/report/published/task/" in reviewer.url  # queued: the task worker publishes it
    run_worker()
    reviewer.wait_for_url(f"{site}/report/published/", timeout=30_000)  # the page follows the task
    assert "제2판을 발행했습니다" in reviewer.locator(".messages").inner_text()
    assert PublishedEdition.objects.count() == 2
    round_.refresh_from_db()
    assert not round_.is_open and lead.is_active


def open_publishing(page, site):
    page.goto(f"{site}/report/published/")
    with page.expect_navigation():
        page.get_by_role("button", name="바뀐 내용 확인").click()


def part_owner_submits(part):
    """Submit a part as a superuser (who may submit every part) and return the reviewer to confirm it."""
    from django.contrib.auth import get_user_model

    root, _ = get_user_model().objects.get_or_create(username="cycle-root", defaults={"is_superuser": True,
                                                                                     "is_staff": True})
    if part.status != ReviewStatus.SUBMITTED:
        review.submit(user=root, review_id=part.pk)
    return root
