"""Template helpers of the report cycle: which transitions a user may make on a part, and the
links from a part to where it is read (its page, its 신구대조, its desk page)."""
from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from workreport import review
from workreport.models import Desk

register = template.Library()

DESK_PAGES = {Desk.STAFFING: ("staffing:headcount", "인력 화면"), Desk.BUDGET: ("budget:summary", "예산 화면"),
              Desk.EXECUTION: ("budget:execution", "집행 화면")}


@register.simple_tag(takes_context=True)
def actions_for(context, part):
    return review.allowed_actions(context["request"].user, part)


@register.simple_tag
def part_links(part):
    """Links to read a part: a page's preview sheet and 신구대조, a desk section's page."""
    if part.desk:
        name, label = DESK_PAGES[part.desk]
        return format_html('<a href="{}">{}</a>', reverse(name), label)
    year, number = part.round.edition.year, part.page.unit.number
    links = [(reverse("workreport:report_preview", args=[year]) + f"#unit-{number}", "보고서에서 보기"),
             (reverse("workreport:compare_page", args=[year, number]), "신구대조")]
    return format_html_join(" · ", '<a href="{}">{}</a>', links)
