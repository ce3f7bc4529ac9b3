"""Dates as the report and every page print them (reports.formatting.format_date): 2024. 11. 1.,
with the time as 2024. 11. 1. 14:05. Django's own Korean formats ("2024년 11월 1일 12:00 오전")
would put a second spelling on every admin list, history page and third-party screen.

A date typed into a form may be 2024-11-01 (what the browser's date field sends) or 2024. 11. 1.;
inputs show the ISO form, which every date picker reads."""

DATE_FORMAT = "Y. n. j."
DATETIME_FORMAT = "Y. n. j. H:i"
SHORT_DATE_FORMAT = "Y. n. j."
SHORT_DATETIME_FORMAT = "Y. n. j. H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "n월 j일"
YEAR_MONTH_FORMAT = "Y년 n월"

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2024-11-01: the first is how an input shows a date
    "%Y. %m. %d.",  # 2024. 11. 1.
    "%Y. %m. %d",
    "%Y.%m.%d.",
    "%Y.%m.%d",
    "%Y/%m/%d",
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y. %m. %d. %H:%M",
    "%Y-%m-%d",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 0  # 일요일
