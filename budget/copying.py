"""The budget of one edition copied into another (reports.copying): next year, or N times larger.

Next year: this year's 예산현액 becomes next year's 최종예산 (prior_amount). A 세출 account's prior is
this year's total of the account as budget.figures computes it. Next year's own 예산현액 starts at
0 on every line (a summary line without a control total): it is not known when the edition is
opened, and a copied figure would print as a plausible but false budget with 0.0% change; a 0
shows △100.0% until finance imports the real budget. A 명시이월 mark belongs to the year whose
money was carried, so it is not carried on, and 집행 실적 stay with their year.

Synthetic data: the 단위사업 of 정책사업 grow (`factor` copies, renumbered, with their 세부사업 and
execution); administration lines (인건비, 경비 …) are kept once with their amounts multiplied,
and 세입 detail lines are copied `factor` times, so that the totals stay balanced at N×.
"""
from budget import figures
from budget.models import DetailProgram, ExecutionRecord, ExpenditureAccount, PolicyProgram, RevenueAccount, UnitProgram
from staffing.models import OrgUnit


def copy_revenue(plan):
    """세입: the summary lines (section I), then their detail lines (section IV)."""
    accounts = list(RevenueAccount.objects.filter(edition=plan.source).order_by("order", "pk"))
    summaries = [a for a in accounts if a.parent_id is None]
    details = [a for a in accounts if a.parent_id is not None]
    new_summaries = plan.save(RevenueAccount, [
        RevenueAccount(edition=plan.target, name=a.name, order=a.order, **_summary_amounts(plan, a))
        for a in summaries
    ])
    plan.remember(RevenueAccount, 0, summaries, new_summaries)
    for copy in plan.copy_numbers():
        plan.save(RevenueAccount, [
            RevenueAccount(edition=plan.target, parent=plan.new(RevenueAccount, a.parent_id), name=plan.name(a.name, copy),
                           order=a.order + copy * 100, **_detail_line_amounts(plan, a))
            for a in details
        ])


def copy_expenditure_accounts(plan):
    """세출 accounts, once: next year's prior is this year's total of the account."""
    accounts = list(
        ExpenditureAccount.objects.filter(edition=plan.source).order_by("order", "pk").prefetch_related("details")
    )
    new_accounts = plan.save(ExpenditureAccount, [
        ExpenditureAccount(edition=plan.target, name=a.name, execution_label=a.execution_label, order=a.order,
                           itemise_in_execution=a.itemise_in_execution, **_account_amounts(plan, a))
        for a in accounts
    ])
    plan.remember(ExpenditureAccount, 0, accounts, new_accounts)


def copy_programmes(plan):
    """정책사업 (once) → 단위사업 (a programme's grow, renumbered) → 세부사업, and the 집행 실적 of a synthetic copy."""
    policies = PolicyProgram.objects.filter(edition=plan.source).order_by("order", "pk").prefetch_related("units__details")
    copied_details = []  # (source detail, new detail, amount scale)
    for policy in policies:
        [new_policy] = plan.save(PolicyProgram, [PolicyProgram(
            edition=plan.target, number=policy.number, name=policy.name, category=policy.category, order=policy.order,
        )])
        is_programme = policy.category == PolicyProgram.Category.PROGRAMME
        scale = 1 if is_programme else plan.factor  # a programme grows by copies, administration by amounts
        units = list(policy.units.all())
        for copy in plan.copy_numbers(grows=is_programme):
            new_units = plan.save(UnitProgram, [
                UnitProgram(policy=new_policy, name=plan.name(unit.name, copy), order=unit.order + copy * 100,
                            number=unit.number if copy == 0 or not unit.number else f"{policy.number}-{copy * len(units) + position}",
                            owning_team=plan.new(OrgUnit, unit.owning_team_id, copy))
                for position, unit in enumerate(units, start=1)
            ])
            plan.remember(UnitProgram, copy, units, new_units)
            for unit, new_unit in zip(units, new_units):
                details = list(unit.details.all())
                copied_details += zip(details, plan.save(DetailProgram, [
                    DetailProgram(unit=new_unit, account=plan.new(ExpenditureAccount, d.account_id),
                                  name=plan.name(d.name, copy), order=d.order, **_detail_amounts(plan, d, scale))
                    for d in details
                ]), [scale] * len(details))
    if plan.copies_progress:
        records = {}
        for record in ExecutionRecord.objects.filter(detail__unit__policy__edition=plan.source).order_by("pk"):
            records.setdefault(record.detail_id, []).append(record)
        plan.save(ExecutionRecord, [
            ExecutionRecord(detail=new, as_of=r.as_of, committed_amount=r.committed_amount * scale,
                            spent_amount=r.spent_amount * scale, is_correction=r.is_correction,
                            correction_reason=r.correction_reason)
            for source, new, scale in copied_details for r in records.get(source.pk, [])
        ])


# The amounts of a copied line: next year moves this year's 예산현액 into the prior year and starts
# empty; a synthetic copy multiplies what is kept once, so that the totals stay balanced.

def _summary_amounts(plan, account):
    """A 세입 summary line: next year has no control total yet."""
    if plan.next_year:
        return {"budget_amount": None, "prior_amount": account.budget_amount}
    return {"budget_amount": plan.times(account.budget_amount), "prior_amount": plan.times(account.prior_amount)}


def _detail_line_amounts(plan, account):
    """A 세입 detail line (copied `factor` times in synthetic data, so its amounts stay)."""
    if plan.next_year:
        return {"budget_amount": 0, "prior_amount": account.budget_amount or 0}
    return {"budget_amount": account.budget_amount, "prior_amount": account.prior_amount}


def _account_amounts(plan, account):
    """A 세출 account: next year's prior is this year's total of its 세부사업."""
    if plan.next_year:
        return {"budget_amount": None, "prior_amount": figures.account_budget(account)}
    return {"budget_amount": plan.times(account.budget_amount), "prior_amount": plan.times(account.prior_amount)}


def _detail_amounts(plan, detail, scale):
    """A 세부사업: a 명시이월 mark is not carried into next year."""
    if plan.next_year:
        return {"budget_amount": 0, "carried_over": False, "carried_over_amount": None,
                "note": "" if detail.carried_over else detail.note}
    return {"budget_amount": detail.budget_amount * scale, "carried_over": detail.carried_over,
            "carried_over_amount": plan.times(detail.carried_over_amount, scale), "note": detail.note}


COPIERS = (copy_revenue, copy_expenditure_accounts, copy_programmes)
