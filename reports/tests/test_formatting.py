"""Numbers print the way the 2024 report prints them (△ for minus, 순증, "-" for empty cells)."""
from decimal import Decimal

import pytest
from django.template import Context, Template

from reports.formatting import NET_NEW, format_amount, format_count, format_gap, format_rate


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
