"""Template filters that print report figures: {% load report_format %} then |amount, |rate, |gap, |count.

They only format; every figure comes from budget.figures or staffing.figures.
An empty string (a missing context variable) prints "-" instead of failing the page.
"""
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

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


@register.filter(needs_autoescape=True)
def keep_words(value, autoescape=True):
    """Korean set word by word in the PDF: each word (어절) escaped and kept on one line.

    WeasyPrint has no `word-break: keep-all`, so narrow boxes would otherwise break
    between syllables ("클라/우드"). Spaces stay real spaces, so text extraction is unchanged.
    """
    escape = conditional_escape if autoescape else str
    words = str(value).split()
    return mark_safe(" ".join(f'<span class="w">{escape(word)}</span>' for word in words))
