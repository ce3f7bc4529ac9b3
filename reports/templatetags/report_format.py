"""Template filters that print report figures: {% load report_format %} then |amount, |rate, |gap, |count.

They only format; every figure comes from budget.figures or staffing.figures.
An empty string (a missing context variable) prints "-" instead of failing the page.
"""
from django import template

from reports import formatting

register = template.Library()


def _blank_as_none(value):
    return None if value == "" else value


@register.filter
def amount(value):
    """천원 amount: 10,699,686 / △500,285 / "-" for None."""
    return formatting.format_amount(_blank_as_none(value))


@register.filter
def rate(value):
    """Rate with one decimal: 6.9% / △41.1% / 순증 / "-" for None."""
    return formatting.format_rate(_blank_as_none(value))


@register.filter
def gap(value):
    """과부족: +1 / △1 / "-" for 0."""
    return formatting.format_gap(_blank_as_none(value))


@register.filter
def count(value):
    """Headcount: 45 / "-" for 0."""
    return formatting.format_count(_blank_as_none(value))
