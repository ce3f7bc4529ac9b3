"""The outline grammar of a programme page's sections: the text a team lead writes, and its lines.

A section is written as one text, the way it is written in 한글 and printed in the report:

    ○ AI 기반 행정 서비스 모델 개발 등 AI 연구          level 1
      - 어르신 디지털상담 챗봇 베타 서비스 오픈         level 2
      ※ 어디나지원단 강사단(140명) 대상 활용 교육       a ※ note at level 2
        · 세부 내용                                  level 3
      구분<TAB>교육대상 기관                           a small table (tab-separated, as 한글 and
      교육 완료<TAB>서울시 본청(6회), 서대문구청        Excel copy it; a cell with line breaks is
                                                     quoted: "첫 줄<NL>둘째 줄")
    ※ 2024 서울빅데이터포럼 공동개최(10.11.)           a ※ note at the left margin: outside the levels

Levels come from the marks ○ (1), - (2) and · (3) when the text uses ○; otherwise from the
indentation, relative to the lines above (the 2024 document's text marks every level with "-"
and indents by one space). ※, ▶ and * after or instead of the level mark make a note, a ▶ line
or a footnote; a mark typed twice is read once. In 향후일정 each line ends with its period after
a colon, " : 10~12월" (projects.periods); a ※ note under it has none. 사업내용 sub-items are "-"
lines and ※ notes, all printed at level 2.

parse_section(section, text, year=…) reads a text into OutlineLine values, or raises one
ValidationError with a Korean message per bad line ("7번째 줄: …"); section_text(page, section)
writes a page's stored lines back as such text. The two are inverse: reading what section_text
wrote gives back the stored lines, and writing what was read is stable.
"""
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from projects.models import KIND_MARKS, AchievementItem, AchievementTableRow, Marker, OverviewSubItem, ScheduleItem
from projects.periods import Period, format_period, parse_period

OVERVIEW, ACHIEVEMENTS, SCHEDULE = "overview", "achievements", "schedule"
SECTIONS = (OVERVIEW, ACHIEVEMENTS, SCHEDULE)
SECTION_TITLES = {OVERVIEW: "사업내용 세부 항목", ACHIEVEMENTS: "추진실적", SCHEDULE: "향후일정"}
MAX_LEVEL = {OVERVIEW: 2, ACHIEVEMENTS: 3, SCHEDULE: 2}
KINDS_ALLOWED = {
    OVERVIEW: {Marker.BULLET, Marker.NOTE},
    ACHIEVEMENTS: {Marker.BULLET, Marker.NOTE, Marker.ARROW, Marker.FOOTNOTE, Marker.TABLE},
    SCHEDULE: {Marker.BULLET, Marker.NOTE},
}

LEVEL_MARKS = {1: "○", 2: "-", 3: "·"}
INDENT = "  "
# A level mark at the start of a line: ○ (also ◦ ●, and ㅇ as typed on a Korean keyboard) for
# level 1, - for level 2, · for level 3. "-" and "ㅇ" only when a space follows.
LEVEL_MARK = re.compile(r"(?P<mark>[○◦●]|ㅇ(?=\s)|[-–−](?=\s|$)|[·ㆍ•∙])\s*")
LEVEL_OF_MARK = {"○": 1, "◦": 1, "●": 1, "ㅇ": 1, "-": 2, "–": 2, "−": 2, "·": 3, "ㆍ": 3, "•": 3, "∙": 3}
KIND_MARK = re.compile(r"(?P<mark>※|[▶►▷]|\*)\s*")
KIND_OF_MARK = {"※": Marker.NOTE, "▶": Marker.ARROW, "►": Marker.ARROW, "▷": Marker.ARROW, "*": Marker.FOOTNOTE}
# The end of a 향후일정 line: " : 10~12월" (the last colon of the line).
PERIOD_AT_END = re.compile(r"(?P<text>.*?)\s*[:：]\s*(?P<period>[^:：]+?)\s*$")
# A row of only rules (----, ───) is the border of a table copied as text, not a row.
TABLE_BORDER = re.compile(r"[-─━=_+|\s]+")
# Leading whitespace of any kind indents (a no-break space from a word processor too).
LINE_NUMBER = re.compile(r"(\d+)번째 줄")
INDENT_WIDTH = {"\u3000": 2, "\t": 4}


@dataclass(frozen=True)
class OutlineLine:
    """One line of a section: a bullet, a ※ note, a ▶ line, a * footnote or a small table
    (rows of label, content pairs), with its level and, in 향후일정, its period."""

    level: int
    marker: str
    text: str = ""
    rows: tuple = ()
    period: Period | None = None
    number: int = field(default=0, compare=False)  # where it was read: the line of the text (1, 2…)


# ---------------------------------------------------------------- the stored lines

def stored_lines(page, section: str) -> list[OutlineLine]:
    """The page's lines of a section as stored, in order (prefetched relations are used)."""
    if section == OVERVIEW:
        return [OutlineLine(2, item.marker, item.text) for item in in_order(page.overview_items.all())]
    if section == ACHIEVEMENTS:
        return [
            OutlineLine(item.level, item.marker, item.text,
                        rows=tuple((row.label, row.content) for row in in_order(item.rows.all())))
            for item in in_order(page.achievements.all())
        ]
    if section == SCHEDULE:
        return [OutlineLine(item.level, item.marker, item.text, period=item.period)
                for item in in_order(page.schedule.all())]
    raise ValueError(f"unknown section {section!r}")


def lines_as_of(page, section: str, when) -> list[OutlineLine]:
    """The page's lines of a section as they were at `when`, from their history (for a revert)."""
    if section == OVERVIEW:
        items = OverviewSubItem.history.as_of(when).filter(page_id=page.pk)
        return [OutlineLine(2, item.marker, item.text) for item in in_order(items)]
    if section == ACHIEVEMENTS:
        items = in_order(AchievementItem.history.as_of(when).filter(page_id=page.pk))
        rows = {}
        for row in in_order(AchievementTableRow.history.as_of(when).filter(item_id__in=[i.pk for i in items])):
            rows.setdefault(row.item_id, []).append((row.label, row.content))
        return [OutlineLine(item.level, item.marker, item.text, rows=tuple(rows.get(item.pk, ())))
                for item in items]
    if section == SCHEDULE:
        items = ScheduleItem.history.as_of(when).filter(page_id=page.pk)
        return [OutlineLine(item.level, item.marker, item.text, period=item.period) for item in in_order(items)]
    raise ValueError(f"unknown section {section!r}")


# A page's lines (and an achievement's table rows) read at once, for stored_lines. Unordered:
# in_order sorts them, and the models' own ordering starts with the page, which would join each
# query to the page, its 단위사업 and 정책사업 for nothing.
SECTION_PREFETCH = (
    Prefetch("overview_items", queryset=OverviewSubItem.objects.order_by()),
    Prefetch("achievements", queryset=AchievementItem.objects.order_by()),
    Prefetch("achievements__rows", queryset=AchievementTableRow.objects.order_by()),
    Prefetch("schedule", queryset=ScheduleItem.objects.order_by()),
)


def in_order(records):
    return sorted(records, key=lambda record: (record.order, record.pk))


def page_year(page) -> int:
    return page.unit.policy.edition.year


# ---------------------------------------------------------------- lines to text

def section_text(page, section: str) -> str:
    """A section of the page as the text a team lead edits."""
    return text_of(stored_lines(page, section), section, page_year(page))


def text_of(lines, section: str, year: int) -> str:
    out = []
    for position, line in enumerate(lines):
        if line.marker == Marker.TABLE:
            if out and out[-1] != "":
                out.append("")
            indent = INDENT * (line.level - 1) if line.level >= 2 else ""
            out.extend(f"{indent}{cell(label)}\t{cell(content)}" for label, content in line.rows)
            if position + 1 < len(lines):
                out.append("")
        else:
            out.append(line_text(line, section, year))
    return "\n".join(out)


def line_text(line: OutlineLine, section: str, year: int) -> str:
    if section == OVERVIEW:
        return f"{KIND_MARKS.get(line.marker, LEVEL_MARKS[2])} {line.text}"
    if line.marker == Marker.BULLET:
        prefix = f"{INDENT * (line.level - 1)}{LEVEL_MARKS.get(line.level, '-')} "
    elif line.level == 0:
        prefix = f"{KIND_MARKS[line.marker]} "
    elif line.level == 1:
        prefix = f"{LEVEL_MARKS[1]} {KIND_MARKS[line.marker]} "
    else:
        prefix = f"{INDENT * (line.level - 1)}{KIND_MARKS[line.marker]} "
    period = format_period(line.period, year) if section == SCHEDULE else ""
    return f"{prefix}{line.text}{f' : {period}' if period else ''}"


def cell(text: str) -> str:
    """A table cell as Excel copies it: quoted (its quotes doubled) when it holds a line break, a
    tab or a quote."""
    if "\n" in text or "\t" in text or '"' in text:
        return '"' + text.replace('"', '""') + '"'
    return text


# ---------------------------------------------------------------- text to lines

@dataclass
class Written:
    """A line of text as written, before its level is known."""

    number: int
    indent: int
    level_mark: int | None = None
    kind: str = Marker.BULLET
    text: str = ""
    rows: list = field(default_factory=list)  # a table: [(label, content)], its first row's line

    @property
    def is_table(self):
        return bool(self.rows)


def parse_section(section: str, text: str, year: int | None = None) -> list[OutlineLine]:
    """Read a section's text into its lines; `year` (the edition's) dates the periods of 향후일정.

    Raises ValidationError with one Korean message per bad line, naming the line by its number.
    """
    lines, errors = read_section(section, text, year)
    if errors:
        raise ValidationError(errors)
    return lines


def read_section(section: str, text: str, year: int | None = None) -> tuple[list[OutlineLine], list[str]]:
    """The lines that read, and a message per line that does not (for a preview while typing)."""
    if section not in SECTIONS:
        raise ValueError(f"unknown section {section!r}")
    errors = []
    written = read_lines(section, text or "", errors)
    lines = []
    for line, level in zip(written, levels_of(section, written)):
        try:
            lines.append(outline_line(section, line, level, year))
        except ValidationError as error:
            errors.extend(f"{line.number}번째 줄: {message}" for message in error.messages)
    errors.sort(key=line_number)
    return lines, errors


def line_number(message: str) -> int | None:
    """The line a message of read_section names ("7번째 줄: …" → 7)."""
    match = LINE_NUMBER.match(message)
    return int(match[1]) if match else None


def read_lines(section, text, errors) -> list[Written]:
    """The text's lines with their indentation and marks; consecutive tab-separated lines become
    one table; blank lines, lines of only a mark and table borders are skipped."""
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    written: list[Written] = []
    table, in_table = None, False
    index = 0
    while index < len(physical):
        number, raw = index + 1, physical[index]
        index += 1
        body = raw.lstrip()
        indent = sum(INDENT_WIDTH.get(c, 1) for c in raw[: len(raw) - len(body)])
        # A tab between cells makes a table row; a trailing tab only continues an open table
        # (an empty last cell), elsewhere it is left over from a copy.
        if "\t" in body.rstrip("\t ") or (in_table and "\t" in body):
            in_table = True
            row, index = table_row(body, physical, index, number, errors)
            if row is None:
                continue
            if table is None:
                table = Written(number, indent, kind=Marker.TABLE)
                written.append(table)
            table.rows.append(row)
            continue
        table, in_table = None, False
        if not body.strip() or TABLE_BORDER.fullmatch(body):
            continue
        line = marked_line(section, number, indent, body.strip(), errors)
        if line is not None:
            written.append(line)
    return written


def table_row(body, physical, index, number, errors):
    """One row of a table, reading on over the following lines while a quoted cell is open."""
    cells, still_open = split_cells(body)
    while still_open and index < len(physical):
        body += "\n" + physical[index]
        index += 1
        cells, still_open = split_cells(body)
    while cells and not cells[-1].strip():
        cells.pop()
    if TABLE_BORDER.fullmatch("".join(cells) or "-"):
        return None, index
    if len(cells) > 2:
        errors.append(f"{number}번째 줄: 표는 두 칸(구분, 내용)으로 적습니다. 이 줄은 {len(cells)}칸입니다.")
        return None, index
    label, content = (cells + ["", ""])[:2]
    label, content = label.strip(), content.strip()
    if (mark := LEVEL_MARK.match(label)) and mark.end() > len(mark["mark"]):
        label = label[mark.end():]  # a row pasted after the mark Enter wrote: "  - 구분<TAB>내용"
    if not label:
        errors.append(f"{number}번째 줄: 표의 구분 칸이 비어 있습니다.")
    elif len(label) > 100:
        errors.append(f"{number}번째 줄: 표의 구분은 100자까지 적습니다.")
    elif not content:
        errors.append(f"{number}번째 줄: 표의 내용 칸이 비어 있습니다.")
    else:
        return (label, content), index
    return None, index


def split_cells(body: str) -> tuple[list[str], bool]:
    """The cells of a tab-separated row, and whether a quoted cell is still open at its end.

    As Excel writes them: a cell that starts with a quote is quoted, "" inside it is one quote,
    and it may hold tabs and line breaks; a quote elsewhere in a cell is just a quote.
    """
    cells, position = [], 0
    while True:
        if body.startswith('"', position):
            text, position = quoted_cell(body, position + 1)
            if position is None:
                return cells + [text], True
            end = body.find("\t", position)
            text += body[position:] if end < 0 else body[position:end]
        else:
            end = body.find("\t", position)
            text = body[position:] if end < 0 else body[position:end]
        cells.append(text)
        if end < 0:
            return cells, False
        position = end + 1


def quoted_cell(body: str, position: int):
    """The text of a quoted cell from just after its opening quote: (text, position after the
    closing quote), or (text so far, None) when the quote is not closed yet."""
    text = []
    while position < len(body):
        char = body[position]
        if char == '"':
            if body.startswith('""', position):
                text.append('"')
                position += 2
                continue
            return "".join(text), position + 1
        text.append(char)
        position += 1
    return "".join(text), None


def marked_line(section, number, indent, body, errors) -> Written | None:
    if body.startswith("□"):
        if body[1:].strip() in (SECTION_TITLES[section], "사업개요", "사업내용"):
            return None  # the section's own heading, pasted with it
        errors.append(f"{number}번째 줄: □ 제목은 쪽의 제목입니다. 이 칸에는 그 아래 줄만 적습니다.")
        return None
    line = Written(number, indent)
    level_match = LEVEL_MARK.match(body)
    if level_match:
        line.level_mark = LEVEL_OF_MARK[level_match["mark"]]
        body = body[level_match.end():]
        while (again := LEVEL_MARK.match(body)) and again.end() > len(again["mark"]):
            body = body[again.end():]  # "- - …": a mark typed before a pasted one is read once
    kind_match = KIND_MARK.match(body)
    if kind_match:
        line.kind = KIND_OF_MARK[kind_match["mark"]]
        body = body[kind_match.end():]
        mark = kind_match["mark"]
        while body.startswith(mark):  # "※ ※ …": a mark is printed once
            body = body[len(mark):].lstrip()
    line.text = body.strip()
    if not line.text:
        return None  # a mark alone, as left by Enter: nothing to print
    return line


def levels_of(section, written: list[Written]) -> list[int]:
    """Each line's level. A ※/▶/* line at the left margin without a level mark is outside the
    levels (0); a table without indentation sits one level under the line above it. When the
    text uses ○, the report's own marks ○ - · say the level and a line without one is indented as
    the report prints it, two spaces a level; otherwise indentation says it, relative to the lines
    above (the 2024 document's text: "-" for every level, one space more for each)."""
    if section == OVERVIEW:
        return [2] * len(written)
    by_marks = any(line.level_mark == 1 for line in written)
    above = IndentLevels()
    levels = []
    for line in written:
        if line.is_table:
            level = 1 + line.indent // 2 if line.indent >= 2 else 2 if any(levels) else 1
        elif line.level_mark is None and line.kind != Marker.BULLET and line.indent == 0:
            level = 0
        elif by_marks:
            level = line.level_mark or 1 + line.indent // 2
        else:
            level = above.level_at(line.indent)
        levels.append(level)
    return levels


class IndentLevels:
    """The indentation and level of the open lines above: a deeper indent is one level down."""

    def __init__(self):
        self.stack: list[tuple[int, int]] = []

    def level_at(self, indent: int) -> int:
        while self.stack and self.stack[-1][0] > indent:
            self.stack.pop()
        if self.stack and self.stack[-1][0] == indent:
            return self.stack[-1][1]
        level = self.stack[-1][1] + 1 if self.stack else 1 + indent // 2
        self.stack.append((indent, level))
        return level


def outline_line(section, line: Written, level: int, year) -> OutlineLine:
    title = SECTION_TITLES[section]
    if line.kind == Marker.TABLE and line.kind not in KINDS_ALLOWED[section]:
        raise ValidationError(f"{title}에는 표를 쓸 수 없습니다.")
    if line.kind not in KINDS_ALLOWED[section]:
        raise ValidationError(f"{title}에는 '{KIND_MARKS[line.kind]}' 줄을 쓸 수 없습니다. '-' 줄과 '※' 줄만 씁니다.")
    if level > MAX_LEVEL[section]:
        raise ValidationError(f"{title}은 {MAX_LEVEL[section]}단계까지 적습니다. 들여쓰기를 줄이세요.")
    if line.is_table:
        return OutlineLine(level, Marker.TABLE, rows=tuple(line.rows), number=line.number)
    text, period = line.text, None
    if section == SCHEDULE and line.kind == Marker.BULLET:
        text, period = schedule_period(text, year)
    return OutlineLine(level, line.kind, text, period=period, number=line.number)


def schedule_period(text: str, year) -> tuple[str, Period]:
    match = PERIOD_AT_END.fullmatch(text)
    if not match or not match["text"]:
        raise ValidationError("향후일정 줄 끝에 기간을 ' : 10~12월'처럼 적으세요(※ 참고 줄은 기간 없이).")
    if year is None:
        raise ValidationError("단위사업을 먼저 고른 뒤 기간을 적으세요.")
    try:
        return match["text"], parse_period(match["period"], year)
    except ValueError as error:
        raise ValidationError(str(error)) from None
