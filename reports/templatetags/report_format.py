"""Template filters that print report figures: {% load report_format %} then |amount, |rate, |gap, |count;
and |balanced, which evens the lines of a short text in a narrow box.

They only format; every figure comes from budget.figures or staffing.figures.
An empty string (a missing context variable) prints "-" instead of failing the page.
"""
import math

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from reports import formatting
from reports.glyphs import text_width_em

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


def balanced_break(words: list[str], line_em: float, bold: bool = False) -> list[list[str]]:
    """The words in as few lines as fit line_em (or the widest word), the longest line as short as can be."""
    def width(line):
        return text_width_em(" ".join(line), bold)

    line_em = max(line_em, *(width([word]) for word in words))
    count = max(1, math.ceil(width(words) / line_em - 1e-9))
    best = None

    def widths(lines):
        return [width(line) for line in lines]

    def split(rest, lines_left):
        if lines_left == 1:
            yield [rest]
            return
        for cut in range(1, len(rest) - lines_left + 2):
            for tail in split(rest[cut:], lines_left - 1):
                yield [rest[:cut], *tail]

    for lines_count in range(count, len(words) + 1):
        for lines in split(words, lines_count):
            line_widths = widths(lines)
            longest = max(line_widths)
            if longest > line_em:
                continue
            mean = sum(line_widths) / len(line_widths)
            key = (round(longest, 3), sum((w - mean) ** 2 for w in line_widths))
            if best is None or key < best[0]:
                best = (key, lines)
        if best:
            return best[1]
    return [[word] for word in words]


@register.filter(needs_autoescape=True)
def balanced(value, line_em="8", autoescape=True):
    """A short text of a narrow box (the strategy diagram) broken into lines of even length, so
    that no line holds a single word ("지원") under a full one. line_em: the box's width in em of
    its font size, "8b" for bold text."""
    escape = conditional_escape if autoescape else str
    words = str(value).split()
    if len(words) < 2 or len(words) > 12:
        return escape(value)
    line_em = str(line_em)
    lines = balanced_break(words, float(line_em.rstrip("b")), bold=line_em.endswith("b"))
    return mark_safe("<br>".join(escape(" ".join(line)) for line in lines))
