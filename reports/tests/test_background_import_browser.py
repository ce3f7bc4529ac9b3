"""A large import in a real browser, under the site's Content-Security-Policy: the page shows the
task's progress, its script (static/js/task_progress.js, no inline script) polls the status
while the worker runs, and the page then shows the preview in place; the confirm goes the same way."""
import pytest

from accounts.roles import BUDGET_OFFICER
from budget.models import ExecutionRecord
from reports.spreadsheets import XLSX
from reports.tests.background_imports import HEADERS, THRESHOLD, execution_rows, run_worker
from tests.browser import BROWSER_TEST, axe_violations, log_in
from tests.helpers import dataset

pytestmark = BROWSER_TEST

WATCH = """document.addEventListener("securitypolicyviolation", (e) => {
  (window.__csp = window.__csp || []).push(`${e.effectiveDirective} ${e.blockedURI || "inline"}`);
});"""


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.DESK_IMPORT_BACKGROUND_ROWS = THRESHOLD
    settings.DESK_IMPORT_UPLOAD_DIR = tmp_path / "uploads"


def test_the_page_follows_the_task_and_swaps_in_the_preview_then_the_import(site, new_page, make_user):
    make_user("finance", BUDGET_OFFICER)
    rows = execution_rows(THRESHOLD + 3)
    before = ExecutionRecord.objects.count()
    page = new_page()
    page.add_init_script(WATCH)
    log_in(page, site, "finance")
    page.goto(f"{site}/admin/budget/executionrecord/import/")
    page.set_input_files("input[name=import_file]", files=[
        {"name": "집행.xlsx", "mimeType": XLSX.CONTENT_TYPE, "buffer": XLSX().export_data(dataset(HEADERS, *rows))}])
    with page.expect_navigation():
        page.click("input[type=submit]")

    assert "/import/task/" in page.url
    assert "차례를 기다리는 중" in page.locator(".import-task-message").inner_text()
    assert "저절로" in page.locator(".import-task-reload").inner_text()  # the script took over
    assert axe_violations(page) == []

    run_worker()
    page.wait_for_selector("table.desk-preview", timeout=15_000)  # swapped in by the script's reload

    assert f"새 항목 {len(rows)}건" in page.locator(".import-summary").inner_text()
    with page.expect_navigation():
        page.click("input[name=confirm]")
    assert "을(를) 가져옵니다" in page.content()
    run_worker()
    page.wait_for_selector("text=가져왔습니다", timeout=15_000)

    assert ExecutionRecord.objects.count() == before + len(rows)
    assert page.evaluate("window.__csp || []") == []
