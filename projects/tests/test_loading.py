"""The 2024 strategy and 주요 현안업무 pages, as loaded by load_report 2024, read like the printed report."""
import datetime
import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError

from projects import loading
from projects.models import AchievementItem, ProgramPage, Strategy

NUMBERS = ["1-1", "1-2", "2-1", "2-2", "2-3", "2-4", "2-5", "2-6", "2-7", "2-8"]

# Lines of 추진실적 (a table counts once) and of 향후일정 (※ notes included), counted in the text.
ACHIEVEMENT_COUNTS = {"1-1": 15, "1-2": 11, "2-1": 11, "2-2": 6, "2-3": 10,
                      "2-4": 5, "2-5": 9, "2-6": 11, "2-7": 10, "2-8": 8}
SCHEDULE_COUNTS = {"1-1": 4, "1-2": 3, "2-1": 5, "2-2": 4, "2-3": 2,
                   "2-4": 4, "2-5": 3, "2-6": 2, "2-7": 2, "2-8": 1}


def page(edition, number):
    return ProgramPage.objects.get(unit__policy__edition=edition, unit__number=number)


def fixture_page(number):
    path = Path(settings.BASE_DIR) / "fixtures" / "2024" / "projects.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return next(p for p in data["pages"] if p["unit"] == number)


def test_ten_pages_in_report_order(edition):
    pages = ProgramPage.objects.filter(unit__policy__edition=edition)
    assert [p.unit.number for p in pages] == NUMBERS


@pytest.mark.parametrize("number", NUMBERS)
def test_every_page_names_director_team_lead_and_officer(edition, number):
    roles = [c.role for c in page(edition, number).contacts.all()]
    assert roles[:2] == ["director", "team_lead"]
    assert roles[2:] and set(roles[2:]) == {"officer"}


def test_one_person_is_director_under_two_titles(edition):
    first = page(edition, "1-1").contacts.get(role="director").post
    second = page(edition, "2-1").contacts.get(role="director").post
    assert (first.person.name, first.title) == ("주성환", "경영혁신실장")
    assert (second.person.name, second.title) == ("주성환", "스마트사업본부장")


def test_page_2_5_has_two_officers_in_printed_order(edition):
    officers = page(edition, "2-5").contacts.filter(role="officer")
    assert [c.post.person.name for c in officers] == ["김종호", "정규정"]


@pytest.mark.parametrize("number", NUMBERS)
def test_achievement_and_schedule_line_counts_match_the_text(edition, number):
    loaded = page(edition, number)
    assert loaded.achievements.count() == ACHIEVEMENT_COUNTS[number]
    assert loaded.schedule.count() == SCHEDULE_COUNTS[number]


def test_data_education_total_is_followed_by_its_footnote(edition):
    lines = list(page(edition, "1-2").achievements.all())
    total = next(i for i, line in enumerate(lines) if "1,034명*" in line.text)
    footnote = lines[total + 1]
    assert footnote.marker == "footnote"
    assert footnote.text.startswith("서울교통공사(128명)")


def test_data_education_total_is_the_sum_of_its_institutions(edition):
    """SEED_NOTES: 1-2 데이터 행정교육 1,034명 = 128 + 55 + 57 + 47 + 729 + 18."""
    lines = list(page(edition, "1-2").achievements.all())
    total_line = next(i for i, line in enumerate(lines) if "1,034명*" in line.text)
    per_institution = [int(n) for n in re.findall(r"\((\d[\d,]*)명", lines[total_line + 1].text)]
    assert per_institution == [128, 55, 57, 47, 729, 18]
    assert sum(per_institution) == 1034


def test_seoul_exhibition_runs_november_5_to_7(edition):
    item = page(edition, "2-5").schedule.get(text__startswith="해외전시")
    assert (item.starts_on, item.ends_on, item.precision) == (
        datetime.date(2024, 11, 5), datetime.date(2024, 11, 7), "day")
    assert item.period_label == "11.5~11.7"


def test_table_cells_keep_one_line_per_paper_and_brief(edition):
    papers = page(edition, "2-1").achievements.get(marker="table").rows.get(label="논문게재 (2)")
    assert len(papers.content.splitlines()) == 2
    briefs = page(edition, "2-2").achievements.filter(marker="table")[1].rows.get(label="완료 (3)")
    assert len(briefs.content.splitlines()) == 3


def test_notes_outside_the_lists_stand_at_level_zero(edition):
    center = page(edition, "2-4").achievements.get(level=0)
    assert center.marker == "note" and center.text.startswith("(10.4 기준)")
    forum = page(edition, "2-2").schedule.get(level=0)
    assert forum.text.startswith("2024 서울빅데이터포럼") and forum.period_label == ""


def test_notes_under_a_schedule_item_have_no_period(edition):
    notes = page(edition, "2-1").schedule.filter(marker="note")
    assert notes.count() == 2
    assert all(n.level == 2 and n.ends_on is None for n in notes)


def test_overview_sub_items_of_2_7_and_2_8(edition):
    assert [i.marker for i in page(edition, "2-7").overview_items.all()] == ["note"]
    assert [i.text[:6] for i in page(edition, "2-8").overview_items.all()] == ["(메타버스)", "(증강현실)"]


def test_extraction_errors_are_fixed(edition):
    texts = list(AchievementItem.objects.values_list("text", flat=True)) + list(
        AchievementItem.objects.values_list("rows__content", flat=True).exclude(rows__content=None))
    assert any("방범순찰 필요지역 분석" in t for t in texts)
    assert not any("방법순찰" in t or "라이프 워크" in t or "라이프워크" in t for t in texts)
    assert any("서울 스마트라이프 위크" in t for t in texts)


def test_budget_line_is_not_stored_as_text(edition):
    assert not AchievementItem.objects.filter(text__contains="373,502").exists()
    assert not ProgramPage.objects.filter(content__contains="천원").exists()


def test_strategy_holds_goals_with_two_tasks_each(edition):
    strategy = Strategy.objects.get(edition=edition)
    assert (strategy.goals_start_year, strategy.goals_end_year) == (2024, 2026)
    assert [v.name for v in strategy.core_values.all()] == ["혁신과 융합", "연결과 미래", "공정과 소통", "책임과 청렴"]
    assert strategy.mid_term_goals.count() == 4
    goals = list(strategy.strategic_goals.all())
    assert [g.tasks.count() for g in goals] == [2, 2, 2, 2]
    assert [t.name for t in goals[2].tasks.all()] == ["디지털 약자 역량 강화", "포용적 디지털 이용환경 조성"]


def reload_page(edition, number, change):
    page(edition, number).delete()
    data = fixture_page(number)
    change(data)
    return loading.load_page(edition, data)


def test_unknown_post_is_refused_naming_the_page(edition):
    def wrong_officer(data):
        data["contacts"][2]["person"] = "홍길동"

    with pytest.raises(ValidationError, match="주요 현안업무 1-1: .*'담당 홍길동' 보직이 없습니다"):
        reload_page(edition, "1-1", wrong_officer)


def test_bad_period_is_refused_naming_the_page(edition):
    def wrong_period(data):
        data["schedule"][0]["period"] = "12~10월"

    with pytest.raises(ValidationError, match="주요 현안업무 1-1: .*끝이 시작보다 앞섭니다"):
        reload_page(edition, "1-1", wrong_period)


def test_schedule_line_without_period_is_refused(edition):
    def no_period(data):
        del data["schedule"][0]["period"]

    with pytest.raises(ValidationError, match="기간\\(period\\)이 없습니다"):
        reload_page(edition, "1-1", no_period)


def test_unknown_unit_number_is_refused(edition):
    def wrong_unit(data):
        data["unit"] = "3-1"

    with pytest.raises(ValidationError, match="번호가 '3-1'인 단위사업이 없습니다"):
        reload_page(edition, "1-1", wrong_unit)
