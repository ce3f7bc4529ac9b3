"""Periods of 향후일정, as staff write them, as stored on ScheduleItem and as the report prints them.

The report prints a period in one of these forms (the year is the edition's year, "’25." marks
another year):

    "10~12월"       months, October 1 to December 31
    "~11월"         open start, ends November 30
    "11월"          one month, November 1 to November 30
    "12월~’25.2월"  across the year end, December 1 to February 28 of the next year
    "’25.2월"       one month of the next year
    "11.5~11.7"     days, November 5 to November 7
    "~11.7"         open start, ends November 7
    "11.5"          one day
    "연중", "상시"   words, printed as written; no dates, so never due on the home page
    "11월 중"        printed as written; counts as November (also 초, 말, 상순, 중순, 하순, and
                    "10~12월 중"); "4분기" printed as written, October to December

parse_period also reads the ways staff write the same periods ("10월~12월", "9월~11월",
"10 ~ 12월", "11.5.~11.7.", "11. 5.~11. 7.", "2024.11.5.", "10～12월") and gives back one Period; format_period prints it in the
report's form above, so "10월~12월" is stored and printed as "10~12월" and reads back the same.
"""
import calendar
import datetime
import re
from dataclasses import dataclass

MONTH = "month"
DAY = "day"

# Printed as written: they have no dates.
WORD_PERIODS = ("연중", "상시")
FORMS = "'10~12월', '~11월', '11월', '12월~’25.2월', '11.5~11.7', '~11.7', '연중', '상시', '11월 중', '4분기'"

TILDES = str.maketrans({"∼": "~", "～": "~", "〜": "~", "‐": "-"})
APOSTROPHES = str.maketrans({"'": "’", "‘": "’", "`": "’", "´": "’"})
# One end of a period: an optional year ("’25."), a month, and a day ("11.5.") or "월" or nothing.
POINT = re.compile(
    r"(?:’(?P<year>\d{2})\.?\s*|(?P<full_year>\d{4})\.\s*)?(?P<month>\d{1,2})(?:\.(?P<day>\d{1,2})\.?|(?P<unit>월))?"
)
# Words after months, kept as written: "11월 중", "12월 초", "11월 하순", "10~12월 중".
DURING = re.compile(r"(?P<point>.+?월)\s*(?:중|초|말|초순|상순|중순|하순)")
QUARTER = re.compile(r"(?:’(?P<year>\d{2})\.?\s*)?(?P<quarter>[1-4])\s*/?\s*4?\s*분기")


@dataclass(frozen=True)
class Period:
    """A 향후일정 period: its dates (starts_on None for an open start), whether it counts in months or
    days, and the words when it was written as words ("연중", "11월 중"), printed as written."""

    starts_on: datetime.date | None
    ends_on: datetime.date | None
    precision: str = MONTH
    written: str = ""


def parse_period(text: str, year: int) -> Period:
    """Read a period as staff write it, in the given edition year.

    Raises ValueError with a Korean message for any other text, a month or day that does not
    exist, or an end before the start.
    """
    text = " ".join((text or "").split())
    normal = text.translate(TILDES).translate(APOSTROPHES)
    normal = re.sub(r"(\d)\.\s+(?=\d)", r"\1.", normal)  # "11. 5." as dates are written in prose
    if normal in WORD_PERIODS:
        return Period(None, None, MONTH, written=text)
    during = DURING.fullmatch(normal)
    if during:
        dates = parse_period(during["point"], year)
        if dates.precision != MONTH or dates.starts_on is None:
            raise unreadable(text)
        return Period(dates.starts_on, dates.ends_on, MONTH, written=text)
    quarter = QUARTER.fullmatch(normal)
    if quarter:
        last = read_point(f"’{quarter['year']}.{int(quarter['quarter']) * 3}월" if quarter["year"]
                          else f"{int(quarter['quarter']) * 3}월", year, text)
        first = datetime.date(last.year, last.month - 2, 1)
        return Period(first, last.last_day(), MONTH, written=text)
    if normal.count("~") > 1 or not normal:
        raise unreadable(text)
    start_text, tilde, end_text = normal.rpartition("~")
    if not tilde:
        point = read_point(normal, year, text)
        if point.unit is None and point.day is None:
            raise unreadable(text)
        return Period(point.first_day(), point.last_day(), point.precision)
    return span(start_text.strip(), end_text.strip(), year, text)


def span(start_text: str, end_text: str, year: int, text: str) -> Period:
    end = read_point(end_text, year, text)
    if not start_text:
        if end.unit is None and end.day is None:
            raise unreadable(text)
        return Period(None, end.last_day(), end.precision)
    start = read_point(start_text, year, text)
    if end.day is None and end.unit is None:
        if start.day is None:
            raise unreadable(text)
        end = Point(end.year if end.year_written else start.year, start.month, end.month, None, True, text)
        end.check()
    elif start.year_written and not end.year_written:
        end = Point(start.year, end.month, end.day, end.unit, True, text)
        end.check()
    if (start.day is None) != (end.day is None):
        raise ValueError(f"기간 '{text}'의 시작과 끝을 같은 단위로 적으세요: '10~12월' 또는 '11.5~11.7'.")
    period = Period(start.first_day(), end.last_day(), end.precision)
    if period.ends_on < period.starts_on:
        raise ValueError(
            f"기간 '{text}'의 끝이 시작보다 앞섭니다. 해를 넘기면 '12월~’{(year + 1) % 100:02d}.2월'처럼 끝에 연도를 적으세요."
        )
    return period


@dataclass(frozen=True)
class Point:
    year: int
    month: int
    day: int | None
    unit: str | None
    year_written: bool
    text: str

    @property
    def precision(self) -> str:
        return MONTH if self.day is None else DAY

    def check(self):
        if not 1 <= self.month <= 12:
            raise ValueError(f"기간 '{self.text}'의 {self.month}월은 없는 달입니다.")
        if self.day is not None:
            try:
                datetime.date(self.year, self.month, self.day)
            except ValueError:
                raise ValueError(
                    f"기간 '{self.text}'의 {self.month}월 {self.day}일은 {self.year}년에 없는 날짜입니다."
                ) from None

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day or 1)

    def last_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])


def read_point(point_text: str, year: int, text: str) -> Point:
    match = POINT.fullmatch(point_text.strip())
    if not match:
        raise unreadable(text)
    point_year = year
    if match["year"] or match["full_year"]:
        point_year = int(match["full_year"]) if match["full_year"] else 2000 + int(match["year"])
        if not year - 1 <= point_year <= year + 3:
            raise ValueError(f"기간 '{text}'의 연도 ’{point_year % 100:02d}은(는) {year}년 업무보고의 일정이 아닙니다.")
    day = int(match["day"]) if match["day"] else None
    point = Point(point_year, int(match["month"]), day, match["unit"], bool(match["year"] or match["full_year"]), text)
    point.check()
    return point


def unreadable(text: str) -> ValueError:
    return ValueError(f"기간 '{text}'을(를) 읽을 수 없습니다. 다음처럼 적으세요: {FORMS}")


def format_period(period: Period | None, year: int) -> str:
    """The period as the report prints it in an edition of `year`; "" when there is none
    (a ※ note under a schedule item)."""
    if period is None:
        return ""
    if period.written:
        return period.written
    if period.ends_on is None:
        return ""
    if period.precision == DAY:
        return format_days(period.starts_on, period.ends_on, year)
    return format_months(period.starts_on, period.ends_on, year)


def year_mark(date: datetime.date, year: int) -> str:
    return "" if date.year == year else f"’{date.year % 100:02d}."


def end_mark(starts_on: datetime.date, ends_on: datetime.date, year: int) -> str:
    """The end of a period across a year end names its year whenever the start names another one
    ("’23.12월~’24.1월"): a bare end would be read in the start's year."""
    if starts_on.year == ends_on.year:
        return ""
    return f"’{ends_on.year % 100:02d}." if starts_on.year != year else year_mark(ends_on, year)


def format_months(starts_on, ends_on, year) -> str:
    end = f"{ends_on.month}월"
    if starts_on is None:
        return f"~{year_mark(ends_on, year)}{end}"
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        return f"{year_mark(ends_on, year)}{end}"
    if starts_on.year == ends_on.year:
        return f"{year_mark(starts_on, year)}{starts_on.month}~{end}"
    return f"{year_mark(starts_on, year)}{starts_on.month}월~{end_mark(starts_on, ends_on, year)}{end}"


def format_days(starts_on, ends_on, year) -> str:
    if starts_on is None:
        return f"~{year_mark(ends_on, year)}{ends_on.month}.{ends_on.day}"
    if starts_on == ends_on:
        return f"{year_mark(ends_on, year)}{ends_on.month}.{ends_on.day}"
    start = f"{year_mark(starts_on, year)}{starts_on.month}.{starts_on.day}"
    return f"{start}~{end_mark(starts_on, ends_on, year)}{ends_on.month}.{ends_on.day}"
