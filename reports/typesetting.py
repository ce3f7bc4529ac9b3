"""Korean set word by word (어절) in the printed report: one pass over the HTML WeasyPrint lays out.

Korean breaks lines between 어절 (at spaces), never between the syllables of one. Browsers do
that with `word-break: keep-all`; WeasyPrint 70 accepts only `normal | break-all`, and Pango
(after Unicode's line-breaking rules) may break between any two Hangul syllables, so "벤처기업"
came out as "벤처/기업". Wrapping words in `white-space: nowrap` spans (the old `keep_words`
filter) keeps them whole but also forbids the break a run longer than its line needs: a
2,000-character 목표 printed 57 characters and the rest was clipped.

So every text node of the print HTML goes through `keep_words_together`: inside each run of
non-space characters that holds Hangul, a WORD JOINER (U+2060, Unicode line-breaking class WJ:
"no break before or after") is put between every two characters. Spaces stay the only break
opportunities, and the stylesheet's `overflow-wrap: anywhere` still lets Pango break a run that
does not fit a whole line at the margin (WeasyPrint's last-resort WRAP_CHAR ignores joiners).
The joiner is default-ignorable: it has no width, no glyph, and is not in the PDF's text
(pdftotext and copy-paste give the words as typed).

The pass runs on the rendered document, so no template, include or filter can forget it: body
items, tables, notes, contents, running headers alike. It leaves markup alone, and skips
<head>, <style>, <script> and inline <svg> (chart labels are SVG text, laid out without line
breaking). It also drops the bidi controls (reports.safety.strip_bidi_controls) from the whole
document, chart labels included, so that no typed control can reorder a printed line.
"""
import re

from reports.safety import strip_bidi_controls

WORD_JOINER = "\u2060"

# Elements whose content is not flowing text, kept exactly as rendered.
VERBATIM = re.compile(
    r"<!--.*?-->|<(head|style|script|svg|title)\b.*?</\1\s*>",
    re.S | re.I,
)
TAG = re.compile(r"<[^>]*>")
# A character of text as the HTML spells it: a character reference counts as one.
HTML_CHARACTER = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|.", re.S)
SPACE_RUN = re.compile(r"(\s+)")
# Hangul syllables and jamo, and the Hanja Korean text uses (市, 區): scripts Pango breaks between
# any two characters.
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff"
                    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def join_word(word: str) -> str:
    """One 어절 (HTML-escaped) with a word joiner between every two of its characters."""
    if not HANGUL.search(word):
        return word  # Latin words, numbers and URLs break (or not) as they always did
    return WORD_JOINER.join(HTML_CHARACTER.findall(word))


def keep_text_words_together(text: str) -> str:
    """A text node (HTML-escaped) with each of its Hangul 어절 made unbreakable."""
    return "".join(
        part if index % 2 else join_word(part)
        for index, part in enumerate(SPACE_RUN.split(text))
    )


def keep_flow_words_together(html: str) -> str:
    """Markup kept, every text node between two tags passed through keep_text_words_together."""
    pieces, position = [], 0
    for tag in TAG.finditer(html):
        pieces.append(keep_text_words_together(html[position:tag.start()]))
        pieces.append(tag.group())
        position = tag.end()
    pieces.append(keep_text_words_together(html[position:]))
    return "".join(pieces)


def keep_words_together(html: str) -> str:
    """The print HTML as WeasyPrint should lay it out: Korean words unbroken, no bidi controls."""
    html = strip_bidi_controls(html)
    pieces, position = [], 0
    for verbatim in VERBATIM.finditer(html):
        pieces.append(keep_flow_words_together(html[position:verbatim.start()]))
        pieces.append(verbatim.group())
        position = verbatim.end()
    pieces.append(keep_flow_words_together(html[position:]))
    return "".join(pieces)
