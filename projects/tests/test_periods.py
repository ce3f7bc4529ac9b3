"""Periods of 향후일정: what staff write is read into dates and printed in the report's one form."""
import datetime
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from projects.models import ProgramPage, ScheduleItem
from projects.periods import DAY, MONTH, Period, format_period, parse_period

D = datetime.date


@pytest.mark.parametrize(
    "text, expected, printed",
    [
        ("10~12월", Period(D(2024, 10, 1), D(2024, 12, 31), MONTH), "10~12월"),
        ("10월~12월", Period(D(2024, 10, 1), D(2024, 12, 31), MONTH), "10~12월"),
        ("9월~11월", Period(D(2024, 9, 1), D(2024, 11, 30), MONTH), "9~11월"),
        ("10 ~ 12월", Period(D(2024, 10, 1), D(2024, 12, 31), MONTH), "10~12월"),
        ("10～12월", Period(D(2024, 10, 1), D(2024, 12, 31), MONTH), "10~12월"),
        ("1~12월", Period(D(2024, 1, 1), D(2024, 12, 31), MONTH), "1~12월"),
        ("~11월", Period(None, D(2024, 11, 30), MONTH), "~11월"),
        ("11월", Period(D(2024, 11, 1), D(2024, 11, 30), MONTH), "11월"),
        ("2월", Period(D(2024, 2, 1), D(2024, 2, 29), MONTH), "2월"),
        ("11.5~11.7", Period(D(2024, 11, 5), D(2024, 11, 7), DAY), "11.5~11.7"),
        ("11.5.~11.7.", Period(D(2024, 11, 5), D(2024, 11, 7), DAY), "11.5~11.7"),
        ("11.5~7", Period(D(2024, 11, 5), D(2024, 11, 7), DAY), "11.5~11.7"),
        ("~11.7", Period(None, D(2024, 11, 7), DAY), "~11.7"),
        ("11.5", Period(D(2024, 11, 5), D(2024, 11, 5), DAY), "11.5"),
        ("’25.2월", Period(D(2025, 2, 1), D(2025, 2, 28), MONTH), "’25.2월"),
        ("'25.2월", Period(D(2025, 2, 1), D(2025, 2, 28), MONTH), "’25.2월"),
        ("12월~’25.2월", Period(D(2024, 12, 1), D(2025, 2, 28), MONTH), "12월~’25.2월"),
        ("12~’25.2월", Period(D(2024, 12, 1), D(2025, 2, 28), MONTH), "12월~’25.2월"),
        ("~’25.2월", Period(None, D(2025, 2, 28), MONTH), "~’25.2월"),
        ("’25.1~3월", Period(D(2025, 1, 1), D(2025, 3, 31), MONTH), "’25.1~3월"),
        ("12.20~’25.1.10", Period(D(2024, 12, 20), D(2025, 1, 10), DAY), "12.20~’25.1.10"),
        ("’23.12월~’24.1월", Period(D(2023, 12, 1), D(2024, 1, 31), MONTH), "’23.12월~’24.1월"),
        ("연중", Period(None, None, MONTH, "연중"), "연중"),
        ("상시", Period(None, None, MONTH, "상시"), "상시"),
        ("11월 중", Period(D(2024, 11, 1), D(2024, 11, 30), MONTH, "11월 중"), "11월 중"),
        ("11월중", Period(D(2024, 11, 1), D(2024, 11, 30), MONTH, "11월중"), "11월중"),
        ("12월 초", Period(D(2024, 12, 1), D(2024, 12, 31), MONTH, "12월 초"), "12월 초"),
        ("11월 하순", Period(D(2024, 11, 1), D(2024, 11, 30), MONTH, "11월 하순"), "11월 하순"),
        ("10~12월 중", Period(D(2024, 10, 1), D(2024, 12, 31), MONTH, "10~12월 중"), "10~12월 중"),
        ("4분기", Period(D(2024, 10, 1), D(2024, 12, 31), MONTH, "4분기"), "4분기"),
        ("’25.1분기", Period(D(2025, 1, 1), D(2025, 3, 31), MONTH, "’25.1분기"), "’25.1분기"),
        ("11. 5.~11. 7.", Period(D(2024, 11, 5), D(2024, 11, 7), DAY), "11.5~11.7"),
        ("2024.11.5.", Period(D(2024, 11, 5), D(2024, 11, 5), DAY), "11.5"),
        ("2025.2월", Period(D(2025, 2, 1), D(2025, 2, 28), MONTH), "’25.2월"),
    ],
)
def test_period_as_staff_write_it_is_read_as_dates_and_printed_in_the_report_form(text, expected, printed):
    period = parse_period(text, 2024)
    assert period == expected
    assert format_period(period, 2024) == printed
    assert parse_period(printed, 2024) == period


def test_february_ends_on_the_28th_outside_leap_years():
    assert parse_period("2월", 2025).ends_on == D(2025, 2, 28)


def fixture_periods():
    path = Path(settings.BASE_DIR) / "fixtures" / "2024" / "projects.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [item["period"] for page in data["pages"] for item in page["schedule"] if "period" in item]


def test_fixture_holds_every_printed_form():
    assert {"10~12월", "~11월", "11월", "12월", "1~12월", "11.5~11.7", "~12월"} <= set(fixture_periods())


@pytest.mark.parametrize("text", sorted(set(fixture_periods())))
def test_every_fixture_period_prints_back_as_written(text):
    assert format_period(parse_period(text, 2024), 2024) == text


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "읽을 수 없습니다"),
        ("abc", "읽을 수 없습니다"),
        ("하반기", "읽을 수 없습니다"),
        ("11.5~", "읽을 수 없습니다"),
        ("10~12", "읽을 수 없습니다"),
        ("13월", "13월은 없는 달입니다"),
        ("2.30", "없는 날짜"),
        ("12~10월", "끝이 시작보다 앞섭니다"),
        ("12~1월", "’25.2월'처럼 끝에 연도를 적으세요"),
        ("11.7~11.5", "끝이 시작보다 앞섭니다"),
        ("10월~11.7", "같은 단위"),
        ("’30.2월", "2024년 업무보고의 일정이 아닙니다"),
        ("’23.12.20~1.10", "끝이 시작보다 앞섭니다"),
    ],
)
def test_bad_period_is_refused_with_a_korean_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text, 2024)


def test_no_period_prints_nothing():
    assert format_period(None, 2024) == ""


def test_schedule_item_prints_its_stored_period_in_its_edition_year(edition):
    item = ScheduleItem.objects.filter(page__unit__policy__edition=edition).first()
    item.period = parse_period("11.5~11.7", 2024)
    assert item.period_label == "11.5~11.7"
    item.period = parse_period("12월~’25.2월", 2024)
    assert item.period_label == "12월~’25.2월"
    item.period = parse_period("연중", 2024)
    assert (item.starts_on, item.ends_on, item.period_label) == (None, None, "연중")


def test_word_period_is_stored_and_printed_as_written(edition):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="2-5")
    item = ScheduleItem(page=page, order=99, text="상시 모니터링")
    item.period = parse_period("상시", 2024)
    item.full_clean()
    item.save()
    item.refresh_from_db()
    assert item.period_label == "상시"
