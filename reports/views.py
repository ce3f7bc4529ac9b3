"""The report in the site: HTML preview, and PDF downloads of the whole report or one 단위사업.

Views stay thin: the report is rendered by reports.rendering, drafts are cached by
reports.publishing.draft_pdf (rendered again only when the data changed).
"""
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET

from budget.models import UnitProgram
from reports import rendering
from reports.models import ReportEdition
from reports.publishing import draft_pdf


def pdf_response(pdf: bytes, ascii_name: str, korean_name: str) -> HttpResponse:
    """A PDF attachment named in ASCII for old clients and in Korean (RFC 5987 filename*) for the rest."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(korean_name, safe="")}'
    )
    return response


def edition_of(year: int) -> ReportEdition:
    return get_object_or_404(ReportEdition, year=year)


@login_required
@require_GET
def report_latest(request):
    edition = ReportEdition.objects.order_by("-year").first()
    if edition is None:
        raise Http404("아직 불러온 업무보고가 없습니다.")
    return redirect("reports:report_preview", year=edition.year)


@login_required
@require_GET
def report_preview(request, year):
    edition = edition_of(year)
    html = rendering.render_report_html(
        edition, for_print=False, request=request,
        extra_context={"editions": ReportEdition.objects.order_by("-year")},
    )
    return HttpResponse(html)


@login_required
@require_GET
def report_pdf(request, year):
    edition = edition_of(year)
    return pdf_response(
        draft_pdf(edition), f"report-{edition.year}.pdf", f"{edition.year}년 {edition.title}.pdf"
    )


@login_required
@require_GET
def unit_pdf(request, year, number):
    edition = edition_of(year)
    unit = (
        UnitProgram.objects.filter(policy__edition=edition, number=number, page__isnull=False)
        .select_related("policy").first()
    )
    if unit is None:
        raise Http404(f"{year}년 업무보고에 {number} 단위사업이 없습니다.")
    return pdf_response(
        draft_pdf(edition, unit),
        f"report-{edition.year}-{unit.number}.pdf",
        f"{edition.year}년 {edition.title} {unit.number} {unit.name}.pdf",
    )
