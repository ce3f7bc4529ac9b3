"""Consistency checks of a year's budget, run by `check_report` before the report is printed.

Each check takes the edition's figures (budget.figures.EditionBudget, shared by every check of one
run, so each figure is computed once) and returns (errors, warnings): lists of Korean sentences
that name the line and the figure. An error means a printed figure would be wrong; a warning
means the figures are right but a reader should know (an over-commitment printed as 100.0%).
"""
from reports.formatting import format_amount as won
from reports.formatting import format_date

from . import figures

IMPLAUSIBLE_FACTOR = 10
"""A 누계 more than ten times the previous one or the budget is most likely won typed for 천원."""


def _control_total_errors(label, name, field_label, stored, parts):
    if stored is not None and stored != parts:
        return [f"{label} '{name}' {field_label}: 승인 총액 {won(stored)} ≠ 세부 합계 {won(parts)}"]
    return []


def check_revenue_control_totals(budget):
    """A 세입 summary line's stored control total must equal the sum of its detail lines."""
    errors = []
    for line in budget.revenue_lines:
        if not line.has_details:
            continue
        errors += _control_total_errors(
            "세입 총괄", line.account.name, "예산현액", line.account.budget_amount, line.current)
        errors += _control_total_errors(
            "세입 총괄", line.account.name, "전년도 최종예산", line.account.prior_amount, line.prior)
    return errors, []


def check_expenditure_control_totals(budget):
    """A 세출 account's stored control total must equal the sum of the 세부사업 charged to it."""
    errors = []
    for account in budget.accounts:
        errors += _control_total_errors(
            "세출 총괄", account.name, "예산현액", account.budget_amount, figures.account_budget(account))
    return errors, []


def check_balance(budget):
    """세입 계 and 세출 계 must be equal, this year and last year (the budget is balanced)."""
    revenue = budget.revenue_summary[0]
    expenditure = budget.expenditure_summary[0]
    errors = []
    if revenue.current != expenditure.current:
        errors.append(f"세입 계 {won(revenue.current)} ≠ 세출 계 {won(expenditure.current)} (예산현액)")
    if revenue.prior != expenditure.prior:
        errors.append(f"세입 계 {won(revenue.prior)} ≠ 세출 계 {won(expenditure.prior)} (전년도 최종예산)")
    return errors, []


def check_carried_over(budget):
    """A 명시이월 세부사업 is printed "-": a budget on it (written around the form, e.g. by update())
    would silently drop out of the totals."""
    details = [d for account in budget.accounts for d in account.details.all() if d.carried_over and d.budget_amount > 0]
    errors = [f"{d.name}: 명시이월 사업인데 예산현액 {won(d.budget_amount)}이 있어 합계에서 빠집니다" for d in details]
    return errors, []


def check_over_commitment(budget):
    """원인행위액 above 예산현액 on the line the report prints (warning: 해외도시 디지털 정책교류 in 2024).

    Negative amounts and 지출액 above 원인행위액 need no check: the database refuses them.
    """
    warnings = [
        f"{line.row.name}: 원인행위액 {won(line.row.committed)} > 예산현액 {won(line.row.budget)}"
        for line in budget.detail_execution if line.over_committed
    ]
    return [], warnings


def check_corrections(budget):
    """Every 집행 실적 marked as a correction (감액·반납): the only records whose 누계 may be lower
    than the date before. Warnings, so that whoever prints the report sees each one and its reason."""
    warnings = []
    for step in budget.execution_steps:
        if not step.is_correction:
            continue
        record, previous = step.record, step.previous
        if previous is None:
            amounts = f"원인행위 누계 {won(record.committed)}, 지출 누계 {won(record.spent)}천원"
        else:
            amounts = (f"원인행위 누계 {won(previous.committed)} → {won(record.committed)}, "
                       f"지출 누계 {won(previous.spent)} → {won(record.spent)}천원 "
                       f"(이전 기준일 {format_date(previous.as_of)})")
        warnings.append(f"{step.detail_name} {format_date(record.as_of)} 감액·반납 정정: {amounts}, "
                        f"사유: {step.correction_reason}")
    return [], warnings


def implausible_amounts(detail_name, budget, record, previous):
    """Warnings for one 집행 실적 (a RecordedExecution) whose 원인행위 or 지출 누계 is more than ten
    times the previous 누계 (previous: the record before it, None for the first) or the 세부사업's
    예산현액: most likely won typed where 천원 belongs. check_report and the import preview say the same."""
    warnings = []
    for label, amount, before in (
        ("원인행위", record.committed, previous.committed if previous else 0),
        ("지출", record.spent, previous.spent if previous else 0),
    ):
        where = f"{detail_name} {format_date(record.as_of)} {label} 누계액 {won(amount)}천원"
        if before and amount > IMPLAUSIBLE_FACTOR * before:
            warnings.append(f"{where}: 이전 기준일 {format_date(previous.as_of)}의 {won(before)}천원의 "
                            f"{IMPLAUSIBLE_FACTOR}배가 넘습니다. 원 단위로 적지 않았는지 확인하세요.")
        elif budget and amount > IMPLAUSIBLE_FACTOR * budget:
            warnings.append(f"{where}: 예산현액 {won(budget)}천원의 {IMPLAUSIBLE_FACTOR}배가 넘습니다. "
                            f"원 단위로 적지 않았는지 확인하세요.")
    return warnings


def check_implausible_amounts(budget):
    """A 누계 more than ten times the previous 누계 or the 세부사업's 예산현액, on any date (warning).
    원인행위 above 예산현액 itself is check_over_commitment's."""
    warnings = []
    for step in budget.execution_steps:
        warnings += implausible_amounts(step.detail_name, step.budget, step.record, step.previous)
    return [], warnings


CHECKS = (
    check_revenue_control_totals,
    check_expenditure_control_totals,
    check_balance,
    check_carried_over,
    check_over_commitment,
    check_corrections,
    check_implausible_amounts,
)
