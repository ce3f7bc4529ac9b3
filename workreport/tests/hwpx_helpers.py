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
