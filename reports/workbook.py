"""Spreadsheets people can hand on: every xlsx the site writes (desk tables, admin exports, blank
import templates) laid out as a report table (issue 10, part 5).

- a title row (표 이름) and a note row (기준일, 단위: 천원, when it was made) above the header;
- the header frozen and repeated on every printed page, A4, fitted to the page width;
- amounts, counts and rates as real numbers with the report's look: `#,##0;"△"#,##0` for 천원,
  `0.0"%"` with △ for rates, "-" for a zero headcount or 과부족, dates as 2024. 11. 1.;
- columns as wide as what they hold (a Korean character counts twice);
- a template's example row in grey, and drop-down lists (직급, 세부사업, 연도 …) from a hidden sheet.

The import side (reports/spreadsheets.py) reads such a sheet back: the rows above the header are
skipped, and an example row left as it is is not data, so an export imported again is a no-op.
"""
import datetime
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from reports.formatting import format_moment

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def escape_formula(value):
    """A text cell a spreadsheet would evaluate, made inert by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return FORMULA_GUARD + value
    return value


NUMBER_FORMATS = {
    "amount": '#,##0;"△"#,##0',
    "count": '#,##0;"△"#,##0;"-"',  # the report prints no one as "-"
    "gap": '"+"#,##0;"△"#,##0;"-"',  # 과부족: +1, △1, none "-"
    "rate": '0.0"%";"△"0.0"%"',
    "date": 'yyyy". "m". "d"."',
    "year": "0",
    "text": "@",
}
NUMERIC_KINDS = ("amount", "count", "gap", "rate")
TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
"""A sheet's layout: the import skips the rows above the header (reports/spreadsheets.py)."""
EXAMPLE_NOTE = "회색 보기 줄은 그대로 두면 가져오지 않습니다"
"""A template's note row says so; the import skips the example row only in a sheet that says it."""
LISTED_ROWS = 2000
MAX_COLUMN_WIDTH = 40  # how far down a column's drop-down list reaches
LISTS_SHEET = "목록"

GREY = PatternFill("solid", fgColor="EDEDED")
HEADER_FILL = PatternFill("solid", fgColor="DDE4EC")
THIN = Side(style="thin", color="A6A6A6")
HEADER_BORDER = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # a key of NUMBER_FORMATS
    choices: tuple = ()  # a drop-down list of the values a cell may take


@dataclass
class Sheet:
    name: str  # the tab (≤ 31 characters)
    title: str  # the title row: "집행 실적", "세출 예산 총괄"
    notes: list  # the note row, joined by " · ": "기준일 2024. 10. 18.", "단위: 천원"
    columns: list  # Column per header
    rows: list = field(default_factory=list)
    example: list = None  # a template's grey example row


def unit_note(columns):
    """"단위: 천원" when the sheet holds amounts, "단위: 명" when it holds only headcounts."""
    kinds = {column.kind for column in columns}
    if "amount" in kinds:
        return "단위: 천원"
    if kinds & {"count", "gap"}:
        return "단위: 명"
    return None


def made_note():
    return f"내려받음 {format_moment(datetime.datetime.now().astimezone())}"


def cell_value(value):
    """A value as a cell holds it: numbers and dates as they are, text escaped (no formula runs)."""
    if value is None or isinstance(value, (bool, int, float, Decimal, datetime.date)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", escape_formula(str(value)))


def display_width(value, kind):
    if value is None:
        return 0
    if kind in NUMERIC_KINDS and isinstance(value, (int, float, Decimal)):
        text = f"{value:,}" if kind != "rate" else f"{value}%"
    elif isinstance(value, datetime.date):
        text = "2024. 10. 18."
    else:
        text = str(value)
    longest = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def write_sheet(sheet, book, lists):
    ws = book.create_sheet(sheet.name[:31])
    width = max(len(sheet.columns), 1)
    ws.cell(TITLE_ROW, 1, cell_value(sheet.title)).font = Font(size=14, bold=True)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width)
    note = ws.cell(NOTE_ROW, 1, cell_value(" · ".join(part for part in sheet.notes if part)))
    note.font = Font(size=9, color="595959")
    ws.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=width)
    ws.row_dimensions[TITLE_ROW].height = 24
    note.alignment = Alignment(wrap_text=True, vertical="top")

    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(HEADER_ROW, index, cell_value(column.header))
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    body = ([sheet.example] if sheet.example else []) + list(sheet.rows)
    for offset, values in enumerate(body, start=HEADER_ROW + 1):
        is_example = sheet.example is not None and offset == HEADER_ROW + 1
        for index, (column, value) in enumerate(zip(sheet.columns, values), start=1):
            cell = ws.cell(offset, index, cell_value(value))
            cell.number_format = NUMBER_FORMATS.get(column.kind, "General")
            if column.kind == "text" and isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if is_example:
                cell.fill, cell.font = GREY, Font(italic=True, color="595959")

    total_width = 0
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        widest = max([display_width(column.header, "text")] +
                     [display_width(values[index - 1], column.kind) for values in body[:500] if index <= len(values)])
        width = min(max(widest + 2, 8), MAX_COLUMN_WIDTH)
        ws.column_dimensions[letter].width = width
        total_width += width
        if widest + 2 > MAX_COLUMN_WIDTH:  # a long text wraps in its column instead of widening the page
            for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(body)):
                ws.cell(row, index).alignment = Alignment(wrap_text=True, vertical="top")
        if column.choices:
            add_list(ws, lists, column, letter)
    # the merged note row wraps, and Excel does not grow a merged row by itself
    lines = -(-display_width(note.value or "", "text") // max(int(total_width), 1))
    ws.row_dimensions[NOTE_ROW].height = 13 * max(lines, 1)

    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if width > 6 else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "&P / &N"
    return ws


def add_list(ws, lists, column, letter):
    """A drop-down of `column.choices` on the column's cells, listed on the hidden sheet 목록."""
    if lists.max_row == 1 and lists.max_column == 1 and lists["A1"].value is None:
        list_column = 1
    else:
        list_column = lists.max_column + 1
    lists.cell(1, list_column, cell_value(column.header))
    for row, choice in enumerate(column.choices, start=2):
        lists.cell(row, list_column, cell_value(choice))
    list_letter = get_column_letter(list_column)
    source = f"{quote_sheetname(LISTS_SHEET)}!${list_letter}$2:${list_letter}${len(column.choices) + 1}"
    validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True, showDropDown=False,
                                errorTitle=f"{column.header}", error=f"목록에 있는 {column.header}을(를) 고르세요.",
                                promptTitle=column.header, prompt="목록에서 고르세요.")
    validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + LISTED_ROWS}")
    ws.add_data_validation(validation)


def workbook_bytes(sheets):
    """The xlsx of `sheets`, the first one active; a hidden 목록 sheet when a column has choices."""
    book = Workbook()
    book.remove(book.active)
    lists = None
    if any(column.choices for sheet in sheets for column in sheet.columns):
        lists = book.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
    for sheet in sheets:
        write_sheet(sheet, book, lists)
    if lists is not None:
        book.move_sheet(lists, offset=len(book.sheetnames) - 1)  # last, after the sheets people read
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
