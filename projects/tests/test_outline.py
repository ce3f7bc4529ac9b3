"""The outline grammar: a section's text and its stored lines are one and the same thing."""
import pytest
from django.core.exceptions import ValidationError

from projects.models import Marker, ProgramPage
from projects.outline import (
    ACHIEVEMENTS, OVERVIEW, SCHEDULE, SECTIONS, OutlineLine, parse_section, section_text, stored_lines, text_of,
)
from projects.periods import parse_period

NUMBERS = ["1-1", "1-2", "2-1", "2-2", "2-3", "2-4", "2-5", "2-6", "2-7", "2-8"]


def page(edition, number):
    return ProgramPage.objects.select_related("unit__policy__edition").get(
        unit__policy__edition=edition, unit__number=number)


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("number", NUMBERS)
def test_every_2024_section_reads_back_as_its_stored_lines(edition, number, section):
    programme = page(edition, number)
    text = section_text(programme, section)
    lines = parse_section(section, text, 2024)
    assert lines == stored_lines(programme, section)
    assert text_of(lines, section, 2024) == text


def test_the_text_reads_as_the_report_prints(edition):
    text = section_text(page(edition, "1-2"), ACHIEVEMENTS).splitlines()
    assert text[0] == "○ 공공데이터 분석 역량 제고 : 서울시 직원 대상 교육 3건(완료 1건)"
    assert text[1] == "  - (디자인씽킹 기반 데이터 분석과 활용 교육) 2회 완료, 37명 수료"
    assert text[3].startswith("  * 서울교통공사(128명)")
    assert "  구분\t교육대상 기관" in text
    assert "  ▶ 모집 : 241작품 → 선발 : 60작품 → 수상 : 10작품" in text
    schedule = section_text(page(edition, "2-2"), SCHEDULE).splitlines()
    assert schedule[0] == "○ 심층 분석과제 수행 완료 : 1~12월"
    assert schedule[-1].startswith("※ 2024 서울빅데이터포럼")


def read(section, text):
    return [(line.level, line.marker, line.text) for line in parse_section(section, text, 2024)]


def test_levels_come_from_the_marks_when_the_text_uses_circles():
    text = "○ 가\n- 나\n· 다\n  ※ 라\n※ 마"
    assert read(ACHIEVEMENTS, text) == [
        (1, Marker.BULLET, "가"), (2, Marker.BULLET, "나"), (3, Marker.BULLET, "다"),
        (2, Marker.NOTE, "라"), (0, Marker.NOTE, "마"),
    ]


def test_levels_come_from_indentation_when_every_level_is_a_dash():
    text = "- 가\n - 나\n - ※ 다\n   - 라\n- 마\n  ▶ 바"
    assert read(ACHIEVEMENTS, text) == [
        (1, Marker.BULLET, "가"), (2, Marker.BULLET, "나"), (2, Marker.NOTE, "다"),
        (3, Marker.BULLET, "라"), (1, Marker.BULLET, "마"), (2, Marker.ARROW, "바"),
    ]


def test_korean_keyboard_circle_and_full_width_indent_are_read():
    assert read(ACHIEVEMENTS, "ㅇ 가\n\u3000- 나") == [(1, Marker.BULLET, "가"), (2, Marker.BULLET, "나")]


@pytest.mark.parametrize("typed", ["※ ※ 서울시 본청", "  ※※ 서울시 본청", "- ※ 서울시 본청", "  ※서울시 본청"])
def test_a_mark_typed_twice_is_read_once(typed):
    [(level, marker, text)] = read(ACHIEVEMENTS, "○ 가\n" + typed)[1:]
    assert (marker, text) == (Marker.NOTE, "서울시 본청")


def test_a_mark_alone_blank_lines_and_the_section_heading_are_skipped():
    assert read(ACHIEVEMENTS, "□ 추진실적\n\n○ 가\n  - \n\n  - 나\n") == [(1, Marker.BULLET, "가"), (2, Marker.BULLET, "나")]


def test_tab_separated_lines_are_one_small_table_under_the_line_above():
    text = '○ 성과확산\n\n구분\t내용\n논문게재 (2)\t"첫 논문\n둘째 논문"\n---------\t---\n\n○ 다음'
    lines = parse_section(ACHIEVEMENTS, text, 2024)
    assert lines[1] == OutlineLine(2, Marker.TABLE, rows=(("구분", "내용"), ("논문게재 (2)", "첫 논문\n둘째 논문")))
    assert lines[2].text == "다음"


def test_a_table_row_of_three_cells_or_an_empty_cell_is_refused_at_its_line():
    with pytest.raises(ValidationError) as refused:
        parse_section(ACHIEVEMENTS, "○ 가\n구분\t내용\t비고\n완료\t", 2024)
    assert refused.value.messages == [
        "2번째 줄: 표는 두 칸(구분, 내용)으로 적습니다. 이 줄은 3칸입니다.",
        "3번째 줄: 표의 내용 칸이 비어 있습니다.",
    ]


def test_schedule_lines_end_with_their_period_and_notes_have_none():
    lines = parse_section(SCHEDULE, "○ 해외전시 : SCEWC 2024 서울관 : 11.5.~11.7.\n  ※ 참고 : 사항\n○ 상시 점검 : 상시", 2024)
    assert [(line.text, line.period) for line in lines] == [
        ("해외전시 : SCEWC 2024 서울관", parse_period("11.5~11.7", 2024)),
        ("참고 : 사항", None),
        ("상시 점검", parse_period("상시", 2024)),
    ]


def test_bad_text_is_refused_whole_with_a_korean_message_per_line():
    text = "○ 가 : 10~12월\n○ 나 : 13월\n○ 다\n      · 라 : 11월\n○ 마 : 12~10월\n○ 바 : abc"
    with pytest.raises(ValidationError) as refused:
        parse_section(SCHEDULE, text, 2024)
    assert refused.value.messages == [
        "2번째 줄: 기간 '13월'의 13월은 없는 달입니다.",
        "3번째 줄: 향후일정 줄 끝에 기간을 ' : 10~12월'처럼 적으세요(※ 참고 줄은 기간 없이).",
        "4번째 줄: 향후일정은 2단계까지 적습니다. 들여쓰기를 줄이세요.",
        "5번째 줄: 기간 '12~10월'의 끝이 시작보다 앞섭니다. 해를 넘기면 '12월~’25.2월'처럼 끝에 연도를 적으세요.",
        "6번째 줄: 기간 'abc'을(를) 읽을 수 없습니다. 다음처럼 적으세요: "
        "'10~12월', '~11월', '11월', '12월~’25.2월', '11.5~11.7', '~11.7', '연중', '상시', '11월 중', '4분기'",
    ]


def test_overview_takes_dash_lines_and_notes_only():
    assert read(OVERVIEW, "- (메타버스) 가\n  ※ 나") == [(2, Marker.BULLET, "(메타버스) 가"), (2, Marker.NOTE, "나")]
    with pytest.raises(ValidationError, match="1번째 줄: 사업내용 세부 항목에는 '▶' 줄을 쓸 수 없습니다"):
        parse_section(OVERVIEW, "▶ 가", 2024)
    with pytest.raises(ValidationError, match="2번째 줄: 사업내용 세부 항목에는 표를 쓸 수 없습니다"):
        parse_section(OVERVIEW, "- 가\n구분\t내용", 2024)


@pytest.mark.parametrize("content", ['"스마트 서울" 선포', '27" 모니터', '끝에 따옴표"', '"', 'a\tb', '첫 줄\n"둘째" 줄'])
def test_a_table_cell_with_quotes_tabs_or_line_breaks_reads_back_as_it_was(content):
    lines = [OutlineLine(1, Marker.BULLET, "가"), OutlineLine(2, Marker.TABLE, rows=(("구분", content), ("기간", "3개월"))),
             OutlineLine(1, Marker.BULLET, "마지막 줄")]
    text = text_of(lines, ACHIEVEMENTS, 2024)
    assert parse_section(ACHIEVEMENTS, text, 2024) == lines


def test_a_quote_inside_a_pasted_cell_is_just_a_quote():
    lines = parse_section(ACHIEVEMENTS, '○ 가\n모니터\t27" 화면\n기간\t3개월\n○ 나', 2024)
    assert [line.rows for line in lines if line.rows] == [(("모니터", '27" 화면'), ("기간", "3개월"))]
    assert lines[-1].text == "나"


def test_any_leading_whitespace_indents():
    assert read(ACHIEVEMENTS, "- 가\n\xa0- 나\n\xa0\xa0- 다") == [
        (1, Marker.BULLET, "가"), (2, Marker.BULLET, "나"), (3, Marker.BULLET, "다")]


def every_kind_of_line(section):
    """Every line the models accept in a section, with texts that look like marks, periods or cells."""
    texts = ["가나다", "-3% 감소", "(추진) 10.24.~25. 완료 : 2건", "끝에 콜론 :", "A·B", "○동그라미", "·가운뎃점"]
    levels = {OVERVIEW: [2], ACHIEVEMENTS: [1, 2, 3], SCHEDULE: [1, 2]}[section]
    kinds = {OVERVIEW: [Marker.BULLET, Marker.NOTE], ACHIEVEMENTS: [Marker.BULLET, Marker.NOTE, Marker.ARROW, Marker.FOOTNOTE],
             SCHEDULE: [Marker.BULLET, Marker.NOTE]}[section]
    for text in texts:
        for level in levels:
            for kind in kinds:
                period = parse_period("12월~’25.2월", 2024) if section == SCHEDULE and kind == Marker.BULLET else None
                yield OutlineLine(level, kind, text, period=period)
    if section != OVERVIEW:
        yield OutlineLine(0, Marker.NOTE, "본문 밖 참고")


@pytest.mark.parametrize("section", SECTIONS)
def test_every_line_the_models_accept_reads_back_after_a_heading(section):
    heading = [OutlineLine(2 if section == OVERVIEW else 1, Marker.BULLET, "첫 줄",
                           period=parse_period("10~12월", 2024) if section == SCHEDULE else None)]
    for line in every_kind_of_line(section):
        lines = heading + [line]
        assert parse_section(section, text_of(lines, section, 2024), 2024) == lines, line


def test_a_mark_written_by_enter_before_a_pasted_line_or_table_is_read_once():
    lines = parse_section(ACHIEVEMENTS, "○ 가\n  - - 한글에서 복사한 항목\n  - 구분\t내용\n완료 (2)\tA, B", 2024)
    assert [(line.level, line.marker, line.text, line.rows) for line in lines] == [
        (1, Marker.BULLET, "가", ()), (2, Marker.BULLET, "한글에서 복사한 항목", ()),
        (2, Marker.TABLE, "", (("구분", "내용"), ("완료 (2)", "A, B")))]
