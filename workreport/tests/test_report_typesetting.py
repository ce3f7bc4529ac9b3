"""Korean set word by word in the printed report: no 어절 broken across two lines, and a run too
long for its line (a URL, a word of 2,000 characters) wrapped at the margin, never clipped.

The PDF is read back with pdftotext -bbox-layout: its blocks, their lines and the words of each
line with their boxes. A word is broken when the last word of one line and the first of the next,
put together, make a word of the report that neither half is (e.g. "벤처" / "기업과").
"""
import re
import shutil
import subprocess
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from weasyprint import HTML

from projects.models import ProgramPage
from reports.models import ReportEdition
from reports.safety import REPORT_BASE_URL, static_only_fetcher
from reports.typesetting import WORD_JOINER, keep_words_together
from workreport.rendering import build_report_pdf, html_to_pdf, render_report_html

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 필요"),
]

XHTML = "{http://www.w3.org/1999/xhtml}"
HANGUL = re.compile("[\uac00-\ud7a3]")
# A4 is 595.3 × 841.9 pt; the report's margins are 22 mm (62.4 pt) above, 18 mm (51.0 pt) at the
# sides and 20 mm (56.7 pt) below: the running header and the page number sit outside that area.
TEXT_RIGHT_EDGE_PT = 595.3 - 51.0
TEXT_TOP_PT, TEXT_BOTTOM_PT = 62.4, 841.9 - 56.7


class TextOf(HTMLParser):
    """The printed words of an HTML document: its text outside <head> and <style>."""

    def __init__(self):
        super().__init__()
        self.skipping = 0
        self.words = set()

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in ("head", "style")

    def handle_endtag(self, tag):
        self.skipping -= tag in ("head", "style")

    def handle_data(self, data):
        if not self.skipping:
            self.words.update(data.split())


def words_of_html(html: str) -> set[str]:
    parser = TextOf()
    parser.feed(html)
    return parser.words


def pdf_lines(pdf: bytes) -> list[dict]:
    """Every line of the PDF: its page, block, words and their right edges (pt)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout
    lines = []
    for page_number, page in enumerate(ElementTree.fromstring(xml).iter(f"{XHTML}page"), 1):
        for block_number, block in enumerate(page.iter(f"{XHTML}block")):
            for line in block.iter(f"{XHTML}line"):
                words = list(line.iter(f"{XHTML}word"))
                lines.append({"page": page_number, "block": (page_number, block_number),
                              "words": [word.text or "" for word in words],
                              "right": max(float(word.get("xMax")) for word in words),
                              "top": float(line.get("yMin")), "bottom": float(line.get("yMax"))})
    return lines


def broken_words(pdf: bytes, words: set[str]) -> list[str]:
    """'page: first half / second half' for every word of `words` the PDF breaks across two lines."""
    broken = []
    lines = pdf_lines(pdf)
    for line, following in zip(lines, lines[1:]):
        if line["block"] != following["block"] or not line["words"] or not following["words"]:
            continue
        end, start = line["words"][-1], following["words"][0]
        if not (HANGUL.search(end[-1]) and HANGUL.search(start[0])):
            continue
        if end + start in words and not (end in words and start in words):
            broken.append(f"p{line['page']}: {end} / {start}")
    return broken


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        edition = ReportEdition.objects.get(year=2024)
        html = render_report_html(edition)
        return {"words": words_of_html(html), "pdf": build_report_pdf(edition)}


def test_no_korean_word_of_the_2024_report_is_broken_across_two_lines(report):
    assert broken_words(report["pdf"], report["words"]) == []


def test_the_check_finds_the_words_weasyprint_breaks_without_the_joiners():
    sentence = "재단은 벤처기업과 파트너 기관이 서울 스마트라이프 위크를 서울문화재단과 함께 개최하였다. " * 4
    html = f'<html lang="ko"><body><p style="width: 42mm; font: 10pt NanumGothic">{sentence}</p></body></html>'
    plain = HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=static_only_fetcher()).write_pdf()

    assert broken_words(plain, set(sentence.split()))  # the syllable breaks the issue saw
    assert broken_words(html_to_pdf(html), set(sentence.split())) == []


def test_the_joiners_leave_markup_alone_and_do_not_reach_the_pdf_text():
    html = ('<html><head><title>제목 글</title><style>p::before { content: "가 나" }</style></head>'
            '<body><p class="item">벤처기업과 &amp; AI전환팀 https://example.com/a</p>'
            '<svg><text>차트 글자</text></svg></body></html>')
    joined = keep_words_together(html)

    assert f"벤{WORD_JOINER}처{WORD_JOINER}기{WORD_JOINER}업{WORD_JOINER}과 &amp; " in joined
    assert f"A{WORD_JOINER}I{WORD_JOINER}전" in joined
    assert " https://example.com/a</p>" in joined  # no Hangul: breaks as it always did
    assert "<title>제목 글</title>" in joined and "<text>차트 글자</text>" in joined
    assert '<p class="item">' in joined
    text = subprocess.run(["pdftotext", "-", "-"], input=html_to_pdf(html), capture_output=True,
                          check=True).stdout.decode()
    assert "벤처기업과 & AI전환팀" in text and WORD_JOINER not in text


def test_a_2000_character_goal_and_a_long_url_print_whole_inside_the_margins(edition):
    page = ProgramPage.objects.select_related("unit").get(unit__number="1-1")
    goal = "가나다라마바사아자차" * 200
    url = "https://data.seoul.go.kr/" + "".join(f"dataset{n:03d}" for n in range(43))[:428]
    ProgramPage.objects.filter(pk=page.pk).update(goal=goal, background=f"근거 자료 {url} 참고")
    assert len(goal) == 2000 and len(url) == 453

    pdf = build_report_pdf(edition, page.unit)

    lines = pdf_lines(pdf)
    body = [line for line in lines if line["top"] >= TEXT_TOP_PT and line["bottom"] <= TEXT_BOTTOM_PT]
    text = "".join("".join(line["words"]) for line in body)
    assert goal in text
    assert url in text
    overflowing = [" ".join(line["words"])[:40] for line in lines if line["right"] > TEXT_RIGHT_EDGE_PT + 1]
    assert overflowing == []
