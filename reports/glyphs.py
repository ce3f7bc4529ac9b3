"""Which characters the printed report can draw: the glyphs of the fonts the PDF embeds.

The stylesheet sets the report in NanumGothic (regular and bold); a character NanumGothic lacks
falls back, through fontconfig, to the system's sans-serif (DejaVu Sans on Debian), and a
character no font has prints as an empty box (and makes a PDF/A file invalid: it draws .notdef).
check_report names the field and the record of every such character (workreport/checks.py), so
it is fixed before printing instead of being found on paper.
"""
import hashlib
import os
import subprocess
import unicodedata
from functools import lru_cache

from django.core.cache import cache as shared_cache

from reports.safety import BIDI_CONTROLS

REPORT_FONT = "NanumGothic"
FALLBACK_FAMILY = "sans-serif"


def fc_match(pattern: str) -> tuple[str, str] | None:
    """(family, file) of the font fontconfig (as WeasyPrint) takes for a pattern, or None."""
    try:
        result = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", pattern],
                                capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, path = result.stdout.partition("\t")
    return (family, path) if path else None


def font_file(family: str, bold: bool = False) -> str | None:
    """The file of an installed font family (regular or bold), None if it is not installed."""
    match = fc_match(f"{family}:{'bold' if bold else 'regular'}")
    return match[1] if match and family in match[0].split(",") else None


def fallback_font_file() -> str | None:
    """The file fontconfig substitutes for sans-serif, the stylesheet's last family."""
    match = fc_match(FALLBACK_FAMILY)
    return match[1] if match else None


def open_font(path: str):
    """fontTools' font of a file, read lazily; fontTools is imported here, by the processes that read
    a font (the metrics are in the shared cache, so a draft's parent usually does not)."""
    from fontTools.ttLib import TTFont

    return TTFont(path, lazy=True, fontNumber=0)


def characters_of(path: str) -> frozenset[int]:
    with open_font(path) as font:
        return frozenset(font.getBestCmap())


@lru_cache(maxsize=1)
def coverage() -> tuple[frozenset[int], frozenset[int]]:
    """(code points the report font has in regular and in bold, code points of the fallback font)."""
    files = [font_file(REPORT_FONT), font_file(REPORT_FONT, bold=True)]
    report = None
    for path in filter(None, files):
        report = characters_of(path) if report is None else report & characters_of(path)
    fallback = fallback_font_file()
    return report or frozenset(), characters_of(fallback) if fallback else frozenset()


def needs_no_glyph(char: str) -> bool:
    """Spaces, line breaks, joiners and other format characters draw nothing; bidi controls are
    dropped before printing (reports.safety)."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf") or ord(char) in BIDI_CONTROLS


def unprintable(text: str) -> tuple[list[str], list[str]]:
    """(characters no font of the print has, characters only the fallback font has), each once."""
    report, fallback = coverage()
    boxes, substituted = [], []
    for char in dict.fromkeys(text or ""):
        if needs_no_glyph(char) or ord(char) in report:
            continue
        (substituted if ord(char) in fallback else boxes).append(char)
    return boxes, substituted


def describe(chars: list[str]) -> str:
    """'😀'(U+1F600), '…': how a check names characters."""
    return ", ".join(f"'{char}'(U+{ord(char):04X})" for char in chars)


@lru_cache(maxsize=2)
def advances(bold: bool = False) -> tuple[dict[int, float], float]:
    """({code point: advance width in em}, the width of a Hangul syllable) of the report font.

    Reading a font's metrics takes a tenth of a second, paid by every process that prints (each
    `build_report`, worker or task), so they are kept in the shared cache under the font file's
    path, size and time."""
    path = font_file(REPORT_FONT, bold=bold)
    if path is None:
        return {}, 1.0
    status = os.stat(path)
    key = "font-advances:" + hashlib.sha256(repr((path, status.st_size, status.st_mtime_ns)).encode()).hexdigest()[:32]
    found = shared_cache.get(key)
    if found is None:
        with open_font(path) as font:
            per_em = font["head"].unitsPerEm
            metrics = font["hmtx"].metrics
            widths = {code: metrics[name][0] / per_em for code, name in font.getBestCmap().items()}
        found = widths, widths.get(ord("가"), 1.0)
        shared_cache.set(key, found, FONT_METRICS_SECONDS)
    return found


FONT_METRICS_SECONDS = 7 * 24 * 60 * 60


def text_width_em(text: str, bold: bool = False) -> float:
    """How wide a text sets in the report font, in em (ems of its font size)."""
    widths, hangul = advances(bold)
    return sum(widths.get(ord(char), hangul) for char in text)
