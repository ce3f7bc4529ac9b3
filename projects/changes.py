"""Who last changed what on a programme page, read from its change history (django-simple-history).

A page's three sections are written apart, often by different people: 사업개요 (the page's 목표,
추진배경 and 사업내용, and its 사업내용 세부 항목), 추진실적 (its lines and the rows of their small
tables) and 향후일정 (its lines). The history tables are read rather than the live rows, so that a
deleted line counts as a change too, and so does a line edited on its own admin page. The queries
are a fixed number whatever the number of pages: one per history table, each giving back one
record per page (the newest, picked in the database by a window function).
"""
import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import F, OuterRef, Q, Subquery, Window
from django.db.models.functions import Lag, RowNumber

from projects.models import (
    AchievementItem, AchievementTableRow, Marker, OverviewSubItem, ProgramContact, ProgramPage, ScheduleItem,
)
from projects.outline import SECTIONS
from reports.history import SYSTEM_USER

# The page's own fields that belong to 사업개요, with the names the page prints them under.
OVERVIEW_FIELDS = {"goal": "목표", "background": "추진배경", "content": "사업내용"}

VERBS = {"+": "추가", "~": "수정", "-": "삭제"}
UNKNOWN_USER = SYSTEM_USER  # a record saved outside a request (load_report, a script), named as history names it
EXCERPT_LENGTH = 20


@dataclass(frozen=True)
class Change:
    """One change of a page: who, when, and what in a few Korean words ("추진실적 줄 'AI 기반…' 수정")."""

    user_name: str
    changed_at: datetime.datetime
    what: str


def excerpt(text: str) -> str:
    """A line as a Korean sentence names it: its first words in quotes, "(표)" for a table line."""
    text = text.strip()
    if not text:
        return "(표)"
    return f"'{text[:EXCERPT_LENGTH].rstrip()}…'" if len(text) > EXCERPT_LENGTH else f"'{text}'"


def user_name(user) -> str:
    if user is None:
        return UNKNOWN_USER
    return user.get_full_name() or user.get_username()


def change_of(record, what: str) -> Change:
    return Change(user_name(record.history_user), record.history_date, what)


def newest_first():
    return [F("history_date").desc(), F("history_id").desc()]


def newest_per(history, partition: str):
    """The newest record of `history` for each value of `partition` (a page's id), in the same query."""
    newest = Window(RowNumber(), partition_by=[F(partition)], order_by=newest_first())
    return history.annotate(newest_rank=newest).filter(newest_rank=1).select_related("history_user")


def since(history, moment):
    return history if moment is None else history.filter(history_date__gt=moment)


# ---------------------------------------------------------------- the page's own 사업개요 fields

def previous_value(field: str):
    """The field as the page's record just before this one had it (None for its first record)."""
    earlier = ProgramPage.history.filter(id=OuterRef("id")).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
    )
    return Subquery(earlier.order_by(*newest_first()).values(field)[:1])


def overview_field_changes(page_ids, after=None):
    """(page id, Change) for the newest record of each page that changed 목표, 추진배경 or 사업내용.

    A page is saved again whenever its form is (to save a line, or its version): such a record with
    the same three texts is no change of 사업개요, so each record is compared with the one before it.
    """
    in_order = {"partition_by": [F("id")], "order_by": [F("history_date").asc(), F("history_id").asc()]}
    history = ProgramPage.history.filter(id__in=page_ids).annotate(
        **{f"before_{name}": Window(Lag(name), **in_order) for name in OVERVIEW_FIELDS}
    )
    changed = history.filter(reduce(or_, (
        Q(**{f"before_{name}__isnull": True}) | ~Q(**{name: F(f"before_{name}")}) for name in OVERVIEW_FIELDS
    )))
    newest = newest_per(ProgramPage.history.filter(history_id__in=changed.values("history_id")), "id")
    newest = since(newest, after).annotate(**{f"previous_{name}": previous_value(name) for name in OVERVIEW_FIELDS})
    for record in newest:
        previous = {name: getattr(record, f"previous_{name}") for name in OVERVIEW_FIELDS}
        if all(value is None for value in previous.values()):
            what = "사업개요 작성"
        else:
            what = "사업개요 " + "·".join(
                label for name, label in OVERVIEW_FIELDS.items() if getattr(record, name) != previous[name]
            )
        yield record.id, change_of(record, what)


# ---------------------------------------------------------------- the lines

def verb(record) -> str:
    return VERBS.get(record.history_type, "수정")


def line_what(kind: str, record) -> str:
    if getattr(record, "marker", None) == Marker.TABLE:  # a 추진실적 line that is a small table: no text
        return f"추진실적 표 {verb(record)}"
    return f"{kind} {excerpt(record.text)} {verb(record)}"


def line_changes(model, kind: str, page_ids, after=None):
    """(page id, Change) for the newest record of the page's lines of `model`, a deleted line included."""
    for record in since(newest_per(model.history.filter(page_id__in=page_ids), "page_id"), after):
        yield record.page_id, change_of(record, line_what(kind, record))


def table_row_changes(page_ids, after=None):
    """(page id, Change) for the newest record of the rows of each page's 추진실적 tables.

    A row knows its 추진실적 line, not the page: the lines are found in their own history (so that
    the rows of a deleted table are found too), and each row is counted on the page of its line.
    """
    items = AchievementItem.history.filter(page_id__in=page_ids)
    page_of_item = items.filter(id=OuterRef("item_id")).order_by(*newest_first()).values("page_id")[:1]
    rows = AchievementTableRow.history.filter(item_id__in=items.values("id")).annotate(row_page=Subquery(page_of_item))
    for record in since(newest_per(rows, "row_page"), after):
        what = f"추진실적 표 행 {excerpt(record.label)} {verb(record)}"
        yield record.row_page, change_of(record, what)


def contact_changes(page_ids, after=None):
    for record in since(newest_per(ProgramContact.history.filter(page_id__in=page_ids), "page_id"), after):
        role = dict(ProgramContact.Role.choices).get(record.role, record.role)
        yield record.page_id, change_of(record, f"연락처 {role} {verb(record)}")


def section_sources(page_ids, after=None):
    """(section, page id, Change) from every history table of the three sections: five queries."""
    sources = (
        ("overview", overview_field_changes(page_ids, after)),
        ("overview", line_changes(OverviewSubItem, "사업내용 항목", page_ids, after)),
        ("achievements", line_changes(AchievementItem, "추진실적 줄", page_ids, after)),
        ("achievements", table_row_changes(page_ids, after)),
        ("schedule", line_changes(ScheduleItem, "향후일정 줄", page_ids, after)),
    )
    for section, changes in sources:
        for page_id, change in changes:
            yield section, page_id, change


def later(first: Change | None, second: Change | None) -> Change | None:
    if first is None or (second is not None and second.changed_at > first.changed_at):
        return second
    return first


# ---------------------------------------------------------------- public

def section_changes(pages) -> dict[int, dict[str, Change | None]]:
    """{page id: {"overview" | "achievements" | "schedule": the section's last Change, or None}}.

    For the team lead's home page: who last changed each section of each of their pages and when,
    in five queries whatever the number of pages.
    """
    page_ids = [page.pk for page in pages]
    found = {page_id: dict.fromkeys(SECTIONS) for page_id in page_ids}
    for section, page_id, change in section_sources(page_ids):
        found[page_id][section] = later(found[page_id][section], change)
    return found


def last_change(page, since_version=None) -> Change | None:
    """The latest change of the page or of any of its lines (its three sections and its contacts).

    since_version: the version of the page a form was opened at; then only what was changed after
    the page's record of that version counts, and None means nothing was (for the message of a
    stale save: who changed what since the form was opened). A version older than every record
    (history cleared) counts everything. Six queries, seven with since_version.
    """
    after = None
    if since_version is not None:
        after = (
            page.history.filter(version__lte=since_version).order_by(*newest_first())
            .values_list("history_date", flat=True).first()
        )
    latest = None
    for _, _, change in section_sources([page.pk], after):
        latest = later(latest, change)
    for _, change in contact_changes([page.pk], after):
        latest = later(latest, change)
    return latest
