"""Consistency checks of a year's budget, run by `check_report` before the report is printed.

Each check returns (errors, warnings): lists of Korean sentences that name the line and the figure.
An error means a printed figure would be wrong; a warning means the figures are right but a
reader should know (an over-commitment that the report prints as 100.0%).
"""
from django.db.models import Q

from reports.formatting import format_amount as won

from . import figures
from .models import DetailProgram, ExecutionRecord, ExpenditureAccount, RevenueAccount


def _control_total_errors(label, name, field_label, stored, parts):
    if stored is not None and stored != parts:
        return [f"{label} '{name}' {field_label}: 승인 총액 {won(stored)} ≠ 세부 합계 {won(parts)}"]
    return []


def check_revenue_control_totals(edition):
    """A 세입 summary line's stored control total must equal the sum of its detail lines."""
    errors = []
    for line in figures.revenue_lines(edition):
        if not line.has_details:
            continue
        errors += _control_total_errors(
            "세입 총괄", line.account.name, "예산현액", line.account.budget_amount, line.current)
        errors += _control_total_errors(
            "세입 총괄", line.account.name, "전년도 최종예산", line.account.prior_amount, line.prior)
    return errors, []


def check_expenditure_control_totals(edition):
    """A 세출 account's stored control total must equal the sum of the 세부사업 charged to it."""
    errors = []
    for account in figures._accounts_with_details(edition):
        errors += _control_total_errors(
            "세출 총괄", account.name, "예산현액", account.budget_amount, figures.account_budget(account))
    return errors, []


def check_balance(edition):
    """세입 계 and 세출 계 must be equal, this year and last year (the budget is balanced)."""
    revenue = figures.revenue_summary(edition)[0]
    expenditure = figures.expenditure_summary(edition)[0]
    errors = []
    if revenue.current != expenditure.current:
        errors.append(f"세입 계 {won(revenue.current)} ≠ 세출 계 {won(expenditure.current)} (예산현액)")
    if revenue.prior != expenditure.prior:
        errors.append(f"세입 계 {won(revenue.prior)} ≠ 세출 계 {won(expenditure.prior)} (전년도 최종예산)")
    return errors, []


def check_negative_amounts(edition):
    """No amount may be negative (rows written around validation, e.g. by update())."""
    errors = []
    revenue = RevenueAccount.objects.filter(edition=edition).filter(Q(budget_amount__lt=0) | Q(prior_amount__lt=0))
    for line in revenue:
        errors.append(f"세입 '{line.name}': 음수 금액 (예산현액 {won(line.budget_amount)}, 전년도 {won(line.prior_amount)})")
    accounts = ExpenditureAccount.objects.filter(edition=edition).filter(Q(budget_amount__lt=0) | Q(prior_amount__lt=0))
    for account in accounts:
        errors.append(f"세출 '{account.name}': 음수 금액 (예산현액 {won(account.budget_amount)}, 전년도 {won(account.prior_amount)})")
    details = DetailProgram.objects.filter(account__edition=edition).filter(
        Q(budget_amount__lt=0) | Q(carried_over_amount__lt=0))
    for detail in details:
        errors.append(f"{detail.name}: 음수 금액 (예산현액 {won(detail.budget_amount)}, 명시이월액 {won(detail.carried_over_amount)})")
    return errors, []


def check_carried_over(edition):
    """A 명시이월 세부사업 is printed "-": a budget on it would silently drop out of the totals."""
    details = DetailProgram.objects.filter(account__edition=edition, carried_over=True, budget_amount__gt=0)
    errors = [f"{d.name}: 명시이월 사업인데 예산현액 {won(d.budget_amount)}이 있어 합계에서 빠집니다" for d in details]
    return errors, []


def check_execution(edition, as_of=None):
    """Execution records: 지출액 ≤ 원인행위액 and no negative amount (errors) on every record;
    원인행위액 ≤ 예산현액 on the record the report prints (warning, e.g. 해외도시 디지털 정책교류).
    """
    as_of = as_of or edition.figures_as_of
    errors, warnings = [], []
    records = (
        ExecutionRecord.objects.filter(detail__account__edition=edition)
        .select_related("detail").order_by("detail_id", "-as_of")
    )
    printed = set()
    for record in records:
        name, date = record.detail.name, record.as_of.isoformat()
        if record.committed_amount < 0 or record.spent_amount < 0:
            errors.append(f"{name} ({date}): 음수 금액 (원인행위액 {won(record.committed_amount)}, 지출액 {won(record.spent_amount)})")
        if record.spent_amount > record.committed_amount:
            errors.append(f"{name} ({date}): 지출액 {won(record.spent_amount)} > 원인행위액 {won(record.committed_amount)}")
        if record.as_of <= as_of and record.detail_id not in printed:
            printed.add(record.detail_id)  # newest record on or before the 기준일: the one printed
            budget = record.detail.budget_amount
            if record.committed_amount > budget:
                warnings.append(f"{name}: 원인행위액 {won(record.committed_amount)} > 예산현액 {won(budget)}")
    return errors, warnings


CHECKS = (
    check_revenue_control_totals,
    check_expenditure_control_totals,
    check_balance,
    check_negative_amounts,
    check_carried_over,
    check_execution,
)
