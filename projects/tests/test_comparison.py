"""신구대조 selectors (projects.comparison): two texts aligned line by line, then word by word; a
page's texts now, at a published moment and in the previous year; a fixed number of queries."""
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from projects.comparison import (
    Segment, compare_texts, page_comparisons, page_sections_as_of, page_sections_now, previous_year_page,
    programme_page,
)
from projects.models import AchievementItem, ScheduleItem
from reports.models import PublishedEdition


def test_it_marks_only_the_words_that_changed_in_a_changed_line():
    [row] = compare_texts("○ AI 모델 개발 및 시범 운영", "○ AI 모델 고도화 및 시범 운영 확대")
    assert row.changed
    assert row.old == (Segment("○ AI 모델"), Segment("개발", True), Segment("및 시범 운영"))
    assert row.new == (Segment("○ AI 모델"), Segment("고도화", True), Segment("및 시범 운영"),
                       Segment("확대", True))


def test_equal_lines_stand_side_by_side_unmarked():
    rows = compare_texts("○ 첫 줄\n  - 둘째 줄", "○ 첫 줄\n  - 둘째 줄")
    assert [(row.changed, row.old, row.new) for row in rows] == [
        (False, (Segment("○ 첫 줄"),), (Segment("○ 첫 줄"),)),
        (False, (Segment("- 둘째 줄"),), (Segment("- 둘째 줄"),)),
    ]
    assert [row.new_indent for row in rows] == [0, 2]


def test_a_line_only_on_one_side_stands_beside_nothing():
    rows = compare_texts("○ 남는 줄\n○ 지운 줄", "○ 새 줄\n○ 남는 줄")
    assert [(row.old, row.new) for row in rows] == [
        ((), (Segment("○ 새 줄", True),)),
        ((Segment("○ 남는 줄"),), (Segment("○ 남는 줄"),)),
        ((Segment("○ 지운 줄", True),), ()),
    ]


def test_a_new_line_unlike_the_old_one_is_not_shown_as_it_rewritten():
    rows = compare_texts(
        "○ 연구\n  - 어르신 디지털상담 챗봇 베타 서비스 오픈\n  - AI 영향평가 지표 개발 연구",
        "○ 연구\n  - 서울형 sLM 정식 서비스 오픈(1월)\n  - AI 영향평가 지표 개발 최종 연구",
    )
    assert [(row.old, row.new) for row in rows[1:]] == [
        ((Segment("- 어르신 디지털상담 챗봇 베타 서비스 오픈", True),), ()),
        ((), (Segment("- 서울형 sLM 정식 서비스 오픈(1월)", True),)),
        ((Segment("- AI 영향평가 지표 개발 연구"),),
         (Segment("- AI 영향평가 지표 개발"), Segment("최종", True), Segment("연구"))),
    ]


def test_blank_lines_and_table_cells_are_read_as_the_report_prints_them():
    rows = compare_texts("○ 교육\n\n구분\t교육대상 기관", "○ 교육\n\n구분\t교육대상 기관 추가")
    assert [row.changed for row in rows] == [False, True]
    assert rows[1].new[-1] == Segment("추가", True)
    assert rows[1].old == (Segment("구분 | 교육대상 기관"),)


def test_a_table_cell_of_several_lines_is_compared_line_by_line():
    old = '○ 발간\n\n  완료 (2)\t"펫 스마트라이프 보도(5.29.)\n러브버그 보도(6.19.)"'
    new = '○ 발간\n\n  완료 (3)\t"펫 스마트라이프 보도(5.29.)\n러브버그 보도(6.19.)\n편시타 보도(7.24.)"'
    rows = compare_texts(old, new)
    assert [(row.old, row.new) for row in rows[1:]] == [
        ((Segment("완료"), Segment("(2)", True), Segment("| 펫 스마트라이프 보도(5.29.)")),
         (Segment("완료"), Segment("(3)", True), Segment("| 펫 스마트라이프 보도(5.29.)"))),
        ((Segment("완료"), Segment("(2)", True), Segment("| 러브버그 보도(6.19.)")),
         (Segment("완료"), Segment("(3)", True), Segment("| 러브버그 보도(6.19.)"))),
        ((), (Segment("완료 (3) | 편시타 보도(7.24.)", True),)),
    ]
    assert rows[1].old_indent == 2


def test_the_page_now_has_its_three_sections_as_the_editor_writes_them(edition):
    sections = page_sections_now(programme_page(2024, "1-1"))
    assert sections["overview"].splitlines()[:2] == [
        "(목표) 생성형 AI 기반 공공서비스 개발확산 및 AI 전문인력 양성을 통한 AI 대전환 대응",
        "○ (추진배경) 서울시 AI 활성화를 위한 서비스 개발 요구 증대",
    ]
    assert sections["achievements"].startswith("○ AI 기반 행정 서비스 모델 개발 등 AI 연구\n  - 어르신")
    # periods as the report prints them, by projects.outline.text_of
    assert sections["schedule"].splitlines()[0] == "○ 서울형 sLM 개발 및 생성형 AI 서비스 시범운영 : 10~12월"


def test_the_page_as_of_a_moment_is_read_from_history(edition):
    page = programme_page(2024, "1-1")
    moment = timezone.now()
    item = AchievementItem.objects.filter(page=page).order_by("order", "pk").first()
    item.text = "고친 문장"
    item.save()
    page.goal = "고친 목표"
    page.save()
    ScheduleItem.objects.filter(page=page).order_by("order", "pk").first().delete()

    then = page_sections_as_of(page, moment)
    assert then["achievements"].startswith("○ AI 기반 행정 서비스 모델 개발 등 AI 연구")
    assert then["overview"].startswith("(목표) 생성형 AI 기반")
    assert then["schedule"].count("\n") == 3
    now = page_sections_now(programme_page(2024, "1-1"))
    assert now["achievements"].startswith("○ 고친 문장") and now["schedule"].count("\n") == 2


def test_a_page_before_it_existed_has_no_text(edition):
    page = programme_page(2024, "1-1")
    assert page_sections_as_of(page, page.history.earliest().history_date.replace(year=2000)) is None


def test_no_previous_year_page_in_the_first_year(edition):
    assert previous_year_page(programme_page(2024, "1-1")) is None


def test_both_comparisons_of_a_page_never_published_take_six_queries(edition, django_assert_num_queries):
    page = programme_page(2024, "2-8")
    with django_assert_num_queries(6):
        published, previous = page_comparisons(page)
    assert published.missing == "2024년 업무보고는 발행된 적이 없습니다."
    assert previous.missing == "전년도 업무보고에 같은 사업이 없습니다(2023년 2-8)."


@pytest.mark.parametrize("number", ["1-1", "1-2", "2-8"])
def test_both_comparisons_take_a_fixed_number_of_queries_whatever_the_page(stand_in_publication, number,
                                                                           django_assert_num_queries):
    from workreport.rollover import open_next_edition

    page = programme_page(2024, number)
    # the lines now (4), the publication (1), the page and its lines then (5), last year's page (1)
    with django_assert_num_queries(11):
        published, previous = page_comparisons(page)
    assert published.sections and not published.changed and previous.missing

    open_next_edition(stand_in_publication.edition)
    page = programme_page(2025, number)
    # 2025's pages start without 추진실적, so no table rows to read for them
    with django_assert_num_queries(9):
        published, previous = page_comparisons(page)
    assert published.missing == "2025년 업무보고는 발행된 적이 없습니다."  # 2024's publication is not 2025's
    assert previous.sections and previous.changed

    AchievementItem.objects.create(page=page, order=1, level=1, text="2025년 첫 줄")
    published_2025 = PublishedEdition(edition=page.unit.policy.edition, sha256="b" * 64, size=8,
                                      published_by=stand_in_publication.published_by)
    published_2025.file.save("published/stand-in-2025.pdf", ContentFile(b"%PDF-1.7"))
    page = programme_page(2025, number)
    # everything: lines now (4), publication (1), then (5), last year's page (1) and its lines (4)
    with django_assert_num_queries(15):
        published, previous = page_comparisons(page)
    assert published.sections and previous.sections
