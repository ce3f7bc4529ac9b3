"""Publishing in a real browser under the site's Content-Security-Policy (issue 11, part 3's
acceptance): the confirmed 발행 goes at once to the task's page, whose script
(static/js/task_progress.js, no inline script) follows the worker — 대기 중, then 렌더링 중 with the
time running — and, once the file is stored, the list with the success message.

The picture of the page mid-way, at 1280 px, is taken while the worker renders; it is written to
docs/screenshots/publish-progress.png when SAVE_SCREENSHOTS=1 is set, else into the test's tmp folder.
"""
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from accounts.roles import HR_OFFICER, PUBLISHER
from reports.models import PublishedEdition
from reports.tests.test_background_import_browser import WATCH as WATCH_CSP
from tests.browser import BROWSER_TEST, axe_violations, log_in
from workreport import publishing, rendering
from workreport.tests.report_task_helpers import run_worker

pytestmark = BROWSER_TEST

SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "screenshots" / "publish-progress.png"


def test_a_publisher_follows_the_publication_from_its_progress_page_to_the_list(
        site, new_page, make_user, monkeypatch, tmp_path):
    make_user("publisher", PUBLISHER, HR_OFFICER)
    from playwright.sync_api import expect  # only browser tests need it (conftest's browser fixture)

    page = new_page(width=1280, height=800)
    page.add_init_script(WATCH_CSP)
    log_in(page, site, "publisher")
    page.goto(f"{site}/report/published/")
    page.fill("#publish-note", "감사 제출본")
    with page.expect_navigation():
        page.get_by_role("button", name="바뀐 내용 확인").click()
    with page.expect_navigation():
        page.get_by_role("button", name="제1판 발행").click()

    assert "/report/published/task/" in page.url  # answered at once: the worker publishes
    assert page.locator('[data-step="queued"]').get_attribute("aria-current") == "step"
    assert "저절로" in page.locator("[data-task-hint]").inner_text()  # the script took over
    assert not PublishedEdition.objects.exists()

    seen = {}
    render = rendering.build_report_pdf

    def render_while_the_page_watches(edition, unit=None, *, stamp=None):
        # the worker has begun: the page, polling, marks 렌더링 중 and counts the time
        page.wait_for_selector('[data-step="rendering"][data-state="current"]', timeout=15_000)
        expect(page.locator("[data-task-elapsed-text]")).not_to_have_text(re.compile(r"^[0-2]초$"), timeout=10_000)
        seen["message"] = page.locator("[data-task-message]").inner_text()
        seen["done"] = page.locator('[data-step="queued"]').get_attribute("data-state")
        seen["axe"] = axe_violations(page)
        page.screenshot(path=str(tmp_path / SCREENSHOT.name))
        return render(edition, unit, stamp=stamp)

    monkeypatch.setattr("workreport.rendering.build_report_pdf", render_while_the_page_watches)
    run_worker()
    page.wait_for_url(f"{site}/report/published/", timeout=30_000)

    assert seen["message"].startswith("렌더링 중…") and seen["done"] == "done" and seen["axe"] == []
    published = PublishedEdition.objects.get()
    assert published.note == "감사 제출본" and publishing.verify(published)
    assert f"제1판을 발행했습니다. SHA-256 {published.sha256}" in page.locator(".messages").inner_text()
    assert published.sha256 in page.locator("code.sha256").first.inner_text()
    assert page.evaluate("window.__csp || []") == []
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        shutil.copyfile(tmp_path / SCREENSHOT.name, SCREENSHOT)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
