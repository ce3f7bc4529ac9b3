"""Numbers print the way the 2024 report prints them (△ for minus, 순증, "-" for empty cells)."""
import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

from budget.figures import execution_rate
from reports.formatting import NET_NEW, format_amount, format_as_of, format_count, format_date, format_gap, format_rate


@pytest.mark.parametrize("value, printed", [
    (10699686, "10,699,686"),
    (686057, "686,057"),
    (-500285, "△500,285"),
    (-3014, "△3,014"),
    (61, "61"),
    (0, "0"),
    (None, "-"),
])
def test_amount(value, printed):
    assert format_amount(value) == printed


@pytest.mark.parametrize("value, printed", [
    (Decimal("6.9"), "6.9%"),
    (Decimal("-41.1"), "△41.1%"),
    (Decimal("134.8"), "134.8%"),
    (Decimal("-100.0"), "△100.0%"),
    (Decimal("100.0"), "100.0%"),
    (Decimal("0.0"), "0.0%"),
    (Decimal("0"), "0.0%"),
    (NET_NEW, "순증"),
    (None, "-"),
])
def test_rate(value, printed):
    assert format_rate(value) == printed


def test_a_rate_is_rounded_once_by_the_figures_and_printed_as_it_is():
    # 8,065 of 10,000 is 80.65%: the figures' rule (half up) makes it 80.7%, printing rounds nothing
    # again (a second rounding, half to even, printed 80.6%)
    assert format_rate(execution_rate(8065, 10000)) == "80.7%"
    assert format_rate(Decimal("80.65")) == "80.65%"
    assert format_rate(Decimal("-80.65")) == "△80.65%"


def test_as_of_caption():
    assert format_as_of(datetime.date(2024, 10, 18)) == "’24.10.18."
    assert format_as_of(datetime.date(2025, 3, 5)) == "’25.3.5."


def test_a_date_in_text_has_no_leading_zeros():
    assert format_date(datetime.date(2024, 11, 1)) == "2024. 11. 1."


@pytest.mark.parametrize("value, printed", [(1, "+1"), (4, "+4"), (-1, "△1"), (-2, "△2"), (0, "-")])
def test_gap_of_the_headcount_table(value, printed):
    assert format_gap(value) == printed


@pytest.mark.parametrize("value, printed", [(45, "45"), (1, "1"), (1034, "1,034"), (0, "-"), (None, "-")])
def test_headcount_prints_dash_for_zero(value, printed):
    assert format_count(value) == printed


def test_template_filters_print_like_the_functions():
    template = Template(
        "{% load report_format %}{{ a|amount }} {{ r|rate }} {{ n|rate }} {{ g|gap }} {{ c|count }} {{ z|count }} {{ missing|amount }}"
    )
    context = Context({"a": -500285, "r": Decimal("-41.1"), "n": NET_NEW, "g": -1, "c": 45, "z": 0})
    assert template.render(context) == "△500,285 △41.1% 순증 △1 45 - -"
