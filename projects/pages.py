"""Section III of the report: each 단위사업's 주요 현안업무 page as the report prints it.

The page's lines with their printed marks (○ - · ※ ▶ *), periods and small tables, its contact line
grouped as printed, and its 사업예산 from the budget tree (budget.figures.programme_tree), in a
fixed number of queries whatever the size of the data. workreport.rendering places the entries in
the report; the same entries serve every format the report is printed in.
"""
from dataclasses import dataclass, field

from django.db.models import Prefetch

from projects.models import (
    KIND_MARKS, AchievementItem, Marker, OverviewSubItem, ProgramContact, ProgramPage, ScheduleItem, StrategicGoal,
    StrategicTask, Strategy,
)
from projects.outline import ACHIEVEMENTS, OVERVIEW, SCHEDULE, SECTIONS, stored_lines
from projects.periods import format_period

CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
BULLET_MARKS = {0: "", 1: "○", 2: "-", 3: "·"}
MARKS = {**KIND_MARKS, Marker.TABLE: ""}
# A small table of 추진실적 whose first row reads "구분 | …" prints that row as its header.
TABLE_HEADER_LABEL = "구분"


def item_mark(marker: str, level: int) -> str:
    """The printed mark of a line: ○ / - / · by level for bullets, ※ ▶ * for the others."""
    if marker == Marker.BULLET:
        return BULLET_MARKS.get(level, "-")
    return MARKS.get(marker, "")


# ---------------------------------------------------------------- section III pages

@dataclass(frozen=True)
class ContactGroup:
    """One entry of a contact line; officers of the same title and phone share it ("김종호, 정규정 ☎4654")."""

    title: str
    names: str
    phone: str


@dataclass(frozen=True)
class Line:
    """A printed line of 추진실적, 사업내용 sub-items or 향후일정 (period "" when there is none)."""

    level: int
    marker: str
    mark: str
    text: str
    period: str = ""
    header: object = None
    rows: tuple = ()


@dataclass
class ProgrammeEntry:
    """A 단위사업's page in section III, ready for report/_programme_page.html."""

    page: ProgramPage
    number: str
    title: str
    total: int
    budget_note: str
    circled: str = ""
    contacts: list = field(default_factory=list)
    overview_items: list = field(default_factory=list)
    achievements: list = field(default_factory=list)
    schedule: list = field(default_factory=list)


def contact_groups(contacts) -> list[ContactGroup]:
    groups: list[ContactGroup] = []
    for contact in contacts:
        post = contact.post
        previous = groups[-1] if groups else None
        if previous and previous.title == post.title and previous.phone == post.person.phone:
            groups[-1] = ContactGroup(post.title, f"{previous.names}, {post.person.name}", post.person.phone)
        else:
            groups.append(ContactGroup(post.title, post.person.name, post.person.phone))
    return groups


@dataclass(frozen=True)
class TableRow:
    label: str
    content: str


def printed_lines(lines, year: int) -> list[Line]:
    """The lines of a section (projects.outline.OutlineLine) as printed: marks by level, periods in
    the report's form, a small table's "구분" row as its header."""
    printed = []
    for line in lines:
        if line.marker == Marker.TABLE:
            rows = [TableRow(label, content) for label, content in line.rows]
            header = rows.pop(0) if rows and rows[0].label.replace(" ", "") == TABLE_HEADER_LABEL else None
            printed.append(Line(line.level, line.marker, "", "", header=header, rows=tuple(rows)))
        else:
            printed.append(Line(line.level, line.marker, item_mark(line.marker, line.level), line.text,
                                period=format_period(line.period, year)))
    return printed


def programme_pages(units):
    """The ProgramPage of each given 단위사업 with everything its page prints, in 6 queries."""
    contacts = ProgramContact.objects.select_related("post__person").order_by("order", "pk")
    return {
        page.unit_id: page
        for page in ProgramPage.objects.filter(unit__in=units).select_related("unit__policy__edition").prefetch_related(
            Prefetch("contacts", queryset=contacts),
            Prefetch("overview_items", queryset=OverviewSubItem.objects.order_by("order", "pk")),
            Prefetch("achievements", queryset=AchievementItem.objects.order_by("order", "pk")),
            "achievements__rows",
            Prefetch("schedule", queryset=ScheduleItem.objects.order_by("order", "pk")),
        )
    }


def programme_entry(page, unit_node, position=0) -> ProgrammeEntry:
    return draft_entry(
        page, unit_node, {section: stored_lines(page, section) for section in SECTIONS}, position,
    )


def draft_entry(page, unit_node, lines: dict, position=0) -> ProgrammeEntry:
    """The entry of a page with the given lines of each section: the stored ones for the report, or
    lines just typed (not saved) for the editor's preview, printed by the same template."""
    year = page.unit.policy.edition.year
    return ProgrammeEntry(
        page=page,
        number=unit_node.number,
        title=unit_node.name,
        total=unit_node.total,
        budget_note=unit_node.budget_note,
        circled=CIRCLED_NUMBERS[position] if position < len(CIRCLED_NUMBERS) else f"({position + 1})",
        contacts=contact_groups(page.contacts.all()),
        overview_items=printed_lines(lines[OVERVIEW], year),
        achievements=printed_lines(lines[ACHIEVEMENTS], year),
        schedule=printed_lines(lines[SCHEDULE], year),
    )


def programme_sections(tree) -> list[dict]:
    """Section III: each 정책사업 of the budget tree with the pages of its 단위사업, in order."""
    units = [unit_node.unit for policy in tree.programmes for unit_node in policy.units]
    pages = programme_pages(units)
    sections = []
    for policy in tree.programmes:
        entries = []
        for unit_node in policy.units:
            page = pages.get(unit_node.unit.pk)
            if page is not None:
                entries.append(programme_entry(page, unit_node, len(entries)))
        sections.append({"policy": policy, "entries": entries})
    return sections


def unit_entries(tree, unit) -> list[ProgrammeEntry]:
    """The entry of one 단위사업's page (numbered as in its 정책사업), or none when it has no page."""
    for policy in tree.programmes:
        for position, unit_node in enumerate(policy.units):
            if unit_node.unit.pk == unit.pk:
                page = programme_pages([unit]).get(unit.pk)
                return [programme_entry(page, unit_node, position)] if page else []
    return []


def strategy_of(edition):
    """Section II: the edition's 미션, 비전, 핵심가치, 중기 정책목표 and 전략목표 with their 과제 (three queries)."""
    return (
        Strategy.objects.filter(edition=edition)
        .prefetch_related(
            "core_values", "mid_term_goals",
            Prefetch("strategic_goals", queryset=StrategicGoal.objects.order_by("order", "pk")),
            Prefetch("strategic_goals__tasks", queryset=StrategicTask.objects.order_by("order", "pk")),
        )
        .first()
    )
