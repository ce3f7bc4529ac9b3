"""Saving a section's lines (projects.outline) onto its page: the one write path of the text editor.

A save changes only what changed. The stored lines are matched against the new ones in order
(difflib): an unchanged line keeps its row and its history, a changed line is updated in place,
and only lines that are really new or gone are created or deleted. So inserting one line in the
middle of 1-1's 추진실적 writes one row and one history record, not fifteen, and the version check
(projects.concurrency) sees exactly what was touched. Orders are spaced by ten so that a line put
between two others takes a free number; when none is free the section is numbered again.
"""
from difflib import SequenceMatcher

from django.db import transaction

from projects.models import AchievementItem, AchievementTableRow, Marker, OverviewSubItem, ScheduleItem
from projects.outline import ACHIEVEMENTS, OVERVIEW, SCHEDULE, OutlineLine, in_order, stored_lines

ORDER_STEP = 10
MODELS = {OVERVIEW: OverviewSubItem, ACHIEVEMENTS: AchievementItem, SCHEDULE: ScheduleItem}
RELATED = {OVERVIEW: "overview_items", ACHIEVEMENTS: "achievements", SCHEDULE: "schedule"}


@transaction.atomic
def replace_section(page, section: str, lines: list[OutlineLine]) -> bool:
    """Make the page's section hold exactly `lines`, in their order. Returns whether anything changed.

    Every row is validated with full_clean() before it is saved; a refusal rolls the whole
    section back. The page's prefetched lines of the section are stale afterwards: read it again.
    """
    records = in_order(getattr(page, RELATED[section]).all())
    old = stored_lines(page, section)
    if old == list(lines):
        return False
    kept: list = [None] * len(lines)  # the stored record each new line keeps, if any
    removed = []
    matcher = SequenceMatcher(a=old, b=list(lines), autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        paired = min(old_end - old_start, new_end - new_start) if tag != "equal" else old_end - old_start
        for offset in range(paired):
            kept[new_start + offset] = records[old_start + offset]
        removed.extend(records[old_start + paired:old_end])
    for record in removed:
        record.delete()
    orders = spaced_orders([record.order if record else None for record in kept])
    for line, record, order, was in zip(lines, kept, orders, kept_lines(kept, records, old)):
        write_line(page, section, record, line, order, was)
    return True


def kept_lines(kept, records, old):
    """The stored line each kept record had (None for a new line)."""
    line_of = {record.pk: line for record, line in zip(records, old)}
    return [line_of[record.pk] if record else None for record in kept]


def spaced_orders(current: list) -> list[int]:
    """Orders for the lines in their new order: kept rows keep theirs where they still rise and a
    new row takes a number between its neighbours; otherwise all are numbered again by ten."""
    orders = []
    previous = 0
    for position, order in enumerate(current):
        if order is not None and order > previous:
            orders.append(order)
        else:
            following = next((o for o in current[position + 1:] if o is not None), None)
            candidate = previous + ORDER_STEP if following is None else (previous + following) // 2
            if candidate <= previous or (following is not None and candidate >= following):
                return [ORDER_STEP * (index + 1) for index in range(len(current))]
            orders.append(candidate)
        previous = orders[-1]
    return orders


def write_line(page, section, record, line: OutlineLine, order: int, was: OutlineLine | None):
    if record is not None and was == line and record.order == order:
        return
    if record is None:
        record = MODELS[section](page=page)
    record.order = order
    if section != OVERVIEW:
        record.level = line.level
    record.marker = line.marker
    record.text = line.text
    if section == SCHEDULE:
        record.period = line.period
    record.full_clean()
    record.save()
    if section == ACHIEVEMENTS and (line.rows or (was is not None and was.rows)) and (was is None or was.rows != line.rows):
        write_rows(record, line.rows if line.marker == Marker.TABLE else ())


def write_rows(item, rows):
    existing = in_order(item.rows.all())
    for position, (label, content) in enumerate(rows):
        row = existing[position] if position < len(existing) else AchievementTableRow(item=item)
        if row.pk and (row.label, row.content, row.order) == (label, content, position + 1):
            continue
        row.order, row.label, row.content = position + 1, label, content
        row.full_clean()
        row.save()
    for row in existing[len(rows):]:
        row.delete()
