"""신구대조표 of a programme page: its text now (개정안) beside an earlier text of it (현행).

The earlier text is either the page as the council last received it, at the last published edition
of its year (reports.models.PublishedEdition.published_at, read from the change history), or the
page of the same 단위사업 number in the previous year's edition, as it stands now.

Texts are those the team lead edits (projects.outline.text_of: the marks ○ - · ※ ▶ *, the periods
of 향후일정 as the report prints them), one printed line a line; the page's 목표, 추진배경 and
사업내용 open 사업개요. Two texts are aligned line by line (difflib), then the words (어절: split on
spaces) of each changed pair, so that a row says which words went (현행) and which came (개정안).

Selectors only: no view, no template. The queries are a fixed number whatever the page's size.
"""
import difflib
import re
from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from projects.models import ProgramPage
from projects.outline import (
    ACHIEVEMENTS, OVERVIEW, SCHEDULE, SECTION_PREFETCH, lines_as_of, page_year, split_cells, stored_lines, text_of,
)
from reports.formatting import format_moment
from reports.models import PublishedEdition

# The sections as the page prints them, and the key of each in the texts below.
SECTION_TITLES = {OVERVIEW: "사업개요", ACHIEVEMENTS: "추진실적", SCHEDULE: "향후일정"}
# The page's own fields that open 사업개요, with the labels the report prints them under.
OVERVIEW_FIELDS = (("goal", "(목표)"), ("background", "(추진배경)"), ("content", "(사업내용)"))
LEADING_SPACE = re.compile(r"^[ \t]*")
# Two lines of a changed block are one line rewritten when at least half their words are shared.
PAIRED_SIMILARITY = 0.5

NEVER_PUBLISHED = "발행된 적이 없습니다"
NO_PREVIOUS_YEAR = "전년도 업무보고에 같은 사업이 없습니다"
NOT_YET_WRITTEN = "발행 당시에는 이 쪽이 없었습니다"


# ---------------------------------------------------------------- a page's texts

def sections_of(page, lines_of) -> dict[str, str]:
    """{section: text} of a page whose lines of each section `lines_of(section)` gives."""
    year = page_year(page)
    # 목표 prints in its box above the ○ lines, without a mark
    opening = [f"{'' if name == 'goal' else '○ '}{label} {getattr(page, name)}" for name, label in OVERVIEW_FIELDS]
    overview = text_of(lines_of(OVERVIEW), OVERVIEW, year)
    return {
        OVERVIEW: "\n".join(opening + ([overview] if overview else [])),
        ACHIEVEMENTS: text_of(lines_of(ACHIEVEMENTS), ACHIEVEMENTS, year),
        SCHEDULE: text_of(lines_of(SCHEDULE), SCHEDULE, year),
    }


def page_sections_now(page: ProgramPage) -> dict[str, str]:
    """The page's three sections as they stand: {"overview" | "achievements" | "schedule": text}.

    Four queries for the lines (사업내용 items, 추진실적 lines, their table rows, 향후일정), none for
    a relation already prefetched; the page should come with select_related("unit__policy__edition").
    """
    prefetch_related_objects([page], *SECTION_PREFETCH)
    return sections_of(page, lambda section: stored_lines(page, section))


def page_sections_as_of(page: ProgramPage, when) -> dict[str, str] | None:
    """The page's three sections as they stood at `when`, from their history; None when the page
    did not exist then. Five queries: the page's record, then the lines of each section."""
    try:
        then = page.history.as_of(when)
    except ProgramPage.DoesNotExist:
        return None
    then.unit = page.unit  # the year of its periods: a page never moves to another year
    return sections_of(then, lambda section: lines_as_of(page, section, when))


def previous_year_page(page: ProgramPage) -> ProgramPage | None:
    """The page of the same 단위사업 number in the previous year's edition, or None. One query."""
    return (
        ProgramPage.objects.filter(unit__number=page.unit.number, unit__policy__edition__year=page_year(page) - 1)
        .select_related("unit__policy__edition").first()
    )


def last_publication(edition) -> PublishedEdition | None:
    """The edition's last published edition (the one the council last received), or None. One query."""
    return PublishedEdition.objects.filter(edition=edition).order_by("-published_at", "-pk").first()


# ---------------------------------------------------------------- aligning two texts

@dataclass(frozen=True)
class Segment:
    """A run of words of one side of a row; `changed` words went (현행) or came (개정안)."""

    text: str
    changed: bool = False


@dataclass(frozen=True)
class Row:
    """One row of the table: a line of 현행 beside a line of 개정안.

    A side with no line (a line added or deleted) has no segments; `old_indent` and `new_indent`
    are each line's depth in spaces as written, `changed` whether the two lines differ at all (a
    line moved one level down differs in its indent only).
    """

    old: tuple[Segment, ...]
    new: tuple[Segment, ...]
    changed: bool
    old_indent: int = 0
    new_indent: int = 0


def text_lines(text: str) -> list[str]:
    """The lines of a text to compare, one printed line each: blank lines (around a table) skipped;
    a table row (tab-separated, a cell with line breaks quoted, as projects.outline writes it) as
    "구분 | 내용", one line for each line of its 내용, so that a changed line of a cell is found."""
    physical = (text or "").split("\n")
    lines, index = [], 0
    while index < len(physical):
        line = physical[index].rstrip()
        index += 1
        if "\t" not in line:
            if line.strip():
                lines.append(line)
            continue
        cells, still_open = split_cells(line.lstrip())
        while still_open and index < len(physical):
            line += "\n" + physical[index]
            index += 1
            cells, still_open = split_cells(line.lstrip())
        indent = line[: indent_of(line)]
        label, content = (cells + ["", ""])[:2]
        lines += [f"{indent}{label} | {part}".rstrip() for part in content.split("\n")]
    return lines


def indent_of(line: str) -> int:
    return len(LEADING_SPACE.match(line)[0])


def merged(segments) -> tuple[Segment, ...]:
    """Neighbouring runs of the same kind as one."""
    out: list[Segment] = []
    for segment in segments:
        if out and out[-1].changed == segment.changed:
            out[-1] = Segment(f"{out[-1].text} {segment.text}", segment.changed)
        else:
            out.append(segment)
    return tuple(out)


def compare_words(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """The words of two lines aligned: (old segments, new segments), words only in one marked."""
    old_words, new_words = old.split(), new.split()
    old_out, new_out = [], []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            old_out.append(Segment(" ".join(old_words[i1:i2])))
            new_out.append(Segment(" ".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            old_out.append(Segment(" ".join(old_words[i1:i2]), changed=True))
        if j2 > j1:
            new_out.append(Segment(" ".join(new_words[j1:j2]), changed=True))
    return merged(old_out), merged(new_out)


def whole(line: str | None, changed: bool) -> tuple[Segment, ...]:
    return (Segment(line.strip(), changed),) if line and line.strip() else ()


def paired_row(old: str | None, new: str | None) -> Row:
    if old is None or new is None:
        return Row(whole(old, True), whole(new, True), True,
                   indent_of(old) if old else 0, indent_of(new) if new else 0)
    old_segments, new_segments = compare_words(old, new)
    return Row(old_segments, new_segments, old != new, indent_of(old), indent_of(new))


def compare_texts(old: str, new: str) -> list[Row]:
    """The rows of a 신구대조 of two texts: equal lines side by side unmarked; in a block of changed
    lines, alike lines paired (paired_lines) and compared word by word; lines only on one side
    beside nothing."""
    old_lines, new_lines = text_lines(old), text_lines(new)
    rows = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row(whole(a, False), whole(b, False), False, indent_of(a), indent_of(b))
                     for a, b in zip(old_lines[i1:i2], new_lines[j1:j2])]
            continue
        rows += [paired_row(a, b) for a, b in paired_lines(old_lines[i1:i2], new_lines[j1:j2])]
    return rows


def similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def paired_lines(olds: list[str], news: list[str]) -> list[tuple[str | None, str | None]]:
    """The lines of a changed block paired in order, each with the most alike line of the other
    side (most words in common over the block); a line alike to none (fewer than half its words
    shared) stands alone, so that two different lines are not shown as one line rewritten."""
    alike = [[similarity(a, b) for b in news] for a in olds]
    best = [[0.0] * (len(news) + 1) for _ in range(len(olds) + 1)]
    for i in range(len(olds) - 1, -1, -1):
        for j in range(len(news) - 1, -1, -1):
            paired = alike[i][j] + best[i + 1][j + 1] if alike[i][j] >= PAIRED_SIMILARITY else 0.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired)
    pairs, i, j = [], 0, 0
    while i < len(olds) or j < len(news):
        if i < len(olds) and j < len(news) and alike[i][j] >= PAIRED_SIMILARITY \
                and best[i][j] == alike[i][j] + best[i + 1][j + 1]:
            pairs.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif j == len(news) or (i < len(olds) and best[i + 1][j] >= best[i][j + 1]):
            pairs.append((olds[i], None))
            i += 1
        else:
            pairs.append((None, news[j]))
            j += 1
    return pairs


# ---------------------------------------------------------------- a page's 신구대조

@dataclass(frozen=True)
class SectionComparison:
    key: str
    title: str
    rows: list

    @property
    def changed(self) -> bool:
        return any(row.changed for row in self.rows)


@dataclass(frozen=True)
class Comparison:
    """The page now (개정안) against one earlier text of it (현행), section by section.

    `old_label` names the 현행 column ("2024년 제1판(2024. 11. 1. 14:30 발행)"); when there is nothing to
    compare with, `sections` is empty and `missing` says why in a Korean sentence.
    """

    kind: str
    title: str
    old_label: str
    new_label: str
    sections: list
    missing: str = ""

    @property
    def changed(self) -> bool:
        return any(section.changed for section in self.sections)


def compare_sections(old: dict[str, str], new: dict[str, str]) -> list[SectionComparison]:
    return [SectionComparison(key, title, compare_texts(old[key], new[key])) for key, title in SECTION_TITLES.items()]


def unit_title(page) -> str:
    return f"{page.unit.number}. {page.unit.name}"


def published_comparison(page: ProgramPage, *, now: dict[str, str] | None = None) -> Comparison:
    """The page now against the page at the last published edition of its year: 10 queries, 6 with
    `now` (the page's texts now, when already read); 1 when the year was never published."""
    edition = page.unit.policy.edition
    new_label = f"{edition.year}년 현재"
    title = "지난 발행본 대비"
    publication = last_publication(edition)
    if publication is None:
        return Comparison("published", title, "발행본", new_label, [],
                          f"{edition.year}년 업무보고는 {NEVER_PUBLISHED}.")
    # the 판 as the published file prints it on every page ("제1판"), and the moment it stands at
    old_label = f"{edition.year}년 제{publication.issue}판({format_moment(publication.published_at)} 발행)"
    then = page_sections_as_of(page, publication.published_at)
    if then is None:
        return Comparison("published", title, old_label, new_label, [], f"{NOT_YET_WRITTEN}.")
    return Comparison("published", title, old_label, new_label,
                      compare_sections(then, now or page_sections_now(page)))


def previous_year_comparison(page: ProgramPage, *, now: dict[str, str] | None = None) -> Comparison:
    """The page now against the same 단위사업 number's page of the previous year, as it stands:
    9 queries, 5 with `now`; 1 when last year has no such page."""
    year = page_year(page)
    title = "전년도 대비"
    new_label = f"{year}년 현재"
    previous = previous_year_page(page)
    if previous is None:
        return Comparison("previous_year", title, f"{year - 1}년", new_label, [],
                          f"{NO_PREVIOUS_YEAR}({year - 1}년 {page.unit.number}).")
    return Comparison("previous_year", title, f"{year - 1}년 {unit_title(previous)}", new_label,
                      compare_sections(page_sections_now(previous), now or page_sections_now(page)))


def page_comparisons(page: ProgramPage) -> list[Comparison]:
    """Both 신구대조 of a page: against its last published edition, then against the previous year.

    The page should come with select_related("unit__policy__edition"); at most 15 queries, whatever
    the number of lines (projects/tests/test_comparison.py counts them).
    """
    now = page_sections_now(page)
    return [published_comparison(page, now=now), previous_year_comparison(page, now=now)]


def programme_page(year: int, number: str) -> ProgramPage | None:
    """The page of 단위사업 `number` ("1-1") in the edition of `year`, or None. One query."""
    return (
        ProgramPage.objects.filter(unit__policy__edition__year=year, unit__number=number)
        .select_related("unit__policy__edition").first()
    )
