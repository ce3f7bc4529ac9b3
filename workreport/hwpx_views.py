"""Downloads of the report as an editable 한글 document (HWPX), beside the PDF downloads: the whole
report and one 단위사업's page, for the same readers as the PDF (any logged-in user).

The file is written from current data (workreport.hwpx, a few seconds for the whole report) and
kept until the data or the release changes, as the draft PDF is (draft_hwpx); like every download it
is sent `Cache-Control: private, no-store` (sdf_intranet.headers marks every attachment so).
"""
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from workreport.hwpx import HWPX_CONTENT_TYPE, draft_hwpx
from workreport.views import edition_of, pdf_response, printed_unit


def hwpx_response(content: bytes, ascii_name: str, korean_name: str):
    """An HWPX attachment, named as the PDF downloads are (ASCII, and Korean by RFC 5987)."""
    response = pdf_response(content, ascii_name, korean_name)
    response["Content-Type"] = HWPX_CONTENT_TYPE
    return response


@login_required
@require_GET
def report_hwpx(request, year):
    edition = edition_of(year)
    return hwpx_response(draft_hwpx(edition), f"report-{edition.year}.hwpx",
                         f"{edition.year}년 {edition.title}.hwpx")


@login_required
@require_GET
def unit_hwpx(request, year, number):
    edition = edition_of(year)
    unit = printed_unit(edition, number)
    return hwpx_response(
        draft_hwpx(edition, unit),
        f"report-{edition.year}-{unit.number}.hwpx",
        f"{edition.year}년 {edition.title} {unit.number} {unit.name}.hwpx",
    )
