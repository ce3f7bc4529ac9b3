"""Finance imports a CSV as Korean Excel saves it ("CSV (쉼표로 분리)": CP949, CRLF, no BOM) in a real
browser: the preview reads in report formatting (old → new with separators, 2024. 11. 30.), the
confirm applies it, and the 집행 figures move by exactly what the file says."""
import datetime

from accounts.roles import BUDGET_OFFICER
from budget.models import DetailProgram, ExecutionRecord
from tests.browser import BROWSER_TEST, axe_violations, log_in

pytestmark = BROWSER_TEST

NEW_DAY = datetime.date(2024, 11, 30)


def korean_excel_csv(lines):
    return ("\r\n".join(",".join(cells) for cells in lines) + "\r\n").encode("cp949")


def test_finance_imports_a_cp949_csv_reads_the_preview_in_report_terms_and_confirms(site, new_page, make_user):
    make_user("finance", BUDGET_OFFICER)
    research = DetailProgram.objects.get(name="디지털 정책연구")  # 141,804 / 134,234 on 2024. 10. 18.
    before = ExecutionRecord.objects.get(detail=research, as_of="2024-10-18")
    data = korean_excel_csv([
        ("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액"),
        ("2024", research.name, "2024-11-30", '"200,000"', '"150,000"'),
    ])
    page = new_page()
    log_in(page, site, "finance")
    page.goto(f"{site}/admin/budget/executionrecord/import/")

    page.set_input_files("input[name=import_file]", files=[
        {"name": "집행실적.csv", "mimeType": "text/csv", "buffer": data}])
    page.select_option("select[name=format]", label="csv")
    with page.expect_navigation():
        page.click("input[type=submit]")

    preview = page.locator("table.desk-preview")
    assert "새 항목 1건" in page.locator(".import-summary").inner_text()
    row = preview.locator("tbody tr").first
    assert row.locator("th").inner_text() == "2행"
    cells = row.locator("td").all_inner_texts()
    assert cells[:5] == ["새 항목", "디지털 정책연구", "2024. 11. 30.", "200,000", "150,000"]
    assert axe_violations(page) == []
    assert not ExecutionRecord.objects.filter(detail=research, as_of=NEW_DAY).exists()

    with page.expect_navigation():
        page.click("input[name=confirm]")

    assert "가져오기를 마쳤습니다: 새 항목 1건" in page.locator(".messagelist").inner_text()
    added = ExecutionRecord.objects.get(detail=research, as_of=NEW_DAY)
    assert (added.committed_amount, added.spent_amount) == (200_000, 150_000)
    before.refresh_from_db()
    assert (before.committed_amount, before.spent_amount) == (141_804, 134_234)  # the earlier date stands
