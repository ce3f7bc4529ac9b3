"""The budget figures of the report, computed once from the leaves of the data.

Amounts are integers of 천원. Leaves hold the truth: a 세입 summary line is the sum of
its section IV detail lines, a 세출 account is the sum of the 세부사업 charged to it,
a 단위사업 (소계) is the sum of its 세부사업. A 명시이월 세부사업 is printed "-" and stays
outside every total. Rates are Decimal, rounded once (ROUND_HALF_UP, one decimal).

Views, the PDF, admin and exports call these functions and never add numbers themselves.
Each function runs a fixed number of queries, whatever the size of the data.
"""
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Prefetch

from reports.formatting import NET_NEW, format_amount

from .models import DetailProgram, ExecutionRecord, ExpenditureAccount, PolicyProgram, RevenueAccount, UnitProgram

TOTAL_LABEL = "계"
GRAND_TOTAL_LABEL = "총 예산 계"
SUBTOTAL_LABEL = "소계"
ONE_DECIMAL = Decimal("0.1")


# ---------------------------------------------------------------- rates

def _percent(part, whole):
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def change_rate(current, prior):
    """증감률 of a 세입·세출 line: (current − prior) ÷ prior × 100, one decimal.

    - prior 0 and current > 0 → "순증" (net new: no rate exists); used in sections I and IV
      alike, although the source printed 100.0% in IV;
    - prior 0 and current 0 → None (nothing changed, printed "-");
    - current 0 and prior > 0 → Decimal("-100.0"), printed △100.0%.
    """
    if not prior:
        return NET_NEW if current else None
    return _percent(current - prior, prior)


def execution_rate(part, budget):
    """집행률: 원인행위액 or 지출액 ÷ 예산현액 × 100, one decimal; None when the budget is 0.

    An over-commitment prints as it rounds (280,078 ÷ 280,000 → 100.0); check_report warns of it.
    """
    if not budget:
        return None
    return _percent(part, budget)


# ---------------------------------------------------------------- 세입·세출 총괄 (I) and 세입 세부 (IV)

@dataclass(frozen=True)
class ComparisonRow:
    """A line of a table comparing this year's 예산현액 with last year's 최종예산."""

    name: str
    current: int
    prior: int
    change: int
    rate: object  # Decimal, "순증" or None
    is_total: bool = False

    @classmethod
    def build(cls, name, current, prior, is_total=False):
        return cls(name, current, prior, current - prior, change_rate(current, prior), is_total)


def _with_total(rows):
    current = sum(row.current for row in rows)
    prior = sum(row.prior for row in rows)
    return [ComparisonRow.build(TOTAL_LABEL, current, prior, is_total=True), *rows]


def _revenue_accounts(edition):
    """All 세입 lines of the edition in one query: (summary lines, their detail lines by parent id)."""
    summaries, children_of = [], {}
    for account in RevenueAccount.objects.filter(edition=edition).order_by("order", "pk"):
        if account.parent_id is None:
            summaries.append(account)
        else:
            children_of.setdefault(account.parent_id, []).append(account)
    return summaries, children_of


@dataclass(frozen=True)
class RevenueLine:
    """A 세입 summary line with the sums of its detail lines (its own amounts when it has none)."""

    account: RevenueAccount
    current: int
    prior: int
    has_details: bool


def revenue_lines(edition):
    """Each 세입 summary line (section I order) rolled up from its section IV detail lines.

    A summary line without detail lines carries its own amounts. The stored control total of a
    line with details is not used here; check_report compares it with these sums.
    """
    summaries, children_of = _revenue_accounts(edition)
    lines = []
    for summary in summaries:
        children = children_of.get(summary.pk, [])
        if children:
            current = sum(child.budget_amount or 0 for child in children)
            prior = sum(child.prior_amount or 0 for child in children)
        else:
            current, prior = summary.budget_amount or 0, summary.prior_amount or 0
        lines.append(RevenueLine(summary, current, prior, bool(children)))
    return lines


def revenue_summary(edition):
    """세입 총괄 (section I): the 계 row, then each summary line as the sum of its detail lines."""
    return revenue_summary_of(revenue_lines(edition))


def revenue_summary_of(lines):
    """revenue_summary from the revenue_lines already at hand."""
    return _with_total([ComparisonRow.build(line.account.name, line.current, line.prior) for line in lines])


def revenue_detail(edition):
    """세입예산 (section IV): the 계 row, then the detail lines in their section IV order."""
    details = RevenueAccount.objects.filter(edition=edition, parent__isnull=False).order_by("order", "pk")
    rows = [ComparisonRow.build(d.name, d.budget_amount or 0, d.prior_amount or 0) for d in details]
    return _with_total(rows)


def _counted(details):
    """The 세부사업 that count in this year's totals (명시이월 ones do not)."""
    return [d for d in details if not d.carried_over]


def accounts_with_details(edition):
    return list(
        ExpenditureAccount.objects.filter(edition=edition)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("details", queryset=DetailProgram.objects.order_by("pk")))
    )


def account_budget(account):
    """예산현액 of a 세출 account: the sum of its counted 세부사업 (uses prefetched details)."""
    return sum(d.budget_amount for d in _counted(account.details.all()))


def expenditure_summary(edition):
    """세출 총괄 (section I): the 계 row, then 인건비, 경비, 사업비, 정부보조금반환, 예비비.

    This year's amount of a line is the sum of the 세부사업 charged to it; last year's is stored.
    """
    return expenditure_summary_of(accounts_with_details(edition))


def expenditure_summary_of(accounts):
    """expenditure_summary from the accounts_with_details already at hand."""
    return _with_total([ComparisonRow.build(a.name, account_budget(a), a.prior_amount) for a in accounts])


# ---------------------------------------------------------------- 사업 및 예산 (I)

@dataclass(frozen=True)
class DetailNode:
    """A 세부사업 line: amount None for 명시이월 (printed "-"), note for 비고."""

    name: str
    amount: object  # int or None
    note: str
    carried_over: bool
    carried_over_amount: object
    detail: DetailProgram = field(compare=False, repr=False)


@dataclass(frozen=True)
class UnitNode:
    """A 단위사업 with its 소계 (total), its 세부사업 and the ※ note of its page's (사업예산)."""

    number: str
    name: str
    total: int
    budget_note: str
    details: tuple
    unit: UnitProgram = field(compare=False, repr=False)


@dataclass(frozen=True)
class PolicyNode:
    """A group of the 사업 및 예산 table: a 정책사업, 행정 운영 경비 or 자본적 지출, with its total."""

    name: str
    number: object
    category: str
    total: int
    units: tuple
    policy: PolicyProgram = field(compare=False, repr=False)

    @property
    def is_programme(self):
        return self.category == PolicyProgram.Category.PROGRAMME


@dataclass(frozen=True)
class ProgrammeTree:
    """The whole 사업 및 예산 table: the groups in print order and the 총 예산 계."""

    policies: tuple
    grand_total: int
    grand_total_label: str = GRAND_TOTAL_LABEL

    @property
    def programmes(self):
        return tuple(p for p in self.policies if p.is_programme)

    @property
    def others(self):
        """행정 운영 경비 and 자본적 지출 (printed after the 정책사업)."""
        return tuple(p for p in self.policies if not p.is_programme)

    @property
    def counts(self):
        """(정책사업, 단위사업, 세부사업) over 정책사업 only; a 명시이월 세부사업 counts."""
        programmes = self.programmes
        units = [u for p in programmes for u in p.units]
        return len(programmes), len(units), sum(len(u.details) for u in units)

    @property
    def composition_sentence(self):
        """"2개 정책사업, 10개 단위사업, 18개 세부사업으로 구성"."""
        policies, units, details = self.counts
        return f"{policies}개 정책사업, {units}개 단위사업, {details}개 세부사업으로 구성"


def _policies_with_tree(edition):
    return list(
        PolicyProgram.objects.filter(edition=edition)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch("units", queryset=UnitProgram.objects.order_by("order", "pk")),
            Prefetch("units__details", queryset=DetailProgram.objects.order_by("order", "pk")),
        )
    )


def unit_total(unit):
    """소계 of a 단위사업 = the sum of its 세부사업, 명시이월 excluded; equals the page's (사업예산).

    Uses prefetched details when present (programme_tree prefetches them); otherwise reads them
    unordered (their ordering would join the unit and its 정책사업 for a sum).
    """
    prefetched = "details" in getattr(unit, "_prefetched_objects_cache", {})
    details = unit.details.all() if prefetched else unit.details.order_by()
    return sum(d.budget_amount for d in _counted(details))


def unit_budget_note(unit):
    """The ※ note after a 단위사업's (사업예산): the 명시이월 세부사업 it does not include.

    For 2-3: "디지털 돌봄 체험버스(373,502천원) 미포함"; empty when nothing is carried over.
    """
    parts = [
        f"{d.name}({format_amount(d.carried_over_amount)}천원)"
        for d in unit.details.all()
        if d.carried_over and d.carried_over_amount
    ]
    return f"{', '.join(parts)} 미포함" if parts else ""


def _detail_node(detail):
    return DetailNode(
        name=detail.name,
        amount=None if detail.carried_over else detail.budget_amount,
        note=detail.note,
        carried_over=detail.carried_over,
        carried_over_amount=detail.carried_over_amount,
        detail=detail,
    )


def _unit_node(unit):
    return UnitNode(
        number=unit.number,
        name=unit.name,
        total=unit_total(unit),
        budget_note=unit_budget_note(unit),
        details=tuple(_detail_node(d) for d in unit.details.all()),
        unit=unit,
    )


def programme_tree(edition):
    """The 사업 및 예산 table: 정책사업 → 단위사업 (소계) → 세부사업 (예산액 or "-", 비고),
    then 행정 운영 경비 and 자본적 지출 with their totals, and the 총 예산 계.

    The grand total equals the 세출 총괄 계.
    """
    policies = []
    for policy in _policies_with_tree(edition):
        units = tuple(_unit_node(u) for u in policy.units.all())
        policies.append(PolicyNode(
            name=policy.name, number=policy.number, category=policy.category,
            total=sum(u.total for u in units), units=units, policy=policy,
        ))
    return ProgrammeTree(policies=tuple(policies), grand_total=sum(p.total for p in policies))


def programme_counts(edition):
    """(정책사업, 단위사업, 세부사업) counted over 정책사업 only: 2, 10, 18 in 2024.

    행정 운영 경비 and 자본적 지출 are not 정책사업; a 명시이월 세부사업 counts.
    """
    return programme_tree(edition).counts


def composition_sentence(edition):
    """The line under 사업 및 예산: "2개 정책사업, 10개 단위사업, 18개 세부사업으로 구성"."""
    return programme_tree(edition).composition_sentence


# ---------------------------------------------------------------- 세출예산 집행현황 (IV)

@dataclass(frozen=True)
class ExecutionRow:
    """A line of 세출예산 집행현황: 예산현액, 원인행위액, 지출액 and both 집행률.

    level 0 = 계, 1 = a 세출 account, 2 = a 세부사업 listed under its account (사업비).
    """

    name: str
    budget: int
    committed: int
    spent: int
    committed_rate: object
    spent_rate: object
    level: int

    @classmethod
    def build(cls, name, budget, committed, spent, level):
        return cls(name, budget, committed, spent,
                   execution_rate(committed, budget), execution_rate(spent, budget), level)

    @property
    def over_committed(self):
        """원인행위액 above 예산현액: printed as it rounds (100.0%), and warned of by check_report."""
        return self.committed > self.budget


@dataclass(frozen=True)
class RecordedExecution:
    """One 집행 실적 as stored: a 세부사업's cumulative 원인행위액 and 지출액 as of a date."""

    detail_id: int
    as_of: datetime.date
    committed: int
    spent: int


def execution_records(edition, until):
    """The edition's 집행 실적 recorded on or before `until`, oldest first (one query)."""
    return [
        RecordedExecution(*values)
        for values in ExecutionRecord.objects.filter(detail__account__edition=edition, as_of__lte=until)
        .order_by("as_of", "pk").values_list("detail_id", "as_of", "committed_amount", "spent_amount")
    ]


def execution_in_force(records, on):
    """The execution in force on a date, by 세부사업 id: its latest cumulative record on or before
    `on` (records oldest first, as execution_records gives them). A 세부사업 without one has none.

    This is the one rule for "execution as of a date": the 집행현황 tree, the month curve, the
    checks and the admin all read it.
    """
    in_force = {}
    for record in records:
        if record.as_of <= on:
            in_force[record.detail_id] = record  # a later record replaces an earlier one
    return in_force


def _details_in_tree_order(edition):
    return DetailProgram.objects.filter(account__edition=edition).order_by("unit__policy__order", "unit__order", "order", "pk")


def _execution_line(detail, record):
    """The 집행현황 line of a 세부사업 with its record in force (None: 0, 0)."""
    return ExecutionRow.build(detail.name, 0 if detail.carried_over else detail.budget_amount,
                              record.committed if record else 0, record.spent if record else 0, level=2)


def _listed(detail, in_force):
    """A 세부사업 has an execution line unless it is 명시이월 and has no record (the carried-over bus)."""
    return detail.pk in in_force or not detail.carried_over


def execution_table(edition, as_of=None):
    """세출예산 집행현황: 계, then each 세출 account (under its execution_label), with the
    세부사업 of an itemised account (사업비) right after its row.

    원인행위액 and 지출액 are the latest cumulative record on or before as_of (default: the
    edition's 기준일); a 세부사업 without a record counts 0.
    """
    return execution_table_of(edition, detail_execution(edition, as_of))


def execution_table_of(edition, lines):
    """execution_table from the detail_execution lines already at hand: each account sums its lines."""
    by_account = defaultdict(list)
    for line in lines:
        by_account[line.detail.account_id].append(line.row)
    rows = []
    for account in ExpenditureAccount.objects.filter(edition=edition).order_by("order", "pk"):
        details = by_account[account.pk]
        rows.append(ExecutionRow.build(
            account.execution_label or account.name,
            sum(d.budget for d in details), sum(d.committed for d in details), sum(d.spent for d in details),
            level=1,
        ))
        if account.itemise_in_execution:
            rows.extend(details)
    accounts_rows = [r for r in rows if r.level == 1]
    total = ExecutionRow.build(
        TOTAL_LABEL,
        sum(r.budget for r in accounts_rows),
        sum(r.committed for r in accounts_rows),
        sum(r.spent for r in accounts_rows),
        level=0,
    )
    return [total, *rows]


def latest_execution_date(edition):
    """The date of the edition's latest 집행 실적 (None: none yet); the home page shows the totals
    then beside the report's 기준일 when it is later."""
    return (ExecutionRecord.objects.filter(detail__account__edition=edition).order_by("-as_of")
            .values_list("as_of", flat=True).first())


def execution_totals(edition, as_of=None):
    """The 계 row of 세출예산 집행현황: 8,639,754 (80.7%) committed, 6,494,590 (60.7%) spent in 2024."""
    return execution_table(edition, as_of)[0]


# ---------------------------------------------------------------- the finance desk: by 세부사업 and by month

@dataclass(frozen=True)
class DetailExecution:
    """The 집행현황 line of one 세부사업 with the records it hangs from (정책사업, 단위사업, 담당 팀),
    and the date of the 집행 실적 it prints (None when the 세부사업 has none yet).

    over_committed: 원인행위액 above 예산현액 (해외도시 디지털 정책교류 in 2024: 280,078 > 280,000).
    """

    detail: DetailProgram
    row: ExecutionRow
    recorded_on: object = None

    @property
    def over_committed(self):
        return self.row.over_committed


def detail_execution(edition, as_of=None):
    """세출예산 집행현황 by 세부사업, every account (not only 사업비), in the order of the budget tree.

    The same lines and amounts as execution_table's level-2 rows; two queries whatever the size.
    """
    as_of = as_of or edition.figures_as_of
    in_force = execution_in_force(execution_records(edition, as_of), as_of)
    details = _details_in_tree_order(edition).select_related("unit__policy", "unit__owning_team", "account")
    lines = []
    for detail in details:
        if _listed(detail, in_force):
            record = in_force.get(detail.pk)
            lines.append(DetailExecution(detail, _execution_line(detail, record), record.as_of if record else None))
    return lines


@dataclass(frozen=True)
class MonthlyExecution:
    """Cumulative 원인행위액 and 지출액 at the end of a month, against the year's 예산현액.

    committed and spent are None before the first record of the year (unknown, not 0).
    """

    month_end: object  # datetime.date
    budget: int
    committed: object
    spent: object


def execution_by_month(edition, until=None):
    """Execution through the months of the edition's year: for each month end from January to
    `until` (default: the edition's 기준일), the sum over 세부사업 of the latest cumulative
    record on or before that day. The budget line is the 세출 총괄 계 (예산현액 of the year).

    A fixed number of queries whatever the number of records.
    """
    until = until or edition.figures_as_of
    budget = _year_budget(edition)
    records = execution_records(edition, until)
    last_month = until.month if until.year == edition.year else 12
    months = []
    for month in range(1, last_month + 1):
        month_end = min(_month_end(edition.year, month), until)
        in_force = execution_in_force(records, month_end).values()
        if in_force:
            committed, spent = sum(r.committed for r in in_force), sum(r.spent for r in in_force)
        else:
            committed = spent = None
        months.append(MonthlyExecution(month_end, budget, committed, spent))
    return months


def _month_end(year, month):
    first_of_next = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


def _year_budget(edition):
    """예산현액 of the year: the 세출 총괄 계 (counted 세부사업 only)."""
    return expenditure_summary(edition)[0].current


# ---------------------------------------------------------------- the record before: corrections and implausible jumps

@dataclass(frozen=True)
class ExecutionStep:
    """One 집행 실적 (a 누계 as of its date) beside the 누계 of the date before for the same
    세부사업 (previous: a RecordedExecution, None for its first record) and the 세부사업's 예산현액."""

    detail_name: str
    budget: int
    record: RecordedExecution
    is_correction: bool
    correction_reason: str
    previous: object = None


def execution_steps(edition):
    """Every 집행 실적 of the edition, every date (not only up to the 기준일), oldest first within
    each 세부사업, each with the one before it: what check_report reads for the 감액·반납
    corrections it lists and the jumps it warns of. In 2024 one record per 세부사업, no correction.
    One query whatever the size.
    """
    values = (
        ExecutionRecord.objects.filter(detail__account__edition=edition)
        .order_by("detail_id", "as_of", "pk")
        .values_list("detail_id", "as_of", "committed_amount", "spent_amount", "is_correction",
                     "correction_reason", "detail__name", "detail__budget_amount", "detail__carried_over")
    )
    steps, previous = [], None
    for detail_id, as_of, committed, spent, is_correction, reason, name, budget, carried_over in values:
        record = RecordedExecution(detail_id, as_of, committed, spent)
        if previous is not None and previous.detail_id != detail_id:
            previous = None
        steps.append(ExecutionStep(name, 0 if carried_over else budget, record, is_correction, reason, previous))
        previous = record
    return steps


# ---------------------------------------------------------------- one edition's figures, each computed once

class EditionBudget:
    """The budget figures of one edition as of its 기준일, each computed on first use and then kept,
    so that a request which prints some of them and checks them all (the home page, check_report)
    computes each once. The functions above define the figures; this only remembers them."""

    def __init__(self, edition):
        self.edition = edition

    @cached_property
    def revenue_lines(self):
        return revenue_lines(self.edition)

    @cached_property
    def revenue_summary(self):
        return revenue_summary_of(self.revenue_lines)

    @cached_property
    def accounts(self):
        """accounts_with_details: the 세출 accounts with their 세부사업."""
        return accounts_with_details(self.edition)

    @cached_property
    def expenditure_summary(self):
        return expenditure_summary_of(self.accounts)

    @cached_property
    def detail_execution(self):
        return detail_execution(self.edition)

    @cached_property
    def execution_table(self):
        return execution_table_of(self.edition, self.detail_execution)

    @cached_property
    def execution_steps(self):
        return execution_steps(self.edition)
