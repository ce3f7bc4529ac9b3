"""Every line of the PDF itself, as pypdf reads it page by page, is in the HWPX, in the same
part: the check a reader makes with both files open.

Exactly: the draft PDF is rendered as build_report_pdf renders it (html_to_pdf of the print HTML,
same data and stamp) but without its three charts (<figure>), which the HWPX does not carry, so
that no chart label can pass for a table's line. Each page is given the part its running header
names (a page without one, a divider, belongs to the part after it; page 1 is the cover). Each of
its lines, whitespace removed, must be found in the HWPX's text of that part (python-hwpx,
whitespace removed). The order is test_hwpx_text's check (pypdf's order of lines within a page
follows the drawing, not the reading). Not compared, because the HWPX does not carry them
(docs/hwpx.md): the running header and the foot line of each page (한글 prints its own), the page
numbers and dot leaders of the 목차 and the ▼ of the strategy diagram.
"""
import datetime
import io
import re

from django.utils import timezone
from pypdf import PdfReader

from workreport.hwpx import build_report_hwpx
from workreport.rendering import PrintStamp, html_to_pdf, render_report_html
from workreport.tests.hwpx_helpers import hwpx_parts, hwpx_text, squeezed

RUNNING_HEADERS = {"목차": "contents", "I.일반현황": "general", "II.정책목표및추진전략": "strategy",
                   "III.주요현안업무": "programmes", "IV.2024세입·세출예산세부현황": "detail"}
LEADER = re.compile(r"\.{3,}\d+$")  # a 목차 line's dot leader and page number
PAGE_NUMBER = re.compile(r"-\d+-$")  # "- 14 -" after the stamp, at the foot of a page


def without_charts(html):
    """The print HTML without its three charts (<figure>: caption and SVG), which the HWPX does not carry."""
    return re.sub(r"<figure\b.*?</figure>", "", html, flags=re.S)


def pdf_lines_by_part(pdf, title, stamp_mark):
    """[(part, line)] of the PDF, the lines the HWPX does not carry left out."""
    pages = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        lines = [squeezed(line) for line in (page.extract_text() or "").splitlines() if line.strip()]
        part, kept = None, []
        for line in lines:
            header = next((p for label, p in RUNNING_HEADERS.items() if line == label + title), None)
            foot = number > 1 and (line == stamp_mark or line.startswith(stamp_mark) and PAGE_NUMBER.search(line))
            if header:
                part = header
            elif foot or line == "▼":
                continue
            else:
                kept.append(LEADER.sub("", line))
        pages.append([part, kept])
    pages[0][0] = "cover"
    for index in range(len(pages) - 2, -1, -1):  # a divider belongs to the part after it
        pages[index][0] = pages[index][0] or pages[index + 1][0]
    return [(part, line) for part, lines in pages for line in lines]


def test_every_line_of_the_pdf_is_in_the_hwpx_part_by_part(edition):
    stamp = PrintStamp.draft(timezone.make_aware(datetime.datetime(2024, 11, 4, 9, 5)))
    title = squeezed(f"{edition.year}년 {edition.title}")
    pdf = html_to_pdf(without_charts(render_report_html(edition, for_print=True, stamp=stamp)))
    printed = pdf_lines_by_part(pdf, title, squeezed(stamp.mark))
    written = hwpx_parts(hwpx_text(build_report_hwpx(edition, stamp=stamp)))

    assert {part for part, _ in printed} == set(written)
    assert len(printed) > 500  # the whole report, not a page of it
    for part in written:
        missing = [line for line_part, line in printed if line_part == part and line not in written[part]]
        assert missing == [], part
