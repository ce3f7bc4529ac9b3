"""The staffing figures of the report: the 인력 table, the 조직 line and the org chart.

정원 (authorised) and 현원 (current) are dated records shared by every year; a report asks
for them as of its 기준일. 과부족 = 현원 − 정원, computed here and never stored.
Each function runs a fixed number of queries, whatever the size of the data.
"""
import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import AuthorisedHeadcount, ContractStaffCount, CurrentHeadcount, DutyGroup, DutyItem, Grade, OrgUnit

TOTAL_LABEL = "계"


@dataclass(frozen=True)
class HeadcountRow:
    """A column of the 인력 table: 정원, 현원 and 과부족 (현원 − 정원) of one grade, or of all (계)."""

    grade: str
    authorised: int
    current: int
    is_total: bool = False

    @property
    def gap(self):
        """과부족: surplus positive (+4), shortage negative (printed △1)."""
        return self.current - self.authorised


@dataclass(frozen=True)
class DatedCount:
    """One stored count of a grade: 정원 from its 시행일, or 현원 of a census (조사일)."""

    grade_id: int
    on: datetime.date
    count: int


def authorised_entries(until):
    """Every 정원 entry in force from a date on or before `until`, oldest first (one query)."""
    return [DatedCount(*values) for values in AuthorisedHeadcount.objects.filter(effective_from__lte=until)
            .order_by("effective_from", "pk").values_list("grade_id", "effective_from", "count")]


def census_entries(until):
    """Every 현원 census row of a date on or before `until`, oldest first (one query)."""
    return [DatedCount(*values) for values in CurrentHeadcount.objects.filter(as_of__lte=until)
            .order_by("as_of", "pk").values_list("grade_id", "as_of", "count")]


def authorised_in_force(entries, on):
    """정원 per grade id on a date: each grade's latest entry from on or before that date (a grade
    not changed since stays in force)."""
    in_force = {}
    for entry in entries:
        if entry.on <= on:
            in_force[entry.grade_id] = entry.count  # later entries overwrite earlier ones
    return in_force


def census_on(entries, on):
    """(census date, 현원 per grade id) of the latest 현원 census on or before a date; (None, {}) before
    the first. A grade absent from that census counts 0."""
    census = max((entry.on for entry in entries if entry.on <= on), default=None)
    return census, {entry.grade_id: entry.count for entry in entries if entry.on == census}


def current_census_date(as_of):
    """The date of the 현원 census the report uses: the latest one on or before as_of (or None)."""
    return census_on(census_entries(as_of), as_of)[0]


def headcount_table(as_of):
    """The 인력 table: the 계 row first, then one row per grade in print order (이사장, 1급 … 7급).

    In 2024 (as of 2024-10-18): 정원 45, 현원 45, 과부족 0 in total.
    """
    authorised = authorised_in_force(authorised_entries(as_of), as_of)
    current = census_on(census_entries(as_of), as_of)[1]
    rows = [
        HeadcountRow(grade.name, authorised.get(grade.pk, 0), current.get(grade.pk, 0))
        for grade in Grade.objects.order_by("order")
    ]
    total = HeadcountRow(
        TOTAL_LABEL, sum(r.authorised for r in rows), sum(r.current for r in rows), is_total=True
    )
    return [total, *rows]


def contract_staff(as_of):
    """정원 외 인력 (계약직) from the latest count on or before as_of; 0 when none (11 in 2024)."""
    latest = ContractStaffCount.objects.filter(as_of__lte=as_of).order_by("-as_of").first()
    return latest.count if latest else 0


def latest_entry_date():
    """The latest date any 인력 figure changes on (a 정원 시행일, a 현원 조사 or a 계약직 count), or
    None: the home page shows the figures then beside the report's 기준일 when it is later."""
    dates = [
        model.objects.order_by(f"-{date_field}").values_list(date_field, flat=True).first()
        for model, date_field in ((AuthorisedHeadcount, "effective_from"), (CurrentHeadcount, "as_of"),
                                  (ContractStaffCount, "as_of"))
    ]
    return max((date for date in dates if date is not None), default=None)


def total_staff(as_of):
    """The headline "인 력 : 56명": 현원 (people in post within 정원) + 계약직 (45 + 11 in 2024)."""
    return total_staff_of(headcount_table(as_of), contract_staff(as_of))


def total_staff_of(headcount_rows, contract):
    """total_staff from figures already at hand: the 계 row's 현원 of headcount_table + 계약직."""
    return headcount_rows[0].current + contract


# ---------------------------------------------------------------- organisation

@dataclass(frozen=True)
class OrgNode:
    """A unit of the org chart with its sub-units in order."""

    name: str
    kind: str
    children: tuple = ()
    unit: OrgUnit = field(default=None, compare=False, repr=False)


def org_tree(edition):
    """The org chart of the edition: the root unit(s) (재단) with nested sub-units, in order."""
    units = list(OrgUnit.objects.filter(edition=edition).order_by("order", "name"))
    children_of = {}
    for unit in units:
        children_of.setdefault(unit.parent_id, []).append(unit)

    def node(unit):
        return OrgNode(unit.name, unit.kind, tuple(node(c) for c in children_of.get(unit.pk, [])), unit)

    known = {u.pk for u in units}
    return [node(u) for u in units if u.parent_id is None or u.parent_id not in known]


SUMMARY_KINDS = (OrgUnit.Kind.OFFICE, OrgUnit.Kind.HEADQUARTERS, OrgUnit.Kind.TEAM)


def org_summary(edition):
    """The 조직 line: "1실 1본부 7팀", counted from the kinds of the units (kinds with none left out)."""
    return org_summary_of(org_tree(edition))


def org_summary_of(tree):
    """org_summary from an org_tree already at hand."""
    kinds = []
    pending = list(tree)
    while pending:
        node = pending.pop()
        kinds.append(node.kind)
        pending.extend(node.children)
    labels = dict(OrgUnit.Kind.choices)
    parts = [f"{kinds.count(kind)}{labels[kind]}" for kind in SUMMARY_KINDS if kind in kinds]
    return " ".join(parts)


def teams_with_duties(edition):
    """The 팀별 주요업무 table: the teams in order, each with its duty groups ([heading]) and items (○)."""
    return list(
        OrgUnit.objects.filter(edition=edition, kind=OrgUnit.Kind.TEAM)
        .order_by("order", "name")
        .prefetch_related(
            Prefetch("duty_groups", queryset=DutyGroup.objects.order_by("order", "pk")),
            Prefetch("duty_groups__items", queryset=DutyItem.objects.order_by("order", "pk")),
        )
    )


# ---------------------------------------------------------------- the HR desk: 정원·현원 over time

@dataclass(frozen=True)
class QuarterHeadcount:
    """정원 and 현원 (all grades) at the end of a quarter: the 계 column of the 인력 table on that day."""

    quarter_end: object  # datetime.date
    label: str  # "2024 3분기"
    authorised: object  # int, or None before the first 정원 in force
    current: object  # int, or None before the first 현원 census

    @property
    def gap(self):
        if self.current is None or self.authorised is None:
            return None
        return self.current - self.authorised


def quarter_ends(first, last):
    """The quarter ends from the quarter of `first` to the quarter of `last` (both dates)."""
    ends = []
    year, quarter = first.year, (first.month - 1) // 3 + 1
    while (year, quarter) <= (last.year, (last.month - 1) // 3 + 1):
        month = quarter * 3
        first_of_next = datetime.date(year + month // 12, month % 12 + 1, 1)
        ends.append((first_of_next - datetime.timedelta(days=1), f"{year} {quarter}분기"))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return ends


def headcount_history(until):
    """정원 vs 현원 by quarter, from the quarter of the first 정원 or 현원 record to the quarter of
    `until`: for each quarter end, the 계 of headcount_table as of that day (the last quarter
    ends on `until` itself, so it equals the 인력 table of that date). 현원 is None before the
    first census and 정원 None before the first entry in force (unknown, not 0). Two queries
    whatever the size.
    """
    authorised = authorised_entries(until)
    current = census_entries(until)
    starts = [entries[0].on for entries in (authorised, current) if entries]
    if not starts:
        return []
    history = []
    for quarter_end, label in quarter_ends(min(starts), until):
        day = min(quarter_end, until)
        in_force = authorised_in_force(authorised, day)
        census, counts = census_on(current, day)
        history.append(QuarterHeadcount(
            day, label, sum(in_force.values()) if in_force else None, None if census is None else sum(counts.values()),
        ))
    return history
