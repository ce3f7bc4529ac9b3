"""Periods of 향후일정, as printed in the report and as stored on ScheduleItem.

The report prints a period in one of these forms (the year is the edition's year):

    "10~12월"     months, October 1 to December 31
    "~11월"       open start, ends November 30
    "11월"        one month, November 1 to November 30
    "11.5~11.7"   days, November 5 to November 7
    "~11.7"       open start, ends November 7
    "11.5"        one day

parse_period turns the text into (starts_on, ends_on, precision); format_period gives
back exactly the printed text, so what an editor types is what the report prints.
"""
import calendar
import datetime
import re

MONTH = "month"
DAY = "day"

# An optional start and "~", then the end: "10~12월", "~11월", "11월".
MONTH_PATTERN = re.compile(r"(?:(?P<start>\d{1,2})?(?P<tilde>~))?(?P<end>\d{1,2})월")
# The same with month.day: "11.5~11.7", "~11.7", "11.5".
DAY_PATTERN = re.compile(r"(?:(?P<start>\d{1,2}\.\d{1,2})?(?P<tilde>~))?(?P<end>\d{1,2}\.\d{1,2})")

FORMS = "'10~12월', '~11월', '11월', '11.5~11.7', '~11.7', '11.5'"


def parse_period(text: str, year: int):
    """Read a printed period ("10~12월", "~11월", "11월", "11.5~11.7") of the given year.

    Returns (starts_on, ends_on, precision); starts_on is None for an open start ("~11월").
    Raises ValueError with a Korean message for any other text or an end before the start.
    """
    text = (text or "").strip()
    month_match = MONTH_PATTERN.fullmatch(text)
    if month_match:
        return _month_period(month_match, year, text)
    day_match = DAY_PATTERN.fullmatch(text)
    if day_match:
        return _day_period(day_match, year, text)
    raise ValueError(f"기간 '{text}'을(를) 읽을 수 없습니다. 다음 형식으로 적으세요: {FORMS}")


def _month_period(match, year, text):
    end_month = _month(match["end"], text)
    ends_on = datetime.date(year, end_month, calendar.monthrange(year, end_month)[1])
    if match["tilde"] is None:
        starts_on = datetime.date(year, end_month, 1)
    elif match["start"] is None:
        starts_on = None
    else:
        starts_on = datetime.date(year, _month(match["start"], text), 1)
    _check_order(starts_on, ends_on, text)
    return starts_on, ends_on, MONTH


def _day_period(match, year, text):
    ends_on = _date(year, match["end"], text)
    if match["tilde"] is None:
        starts_on = ends_on
    elif match["start"] is None:
        starts_on = None
    else:
        starts_on = _date(year, match["start"], text)
    _check_order(starts_on, ends_on, text)
    return starts_on, ends_on, DAY


def _month(digits, text) -> int:
    month = int(digits)
    if not 1 <= month <= 12:
        raise ValueError(f"기간 '{text}'의 {month}월은 없는 달입니다.")
    return month


def _date(year, month_day, text) -> datetime.date:
    month, day = (int(part) for part in month_day.split("."))
    _month(month, text)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"기간 '{text}'의 {month}월 {day}일은 {year}년에 없는 날짜입니다.") from None


def _check_order(starts_on, ends_on, text):
    if starts_on and ends_on < starts_on:
        raise ValueError(f"기간 '{text}'의 끝이 시작보다 앞섭니다. 해를 넘기는 기간은 적을 수 없습니다.")


def format_period(starts_on, ends_on, precision) -> str:
    """The period as the report prints it; "" when there is none (a ※ note under a schedule item)."""
    if ends_on is None:
        return ""
    if precision == DAY:
        return _format_days(starts_on, ends_on)
    return _format_months(starts_on, ends_on)


def _format_months(starts_on, ends_on) -> str:
    if starts_on is None:
        return f"~{ends_on.month}월"
    if starts_on.month == ends_on.month:
        return f"{ends_on.month}월"
    return f"{starts_on.month}~{ends_on.month}월"


def _format_days(starts_on, ends_on) -> str:
    end = f"{ends_on.month}.{ends_on.day}"
    if starts_on is None:
        return f"~{end}"
    if starts_on == ends_on:
        return end
    return f"{starts_on.month}.{starts_on.day}~{end}"
