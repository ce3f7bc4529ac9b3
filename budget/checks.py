"""Consistency checks of a year's budget, run by `check_report` before the report is printed.

Each check takes the edition's figures (budget.figures.EditionBudget, shared by every check of one
run, so each figure is computed once) and returns (errors, warnings): lists of Korean sentences
that name the line and the figure. An error means a printed figure would be wrong; a warning
means the figures are right but a reader should know (an over-commitment printed as 100.0%).
"""
from reports.formatting import format_amount as won

from . import figures


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


CHECKS = (
    check_revenue_control_totals,
    check_expenditure_control_totals,
    check_balance,
    check_carried_over,
    check_over_commitment,
)
