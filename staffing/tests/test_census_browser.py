"""HR records one hire in a real browser (Playwright on Debian's Chromium): the 현원 조사 form opens
with the previous census, one number changes, and only that grade's 과부족 moves, by one."""
import datetime

from accounts.roles import HR_OFFICER
from staffing import figures
from tests.browser import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST

BEFORE = datetime.date(2024, 10, 18)
HIRE_DAY = datetime.date(2024, 11, 1)


def table_on(day):
    return {row.grade: (row.authorised, row.current, row.gap) for row in figures.headcount_table(day)}


def test_hr_records_one_hire_through_the_census_form(site, new_page, make_user):
    make_user("hr", HR_OFFICER)
    page = new_page()
    log_in(page, site, "hr")
    page.goto(f"{site}/admin/staffing/headcountcensus/add/")

    seventh = page.get_by_label("7급 현원")
    assert seventh.input_value() == "1"  # the previous census, 2024. 10. 18.
    page.get_by_label("조사일").fill("2024-11-01")
    seventh.fill("2")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").count() == 1

    before, after = table_on(BEFORE), table_on(HIRE_DAY)
    assert after["7급"] == (2, 2, 0) and before["7급"] == (2, 1, -1)
    assert {grade: row for grade, row in after.items() if grade not in ("7급", "계")} == \
           {grade: row for grade, row in before.items() if grade not in ("7급", "계")}
    assert after["계"] == (45, 46, 1)
    assert figures.total_staff(HIRE_DAY) == figures.total_staff(BEFORE) + 1
