"""Layout filters of the printed report: {% load report_layout %}.

Korean is set word by word in print (CSS word-break: keep-all), which WeasyPrint does
not support; `keep_words` gets the same effect by making each word unbreakable.
"""
from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def keep_words(text):
    """The text with breaks only between words ("디지털 기반 / 과학행정 지원"), HTML-escaped."""
    words = str(text or "").split()
    return format_html_join(" ", '<span class="word">{}</span>', ((word,) for word in words)) or format_html("")
