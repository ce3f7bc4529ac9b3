"""The HWPX holds every line and figure the PDF prints, part by part, in the PDF's order.

What is compared, exactly: the PDF is made from the print HTML (render_report_html, for_print), so
its text is that HTML's text nodes. Every text node of each part (cover, 목차, I, II, III, IV) must
be found in the HWPX's text of the same part, as python-hwpx reads it back (paragraphs and table
cells), each after the one before it, compared without whitespace (line breaks and spacing are the
layout's, not the report's). Left out of the comparison, and not written in the HWPX: the charts
(<figure>: their figures are the tables'), the divider pages and the running headers of the PDF's
pages (the HWPX has its own, per part) and the strategy diagram's ▼ arrows.
"""
import datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from budget.models import UnitProgram
from workreport.hwpx import build_report_hwpx
from workreport.rendering import PrintStamp, render_report_html
from workreport.tests.hwpx_helpers import PARTS, hwpx_parts, hwpx_text, missing_in_order, squeezed

NOT_WRITTEN = {"figure", "head", "svg", "style"}
NOT_WRITTEN_CLASSES = {"running-header", "divider", "strategy-arrow"}
VOID = {"br", "col", "img", "meta", "link", "hr", "input"}


class PrintedText(HTMLParser):
    """The text nodes of the print HTML, each with the part it stands in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.part = "cover"
        self.skipping = []  # the open elements whose text is not compared
        self.texts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        part = {"contents": "contents", "general": "general", "strategy": "strategy", "programmes": "programmes",
                "detail": "detail"}.get(attrs.get("id"))
        if part:
            self.part = part
        if tag in VOID:
            return
        skip = tag in NOT_WRITTEN or bool(set((attrs.get("class") or "").split()) & NOT_WRITTEN_CLASSES)
        self.skipping.append(skip)

    def handle_endtag(self, tag):
        if tag not in VOID and self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if not any(self.skipping) and data.strip():
            self.texts.append((self.part, squeezed(data)))


def printed_texts(html):
    parser = PrintedText()
    parser.feed(html)
    return parser.texts


@pytest.fixture
def stamp():
    return PrintStamp.draft(timezone.make_aware(datetime.datetime(2024, 11, 4, 9, 5)))


def test_every_printed_line_and_figure_is_in_the_hwpx_part_by_part_in_order(edition, stamp):
    printed = printed_texts(render_report_html(edition, for_print=True, stamp=stamp))
    written = hwpx_parts(hwpx_text(build_report_hwpx(edition, stamp=stamp)))

    for part, _ in PARTS:
        texts = [text for text_part, text in printed if text_part == part]
        assert texts, f"the print HTML has no text in {part}"
        assert missing_in_order(texts, written[part]) == [], part


def test_the_figures_users_check_are_in_the_hwpx(edition, stamp):
    """The totals a reader checks first: 인력, 총 예산, both 집행률 (README), and a 명시이월 note."""
    written = squeezed(hwpx_text(build_report_hwpx(edition, stamp=stamp)))
    for figure in ("□인력:56명", "계약직11명", "총예산계10,699,686", "8,639,754", "80.7%", "6,494,590", "60.7%",
                   "디지털돌봄체험버스(373,502천원)미포함", stamp.mark.replace(" ", "")):
        assert figure in written


def test_a_programme_hwpx_holds_its_page_as_printed(edition, stamp):
    unit = UnitProgram.objects.get(policy__edition=edition, number="2-3")
    printed = [text for _, text in printed_texts(render_report_html(edition, unit, for_print=True, stamp=stamp))]
    written = squeezed(hwpx_text(build_report_hwpx(edition, unit, stamp=stamp)))
    assert printed and missing_in_order(printed, written) == []


def test_the_comparison_finds_what_is_missing(edition, stamp):
    """The check is not vacuous: a line left out of the HWPX is reported."""
    printed = printed_texts(render_report_html(edition, for_print=True, stamp=stamp))
    written = hwpx_parts(hwpx_text(build_report_hwpx(edition, stamp=stamp)))
    general = [text for part, text in printed if part == "general"]
    assert missing_in_order(general, written["general"].replace("계약직11명", "")) != []
