"""What a reader sees of a 신구대조표 page: its rows as (row class, 현행 cell, 개정안 cell) markup,
without the screen-reader words, and its PDF's text."""
import io
import re

from django.urls import reverse
from pypdf import PdfReader

ROW = re.compile(r'<tr class="(changed|same)">\s*<td class="old[^"]*"[^>]*>(.*?)</td>\s*'
                 r'<td class="new[^"]*"[^>]*>(.*?)</td>', re.S)
SCREEN_READER_WORDS = re.compile(r'<span class="visually-hidden">[^<]*</span>')


def compare_url(year=2024, number="1-1", pdf=False):
    return reverse("workreport:compare_pdf" if pdf else "workreport:compare_page", args=[year, number])


def comparison_html(html: str, kind: str) -> str:
    """The markup of one comparison of the page ("published" or "previous_year")."""
    start = html.index(f'id="compare-{kind}"')
    return html[start:html.index("</section>", start)]


def rows_of(html: str) -> list[tuple[str, str, str]]:
    return [(kind, SCREEN_READER_WORDS.sub("", old), SCREEN_READER_WORDS.sub("", new))
            for kind, old, new in ROW.findall(html)]


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def without_spaces(text: str) -> str:
    return "".join(text.split())
