"""The login-to-PDF workflow in a real browser (Playwright on Debian's Chromium).

A team lead edits an 추진실적 line and a 향후일정 period of their programme in the admin and finds
both in the HTML report and in the PDF; an auditor opens the same form without being able to
save, and checks a published PDF against its listed SHA-256; a team lead cannot open another
team's programme by URL. Every change shows in history with its user and on the auditors' page.

These tests run against pytest-django's live_server, so they use a real transaction and end with
a flush of the database; the root conftest.py loads 2024 again afterwards (tests/browser.py).
"""
import hashlib
from pathlib import Path

from accounts.roles import AUDITOR, TEAM_LEAD
from projects.models import AchievementItem, ProgramPage, ScheduleItem
from tests.browser import BROWSER_TEST, log_in, pdf_text
from workreport.tests.report_task_helpers import draft_download

pytestmark = BROWSER_TEST

NEW_ACHIEVEMENT = "브라우저로 고친 실적 확인"
NEW_PERIOD = "11.4~11.29"


def programme(number):
    return ProgramPage.objects.select_related("unit").get(unit__number=number, unit__policy__edition__year=2024)


def change_url(site, page_obj):
    return f"{site}/admin/projects/programpage/{page_obj.pk}/change/"


def test_a_team_lead_edits_their_programme_and_finds_it_in_the_report_and_the_pdf(site, new_page, make_user):
    lead = make_user("teamlead", TEAM_LEAD, person="고설태")
    target = programme("1-1")
    achievement = target.achievements.filter(marker="bullet").order_by("order").first()
    schedule = target.schedule.exclude(ends_on=None).order_by("order").first()

    page = new_page()
    log_in(page, site, "teamlead")
    assert "우리 팀 주요 현안업무" in page.content()
    page.goto(change_url(site, target))
    achievements = page.locator("textarea[name=achievements_text]")
    achievements.fill(achievements.input_value().replace(achievement.text, NEW_ACHIEVEMENT, 1))
    schedule_box = page.locator("textarea[name=schedule_text]")
    schedule_box.fill(schedule_box.input_value().replace(f"{schedule.text} : 10~12월", f"{schedule.text} : {NEW_PERIOD}", 1))
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").count() == 1

    # The HTML report shows both lines as printed.
    page.goto(f"{site}/report/2024/")
    article = page.locator("article#unit-1-1")
    assert NEW_ACHIEVEMENT in article.inner_text()
    line = article.locator("p.item", has_text=schedule.text[:15])
    assert NEW_PERIOD in line.inner_text()

    # The PDF's text too.
    response = draft_download(lambda: page.request.get(f"{site}/report/2024/pdf/"))  # made by the worker
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert NEW_ACHIEVEMENT in text
    assert NEW_PERIOD in text

    # Both changes are in history under the team lead's name ...
    assert AchievementItem.history.filter(id=achievement.pk).latest("history_date").history_user == lead
    assert ScheduleItem.history.filter(id=schedule.pk).latest("history_date").history_user == lead

    # ... and on the auditors' page of changes since the last edition.
    make_user("auditor", AUDITOR)
    audit_page = new_page()
    log_in(audit_page, site, "auditor")
    audit_page.goto(f"{site}/audit/changes/")
    section = audit_page.locator("section.audit-programme", has_text="1-1. AI 행정서비스 연구개발")
    rows = section.locator("tbody tr")
    assert rows.filter(has_text=NEW_ACHIEVEMENT).filter(has_text="teamlead").count() == 1
    assert rows.filter(has_text=NEW_PERIOD).filter(has_text="teamlead").count() == 1  # the period as printed


def test_an_auditor_cannot_save_and_verifies_the_published_pdf(site, new_page, make_user):
    from reports.models import PublishedEdition, ReportEdition
    from workreport.publishing import publish

    publisher = make_user("root", superuser=True)
    published = publish(ReportEdition.objects.get(year=2024), publisher, note="브라우저 테스트")
    make_user("auditor", AUDITOR)
    target = programme("1-1")
    before = ProgramPage.objects.filter(pk=target.pk).values("background", "version").get()

    page = new_page()
    log_in(page, site, "auditor")
    response = page.goto(change_url(site, target))
    assert response.status == 200
    assert page.locator("input[name=_save]").count() == 0
    assert page.locator("input[type=submit]").count() == 0

    # A forged POST with a valid CSRF token is refused by the permission check.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    forged = page.request.post(change_url(site, target), form={
        "csrfmiddlewaretoken": token, "background": "감사가 몰래 바꾼 배경", "goal": "x", "content": "x",
    }, headers={"Referer": change_url(site, target)})
    assert forged.status == 403
    assert ProgramPage.objects.filter(pk=target.pk).values("background", "version").get() == before

    # The published PDF downloads as stored and matches the SHA-256 listed beside it.
    page.goto(f"{site}/report/published/")
    listed = page.locator("code.sha256").first.inner_text().strip()
    assert listed == published.sha256
    with page.expect_download() as download_info:
        page.click("text=PDF 받기")
    downloaded = Path(download_info.value.path()).read_bytes()
    assert hashlib.sha256(downloaded).hexdigest() == listed
    assert PublishedEdition.objects.count() == 1


def test_a_team_lead_cannot_open_another_teams_programme_by_url(site, new_page, make_user):
    make_user("teamlead", TEAM_LEAD, person="고설태")
    other = programme("2-4")

    page = new_page()
    log_in(page, site, "teamlead")
    response = page.goto(change_url(site, other))

    assert response.status == 403
    page.goto(f"{site}/admin/projects/programpage/")
    assert page.locator("#result_list tbody tr").count() == 2


def test_the_year_is_there_again_after_the_browser_tests_flushed_the_database():
    """Runs last in this module: tests after the live-server ones still find the session's 2024."""
    from reports.models import ReportEdition

    assert ReportEdition.objects.filter(year=2024).exists()
    assert ProgramPage.objects.filter(unit__policy__edition__year=2024).count() == 10
