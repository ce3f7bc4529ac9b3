"""check_report's warnings on a programme page's outline: a - or · line with nothing above it to hang
from, a · line right under a ○ line, and an empty 추진실적 or 향후일정. Warnings, never errors; none for 2024."""
from projects.checks import check_outlines, outline_warnings
from projects.models import AchievementItem, Marker, ProgramPage
from workreport.checks import check_year
from workreport.synthetic import make_synthetic_edition


def page_of(edition, number):
    return ProgramPage.objects.get(unit__policy__edition=edition, unit__number=number)


def set_levels(page, levels):
    """Give 추진실적's lines, in print order, these levels."""
    items = list(page.achievements.order_by("order", "pk"))
    for item, level in zip(items, levels):
        item.level = level
    AchievementItem.objects.bulk_update(items, ["level"])


def warnings_of(edition):
    errors, warnings = check_outlines(edition)
    assert errors == []
    return warnings


def test_2024_gives_no_outline_warning(edition):
    assert warnings_of(edition) == []


def test_a_level_2_first_line_has_no_level_1_line_above_it(edition):
    page = page_of(edition, "1-1")
    set_levels(page, [2])

    assert warnings_of(edition) == [
        "주요 현안업무 1-1. AI 행정서비스 연구개발: 추진실적 1번째 항목 'AI 기반 행정 서비스 모델 개발 등…' 위에 1단계 줄이 없습니다",
    ]  # the level-2 lines under it miss the same line: one warning


def test_a_note_outside_the_levels_is_no_parent(edition):
    page = page_of(edition, "2-4")  # five lines: four ○ and a level-0 ※ note
    AchievementItem.objects.filter(page=page).update(order=10)
    AchievementItem.objects.create(page=page, order=0, level=0, marker=Marker.NOTE, text="참고 사항")
    AchievementItem.objects.create(page=page, order=1, level=2, text="하위 항목")

    assert warnings_of(edition) == [
        "주요 현안업무 2-4. 서울스마트시티센터 운영: 추진실적 2번째 항목 '하위 항목' 위에 1단계 줄이 없습니다",
    ]


def test_each_shallower_line_without_a_parent_is_named(edition):
    set_levels(page_of(edition, "1-2"), [3, 2, 2, 1])  # the second level-2 line adds nothing

    warnings = warnings_of(edition)

    assert len(warnings) == 2
    assert "추진실적 1번째 항목 '공공데이터 분석 역량 제고 : 서울시…' 위에 1·2단계 줄이 없습니다" in warnings[0]
    assert "추진실적 2번째 항목 '(디자인씽킹 기반 데이터 분석과 활용…' 위에 1단계 줄이 없습니다" in warnings[1]


def test_a_level_3_line_right_after_a_level_1_line_skips_level_2(edition):
    set_levels(page_of(edition, "1-1"), [1, 3, 2, 3])  # only the second line skips

    assert warnings_of(edition) == [
        "주요 현안업무 1-1. AI 행정서비스 연구개발: 추진실적 2번째 항목 '어르신 디지털상담 챗봇(명칭:어디나문…': "
        "1단계 줄 바로 다음에 3단계 줄이 옵니다(2단계가 빠졌습니다)",
    ]


def test_a_table_line_is_named_as_a_table(edition):
    page = page_of(edition, "1-2")
    table = page.achievements.get(marker=Marker.TABLE)
    page.achievements.exclude(pk=table.pk).delete()

    assert warnings_of(edition) == [
        "주요 현안업무 1-2. 공공데이터 활용·분석 지원: 추진실적 1번째 항목 (표) 위에 1단계 줄이 없습니다",
    ]


def test_the_schedule_is_checked_too(edition):
    page = page_of(edition, "2-1")  # 향후일정: ○, ※ at level 2, ○, ※ at level 2, ○
    page.schedule.order_by("order", "pk").first().delete()

    assert warnings_of(edition) == [
        "주요 현안업무 2-1. 디지털 정책연구: 향후일정 1번째 항목 '(자치구 스마트도시 현황진단) 「서울…' 위에 1단계 줄이 없습니다",
    ]


def test_empty_sections_are_warned_about(edition):
    page_of(edition, "2-7").achievements.all().delete()
    page_of(edition, "2-8").schedule.all().delete()

    assert warnings_of(edition) == [
        "주요 현안업무 2-7. 해외도시 디지털 정책교류: 추진실적이 비어 있습니다",
        "주요 현안업무 2-8. 스마트도시 서비스 개발: 향후일정이 비어 있습니다",
    ]


def test_they_are_warnings_of_check_report(edition):
    page_of(edition, "2-8").schedule.all().delete()

    errors, warnings = check_year(edition)

    assert errors == []
    assert "주요 현안업무 2-8. 스마트도시 서비스 개발: 향후일정이 비어 있습니다" in warnings


def test_the_levels_alone():
    class Line:
        def __init__(self, level, text="줄"):
            self.level, self.text = level, text

    assert outline_warnings([]) == []
    assert outline_warnings([Line(1), Line(2), Line(3), Line(2), Line(1), Line(2)]) == []
    assert outline_warnings([Line(0), Line(1), Line(0), Line(2)]) == []
    assert outline_warnings([Line(2), Line(2), Line(3), Line(1), Line(2)]) == ["1번째 항목 '줄' 위에 1단계 줄이 없습니다"]
    assert outline_warnings([Line(1), Line(0), Line(3)]) == [
        "3번째 항목 '줄': 1단계 줄 바로 다음에 3단계 줄이 옵니다(2단계가 빠졌습니다)",
    ]


def test_the_check_runs_three_queries_whatever_the_number_of_pages(edition, django_assert_num_queries):
    with django_assert_num_queries(3):
        check_outlines(edition)
    synthetic = make_synthetic_edition(edition, 2090, 3)
    assert ProgramPage.objects.filter(unit__policy__edition=synthetic).count() > 10
    with django_assert_num_queries(3):
        check_outlines(synthetic)
