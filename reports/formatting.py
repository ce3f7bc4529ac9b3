"""How the report prints numbers and dates: 천원 amounts, rates, 과부족, headcounts, 기준일.

Pure functions, no database. Korean public finance writes a minus as △ (△500,285),
a rate whose prior year is 0 as 순증, and an empty cell as "-".
"""
from decimal import Decimal

from django.utils import timezone

NET_NEW = "순증"
"""The rate of a line whose prior-year amount is 0: the change is 'net new', no rate exists."""

MINUS = "△"
EMPTY = "-"
ONE_DECIMAL = Decimal("0.1")


def _signed(number, text):
    return f"{MINUS}{text}" if number < 0 else text


def format_amount(n):
    """An amount in 천원 as printed in the budget tables: 10,699,686; △500,285; 0; None → "-".

    None means "no amount" (a 명시이월 line printed "-"), which is not the same as 0.
    """
    if n is None:
        return EMPTY
    return _signed(n, f"{abs(int(n)):,}")


def format_rate(r):
    """A rate (증감률, 집행률) and a % sign: 6.9%; △41.1%; 0.0%; 순증; None → "-".

    The rate is rounded once, by the figures module (one decimal, half up); this only prints it,
    digit for digit: a whole number gets its ".0", nothing is ever rounded here.
    """
    if r is None:
        return EMPTY
    if r == NET_NEW:
        return NET_NEW
    rate = Decimal(r)
    if rate.as_tuple().exponent > -1:
        rate = rate.quantize(ONE_DECIMAL)  # 7 → 7.0: exact, adds a digit and rounds nothing
    return _signed(rate, f"{abs(rate)}%")


def format_gap(n):
    """A 과부족 (현원 − 정원) of the 인력 table: surplus +1, shortage △1, none "-"."""
    if not n:
        return EMPTY
    return f"+{n:,}" if n > 0 else f"{MINUS}{abs(n):,}"


def format_count(n):
    """A headcount of the 인력 table: 45; zero (or unknown) prints "-" as the report does."""
    if not n:
        return EMPTY
    return _signed(n, f"{abs(int(n)):,}")


def format_as_of(date) -> str:
    """기준일 as the report's table captions print it: 2024-10-18 → "’24.10.18."."""
    return f"’{date:%y}.{date.month}.{date.day}."


def format_date(date) -> str:
    """A date as a person reads it in text, lists and messages: 2024-11-01 → "2024. 11. 1."."""
    return f"{date.year}. {date.month}. {date.day}."


def format_moment(moment) -> str:
    """A moment (a saved change) in local time: "2024. 11. 1. 14:05"."""
    moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{format_date(moment)} {moment:%H:%M}"
