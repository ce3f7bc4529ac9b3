"""The programme page editor in a real browser (Playwright on Debian's Chromium): a team lead pastes
a section from the 2024 document, types a line with the keyboard only, sees the printed page redrawn
and their mistakes marked at their line; axe-core finds no critical violation on the editor or the
home page, at 1280 and 390 px."""
import re

import pytest

from accounts.roles import TEAM_LEAD
from projects.models import ProgramPage
from projects.tests.test_outline_paste import seed_section
from projects.outline import ACHIEVEMENTS
from tests.browser import BROWSER_TEST, axe_violations, log_in, pdf_text
from workreport.tests.report_task_helpers import draft_download

pytestmark = BROWSER_TEST


def programme(number):
    return ProgramPage.objects.select_related("unit").get(unit__number=number, unit__policy__edition__year=2024)


def edit_url(site, page_obj):
    return f"{site}/admin/projects/programpage/{page_obj.pk}/change/"


def preview_frame(page):
    return page.frame_locator("iframe.outline-preview-frame")


def unit_pdf_text(page, site, number):
    response = draft_download(lambda: page.request.get(f"{site}/report/2024/unit/{number}/pdf/"))
    assert response.status == 200
    text = re.sub(r"\s+", "", pdf_text(response.body()))
    return re.sub(r"초안·[^·]*작성·발행본아님", "", text)  # the draft's moment, on every page, is not the text


def test_a_team_lead_pastes_the_2024_achievements_of_2_2_and_the_pdf_reads_as_before(site, new_page, make_user):
    make_user("lead22", TEAM_LEAD, person="박지혜")  # 스마트정책팀장: 2-1, 2-2
    target = programme("2-2")
    page = new_page()
    log_in(page, site, "lead22")
    before = unit_pdf_text(page, site, "2-2")
    page.goto(edit_url(site, target))

    box = page.locator("textarea[name=achievements_text]")
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(seed_section("2-2", ACHIEVEMENTS))  # what a paste puts in the box

    sheet = preview_frame(page)
    sheet.locator("table.small-table th.row-label", has_text="추가 접수 (3)").wait_for()
    assert sheet.locator("p.item.level-1").filter(has_text="데이터 이슈브리프 기획·작성").count() == 1
    assert page.locator("ul.outline-errors li").count() == 0
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").count() == 1

    # The seed's text runs the lines of a table cell together: compared without spaces, as read.
    assert unit_pdf_text(page, site, "2-2") == before


def focus_save_button(page):
    """Walk the focus back with the keyboard to a 저장 button; an outline box lets Tab go after Escape."""
    for _ in range(60):
        if page.evaluate("document.activeElement.name") == "_save":
            return
        if page.evaluate("document.activeElement.classList.contains('outline-text')"):
            page.keyboard.press("Escape")
        page.keyboard.press("Shift+Tab")
    raise AssertionError("저장 단추에 키보드로 닿지 못했습니다")


def test_keyboard_only_a_line_typed_after_a_line_in_the_middle_prints_in_its_place(site, new_page, make_user):
    make_user("teamlead", TEAM_LEAD, person="고설태")
    target = programme("1-1")
    page = new_page()
    log_in(page, site, "teamlead")
    page.goto(edit_url(site, target))

    box = page.locator("textarea[name=achievements_text]")
    box.click()  # the one click
    page.keyboard.press("Control+Home")
    # Down to the 4th line, "  - sLM 기반 업무지원 서비스 프로토타입 시범 운영" (lines above it wrap on
    # screen, so the arrow is pressed until the caret is there), then to its end.
    for _ in range(10):
        if box.evaluate("b => b.value.slice(0, b.selectionStart).split('\\n').length") == 4:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("End")
    page.keyboard.press("Enter")  # a new line at the same level, its mark written
    page.keyboard.press("Tab")  # one level down …
    page.keyboard.press("Shift+Tab")  # … and back
    page.keyboard.type("키보드로 적은 2단계 실적")
    focus_save_button(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".messagelist .success").count() == 1

    lines = [(item.level, item.text) for item in target.achievements.order_by("order")]
    assert lines[3:5] == [(2, "sLM 기반 업무지원 서비스 프로토타입 시범 운영"), (2, "키보드로 적은 2단계 실적")]
    page.goto(f"{site}/report/2024/")
    printed = page.locator("article#unit-1-1 p.item").all_inner_texts()
    at = printed.index("-sLM 기반 업무지원 서비스 프로토타입 시범 운영")
    assert printed[at + 1] == "-키보드로 적은 2단계 실적"


def test_a_bad_period_is_marked_at_its_line_while_typing_and_refused_on_save(site, new_page, make_user):
    make_user("teamlead", TEAM_LEAD, person="고설태")
    target = programme("1-1")
    page = new_page()
    log_in(page, site, "teamlead")
    page.goto(edit_url(site, target))

    box = page.locator("textarea[name=schedule_text]")
    box.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("성과 공유회 : 13월")
    error = page.locator("ul.outline-errors li", has_text="5번째 줄")
    error.wait_for()
    assert "13월은 없는 달입니다" in error.inner_text()
    assert page.locator(".outline-backdrop mark").inner_text().startswith("○ 성과 공유회 : 13월")

    with page.expect_navigation():
        page.click("input[name=_save]")
    assert "13월은 없는 달입니다" in page.locator(".errorlist").first.inner_text()
    assert box.input_value().endswith("○ 성과 공유회 : 13월")
    assert target.schedule.count() == 4


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_critical_violation_on_the_editor_and_the_home_page(site, new_page, make_user, width):
    make_user("teamlead", TEAM_LEAD, person="고설태")
    page = new_page(width=width)
    log_in(page, site, "teamlead")
    assert axe_violations(page) == []
    page.goto(edit_url(site, programme("1-1")))
    preview_frame(page).locator("article.programme").wait_for()
    assert axe_violations(page) == []


def test_tabbing_through_the_form_moves_on_and_changes_no_text(site, new_page, make_user):
    make_user("teamlead", TEAM_LEAD, person="고설태")
    page = new_page()
    log_in(page, site, "teamlead")
    page.goto(edit_url(site, programme("1-2")))
    boxes = page.locator("textarea.outline-text")
    before = [boxes.nth(i).input_value() for i in range(3)]

    page.locator("textarea[name=content]").focus()
    visited = []
    for _ in range(6):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.name"))

    assert {"overview_text", "achievements_text", "schedule_text"} <= set(visited)
    assert [boxes.nth(i).input_value() for i in range(3)] == before


def test_pasting_after_the_mark_enter_wrote_keeps_the_pasted_marks(site, new_page, make_user):
    make_user("teamlead", TEAM_LEAD, person="고설태")
    page = new_page()
    log_in(page, site, "teamlead")
    page.goto(edit_url(site, programme("1-2")))
    box = page.locator("textarea[name=achievements_text]")
    box.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")  # "  - " written for the next line
    box.evaluate("""(b, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        b.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""", "구분\t내용\n완료 (2)\tA, B")

    assert box.input_value().endswith("\n구분\t내용\n완료 (2)\tA, B")
    header = preview_frame(page).locator("table.small-table thead th", has_text="구분")
    header.wait_for()
