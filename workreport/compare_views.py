"""The 신구대조표 of a programme page: on screen, and as an A4 landscape PDF.

Whoever may read the report preview may read these (a login; the page's text is in the report
anyway). The comparisons come from projects.comparison; the PDF is rendered by
workreport.rendering.html_to_pdf, with the report's static-only URL fetcher and fonts.
"""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from projects.comparison import page_comparisons, programme_page, unit_title
from reports.formatting import format_moment
from workreport.rendering import html_to_pdf
from workreport.views import pdf_response


def comparison_context(year: int, number: str) -> dict:
    page = programme_page(year, number)
    if page is None:
        raise Http404(f"{year}년 업무보고에 {number} 주요 현안업무가 없습니다.")
    edition = page.unit.policy.edition
    return {
        "edition": edition,
        "page": page,
        "unit_title": unit_title(page),
        "document_title": f"{edition.year}년 {edition.title} 신구대조표 · {unit_title(page)}",
        "comparisons": page_comparisons(page),
        "made_at": format_moment(timezone.now()),
    }


@login_required
@require_GET
def compare_page(request, year, number):
    context = comparison_context(year, number)
    return render(request, "workreport/compare.html", context)


@login_required
@require_GET
def compare_pdf(request, year, number):
    context = comparison_context(year, number)
    pdf = html_to_pdf(render_to_string("workreport/compare_print.html", context))
    edition, unit = context["edition"], context["page"].unit
    return pdf_response(
        pdf,
        f"compare-{edition.year}-{unit.number}.pdf",
        f"{edition.year}년 {edition.title} 신구대조표 {unit.number} {unit.name}.pdf",
    )
