"""Periods of 향후일정: the printed text is read into dates and printed back unchanged."""
import datetime
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from projects.models import ScheduleItem
from projects.periods import format_period, parse_period

D = datetime.date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10~12월", (D(2024, 10, 1), D(2024, 12, 31), "month")),
        ("1~12월", (D(2024, 1, 1), D(2024, 12, 31), "month")),
        ("~11월", (None, D(2024, 11, 30), "month")),
        ("11월", (D(2024, 11, 1), D(2024, 11, 30), "month")),
        ("2월", (D(2024, 2, 1), D(2024, 2, 29), "month")),
        ("11.5~11.7", (D(2024, 11, 5), D(2024, 11, 7), "day")),
        ("~11.7", (None, D(2024, 11, 7), "day")),
        ("11.5", (D(2024, 11, 5), D(2024, 11, 5), "day")),
    ],
)
def test_printed_period_is_read_as_dates_of_the_edition_year(text, expected):
    assert parse_period(text, 2024) == expected


def test_february_ends_on_the_28th_outside_leap_years():
    assert parse_period("2월", 2025)[1] == D(2025, 2, 28)


def fixture_periods():
    path = Path(settings.BASE_DIR) / "fixtures" / "2024" / "projects.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [item["period"] for page in data["pages"] for item in page["schedule"] if "period" in item]


def test_fixture_holds_every_printed_form():
    assert {"10~12월", "~11월", "11월", "12월", "1~12월", "11.5~11.7", "~12월"} <= set(fixture_periods())


@pytest.mark.parametrize("text", sorted(set(fixture_periods())))
def test_every_fixture_period_prints_back_as_written(text):
    assert format_period(*parse_period(text, 2024)) == text


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "읽을 수 없습니다"),
        ("연중", "읽을 수 없습니다"),
        ("10월~12월", "읽을 수 없습니다"),
        ("11.5~", "읽을 수 없습니다"),
        ("13월", "없는 달"),
        ("2.30", "없는 날짜"),
        ("12~1월", "끝이 시작보다 앞섭니다"),
        ("11.7~11.5", "끝이 시작보다 앞섭니다"),
    ],
)
def test_bad_period_is_refused_with_a_korean_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text, 2024)


def test_no_period_prints_nothing():
    assert format_period(None, None, "month") == ""


def test_schedule_item_prints_its_stored_period():
    item = ScheduleItem(starts_on=D(2024, 11, 5), ends_on=D(2024, 11, 7), precision=ScheduleItem.Precision.DAY)
    assert item.period_label == "11.5~11.7"
    item = ScheduleItem(starts_on=None, ends_on=D(2024, 11, 30), precision=ScheduleItem.Precision.MONTH)
    assert item.period_label == "~11월"
