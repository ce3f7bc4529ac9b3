"""Reading an HWPX file back as a user's tools would: its package parts and its text (python-hwpx)."""
import io
import zipfile

from hwpx import HwpxDocument


def hwpx_text(content: bytes) -> str:
    """The document's text as python-hwpx reads it back: paragraphs and table cells, in order."""
    return HwpxDocument.open(content).text.plain()


def section_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return "".join(package.read(name).decode() for name in package.namelist()
                       if name.startswith("Contents/section"))


def squeezed(text: str) -> str:
    """Text without any whitespace: line breaks and spacing differ between a laid-out PDF, its HTML
    and a word processor's paragraphs; the characters and their order do not."""
    return "".join(text.split())


# Where each part starts in the print HTML (an id) and in the HWPX (its heading, after the contents).
PARTS = [("cover", None), ("contents", "목 차"), ("general", "I. 일반 현황"),
         ("strategy", "II. 정책목표 및 추진전략"), ("programmes", "III. 주요 현안업무"),
         ("detail", "IV. 2024 세입 · 세출예산 세부현황")]


def hwpx_parts(text):
    """The HWPX text cut at the parts' headings (the second time each is met: the first is its
    line in the contents), without whitespace."""
    lines = [squeezed(line) for line in text.splitlines()]
    cuts = {"cover": 0}
    for part, heading in PARTS[1:]:
        found = [index for index, line in enumerate(lines) if line == squeezed(heading)]
        cuts[part] = found[0] if part == "contents" else found[1]
    order = [part for part, _ in PARTS]
    return {part: "".join(lines[cuts[part]:cuts[order[i + 1]]] if i + 1 < len(order) else lines[cuts[part]:])
            for i, part in enumerate(order)}


def missing_in_order(texts, written):
    """The printed texts not found in the written text, each looked for after the one before."""
    missing, position = [], 0
    for text in texts:
        found = written.find(text, position)
        if found < 0:
            missing.append(text)
        else:
            position = found + len(text)
    return missing
