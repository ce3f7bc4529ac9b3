"""Writing a report as an HWPX document (KS X 6101, OWPML: 한글's own format) with python-hwpx.

The generic part: an A4 document in the report's font, its paragraphs (headings, the □ ○ - · ※ ▶
items with hanging indents, plain text), real tables (header rows, merged cells, amounts aligned
right), a running header and page numbers per part (a section each). What the report says is composed above, from the same
context as its templates (workreport.hwpx); nothing here knows the report.

Every text goes through printable_text first: the bidi controls the PDF drops (reports.safety) and
the characters XML 1.0 cannot carry are removed, so a typed U+202E reorders nothing and a control
character never fails the file. Text is set as text (lxml escapes it); nothing typed is ever parsed
as markup. docs/hwpx.md says what is checked and what the format or the library does not carry.
"""
import datetime
import re
from dataclasses import dataclass

from reports.glyphs import text_width_em
from reports.safety import strip_bidi_controls

# The font 한글 knows as 나눔고딕 (the PDF's NanumGothic); where it is not installed 한글 takes the
# substitute named in the file, 함초롬돋움, which ships with every 한글 since 2010. Not embedded:
# HWPX can embed fonts only as binary items, which python-hwpx does not write for us.
FONT = "나눔고딕"
SUBSTITUTE_FONT = "함초롬돋움"

MM = 7200 / 25.4  # HWPUNIT per millimetre (1 inch = 7200)
PAGE_MARGIN_MM = {"left": 20, "right": 20, "top": 20, "bottom": 15, "header": 10, "footer": 10}
TEXT_WIDTH = int((210 - PAGE_MARGIN_MM["left"] - PAGE_MARGIN_MM["right"]) * MM)
BODY_SIZE = 11  # pt
LEVEL_STEP = int(4 * MM)  # each level of the hierarchy one step further in

# C0 and C1 controls but tab, line feed and carriage return; XML 1.0 forbids most of them and
# 한글 would not show the rest. Unpaired surrogates and the two non-characters cannot be written either.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

HEADING_SIZES = {1: 16, 2: 13, 3: 12, 4: 11}  # part (I.), □ / programme title, ○, a small heading


def printable_text(text) -> str:
    """Text as the document carries it: no bidi controls, no control characters, tabs as spaces."""
    text = strip_bidi_controls(str(text if text is not None else ""))
    return UNPRINTABLE.sub("", text).replace("\t", " ")


def one_line(text) -> str:
    """A paragraph's text with its whitespace run together, as HTML prints it."""
    return " ".join(printable_text(text).split())


@dataclass(frozen=True)
class Cell:
    """A table cell: its text (lines: one paragraph each), its spans, alignment and whether it heads."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "LEFT"
    bold: bool = False
    indent: int = 0  # levels in from the cell's edge (a 세부사업 under its account)


def amount_cell(text, bold=False) -> Cell:
    return Cell(text, align="RIGHT", bold=bold)


class HwpxWriter:
    """One HWPX document being written, paragraph after paragraph, in the order it reads."""

    def __init__(self, *, title: str):
        # python-hwpx (and lxml under it) is imported when a document is written, not with the
        # module: every PDF build and worker start would pay its 0.2 s otherwise.
        from hwpx import HwpxDocument

        self.document = HwpxDocument.new()
        self.header = self.document.oxml.headers[0]
        self.document.page.setup(paper_size="A4", margins_mm=PAGE_MARGIN_MM)
        self.document.styles.ensure_font(FONT, subst_face=SUBSTITUTE_FONT, subst_type="TTF")
        self._runs = {}
        self._paragraph_shapes = {}
        self.title = one_line(title)
        self.section = self.document.sections[0]
        self.is_empty = True  # nothing written yet in the current section

    def part(self, running_header=None):
        """Start a part of the document: a new section (구역, which 한글 starts on a new page) with its own
        running header and the page numbers at its foot, numbered on from the part before. No running
        header and no page number: a cover."""
        if not self.is_empty:
            self.section = self.document.add_section()
            self.is_empty = True
        if running_header is not None:
            header = self.document.page.set_header(text=one_line(running_header), section=self.section)
            for paragraph in header.paragraphs:
                paragraph.para_pr_id_ref = self.paragraph_shape(align="RIGHT")
                for run in paragraph.runs:
                    run.char_pr_id_ref = self.run(size=9)
            self.document.page.set_page_number(format="page", prefix="- ", suffix=" -", position="BOTTOM_CENTER",
                                               section=self.section)

    # ------------------------------------------------------------ shapes (deduplicated by python-hwpx)

    def run(self, *, size=BODY_SIZE, bold=False, color=None) -> str:
        key = (size, bold, color)
        if key not in self._runs:
            self._runs[key] = self.document.styles.ensure_run(font=FONT, size=size, bold=bold, color=color)
        return self._runs[key]

    def paragraph_shape(self, *, align="JUSTIFY", left=0, indent=0, before=0, after=0, keep_with_next=False) -> str:
        key = (align, left, indent, before, after, keep_with_next)
        if key not in self._paragraph_shapes:
            self._paragraph_shapes[key] = self.header.ensure_paragraph_format(
                alignment=align,
                margins={"left": left, "intent": indent, "prev": before, "next": after},
                line_spacing_percent=160,
                break_setting={"keep_with_next": keep_with_next},
            )
        return self._paragraph_shapes[key]

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, text, *, size=BODY_SIZE, bold=False, color=None, align="JUSTIFY", left=0, indent=0,
                  before=0, after=0, keep_with_next=False, page_break=False):
        """One paragraph; page_break starts it on a new page."""
        if self.is_empty:
            # the empty first paragraph of a section carries the section's settings; a section starts a page
            paragraph = self.section.paragraphs[0]
            paragraph.text = one_line(text)
            paragraph.para_pr_id_ref = self.paragraph_shape(
                align=align, left=left, indent=indent, before=before, after=after, keep_with_next=keep_with_next)
            for run in paragraph.runs:
                run.char_pr_id_ref = self.run(size=size, bold=bold, color=color)
            self.is_empty = False
            return paragraph
        paragraph = self.document.add_paragraph(
            one_line(text), section=self.section,
            para_pr_id_ref=self.paragraph_shape(align=align, left=left, indent=indent, before=before, after=after,
                                                keep_with_next=keep_with_next),
            char_pr_id_ref=self.run(size=size, bold=bold, color=color),
        )
        if page_break:
            paragraph.element.set("pageBreak", "1")
        return paragraph

    def heading(self, text, level=1, *, page_break=False):
        """A heading, kept with what follows: 1 a part (I. 일반 현황), 2 □ or a programme's title, 3 ○."""
        return self.paragraph(text, size=HEADING_SIZES.get(level, BODY_SIZE), bold=True, align="LEFT",
                              before=int(HEADING_SIZES.get(level, BODY_SIZE) * 60), after=200,
                              keep_with_next=True, page_break=page_break)

    def item(self, mark: str, text, level=1, *, bold=False):
        """An item of the hierarchy: its mark (○ - · ※ ▶ …), a space and its text, the wrapped lines hanging
        under the text, not under the mark; level 1 at the margin, each level one step further in."""
        mark = one_line(mark)
        text = one_line(text)
        if not mark:
            return self.paragraph(text, left=LEVEL_STEP * max(level - 1, 0), bold=bold, after=60)
        hang = int(text_width_em(f"{mark} ") * BODY_SIZE * 100)  # 1 pt = 100 HWPUNIT
        return self.paragraph(f"{mark} {text}", left=LEVEL_STEP * max(level - 1, 0), indent=-hang, bold=bold,
                              after=60)

    # ------------------------------------------------------------ tables

    def table(self, rows: list[list[Cell]], *, header_rows=1, widths=None, level=1):
        """A real table: rows of Cells laid out as HTML lays out rowspan/colspan, the first header_rows
        rows marked as header rows (repeated on each page the table runs over), merged cells merged."""
        placed, columns = place(rows)
        indent = LEVEL_STEP * max(level - 1, 0)
        anchor = self.paragraph("", after=120)
        table = anchor.add_table(len(rows), columns, width=TEXT_WIDTH - indent)
        # not "treat as a character": an inline table is never broken across pages by 한글, and rows past
        # the page's foot are not drawn (python-hwpx's layout lint); this one flows, header rows repeated
        table.set_treat_as_char(False)
        if indent:
            table.element.find(f"{{{table.element.nsmap['hp']}}}pos").set("horzOffset", str(indent))
        if widths:
            table.set_column_widths(widths)
        for row, column, cell in placed:
            if cell.rowspan > 1 or cell.colspan > 1:
                table.merge_cells(row, column, row + cell.rowspan - 1, column + cell.colspan - 1)
        for row, column, cell in placed:
            target = table.cell(row, column)
            heads = row < header_rows
            lines = [one_line(line) for line in printable_text(cell.text).split("\n")] or [""]
            target.set_text("\n".join(lines), split_paragraphs=len(lines) > 1)
            if heads:
                target.element.set("header", "1")
            for paragraph in target.paragraphs:
                paragraph.para_pr_id_ref = self.paragraph_shape(align="CENTER" if heads else cell.align,
                                                                left=LEVEL_STEP // 2 * cell.indent)
                for run in paragraph.runs:
                    run.char_pr_id_ref = self.run(size=BODY_SIZE - 1, bold=heads or cell.bold)
            if heads:
                table.set_cell_shading(row, column, "#E8EDF3")
        if header_rows:
            table.element.set("repeatHeader", "1")
        return table

    # ------------------------------------------------------------ the file

    def describe(self, *, creator: str, subject: str, keywords: str, created, modified):
        """The file's own description (content.hpf's metadata), as the PDF's: title, author, subject,
        keywords, and when it was created and modified (dates or aware moments, written in UTC)."""
        def iso(moment):
            if not hasattr(moment, "hour"):
                return f"{moment:%Y-%m-%d}T00:00:00Z"
            return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

        self.document.parts.set_document_metadata(
            title=self.title, creator=one_line(creator), subject=one_line(subject), keyword=one_line(keywords),
            created_date=iso(created), modified_date=iso(modified))

    def to_bytes(self) -> bytes:
        return self.document.to_bytes()


def place(rows: list[list[Cell]]) -> tuple[list[tuple[int, int, Cell]], int]:
    """(row, column, cell) of every cell, as an HTML table places cells around the spans above them,
    and the number of columns."""
    taken = set()
    placed = []
    for row_index, row in enumerate(rows):
        column = 0
        for cell in row:
            while (row_index, column) in taken:
                column += 1
            placed.append((row_index, column, cell))
            for r in range(row_index, row_index + cell.rowspan):
                for c in range(column, column + cell.colspan):
                    taken.add((r, c))
            column += cell.colspan
    columns = max((c for _, c in taken), default=-1) + 1
    return placed, columns
