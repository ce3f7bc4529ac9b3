"""Load a year's budget.yaml: 세입 accounts, 세출 accounts, the programme tree and its execution.

Called by workreport.loading.load_year after staffing (owning teams are looked up by name among the
edition's org units). The format is in docs/data-format.md. Every object goes through
full_clean(), and a bad line raises an error that names it.
"""
from django.db import transaction

from budget.models import (
    DetailProgram, ExecutionRecord, ExpenditureAccount, PolicyProgram, RevenueAccount, UnitProgram,
)
from reports.loading import save_checked

SOURCE = "budget.yaml"


@transaction.atomic
def load(edition, data):
    load_revenue(edition, data.get("revenue", []))
    accounts = load_expenditure_accounts(edition, data.get("expenditure_accounts", []))
    context = {
        "accounts": accounts,
        "teams": {unit.name: unit for unit in edition.org_units.all()},
        "as_of": data.get("execution_as_of") or edition.figures_as_of,
    }
    for order, entry in enumerate(data.get("programmes", []), start=1):
        load_policy(edition, entry, order, context)


def load_revenue(edition, entries):
    for order, entry in enumerate(entries, start=1):
        where = f"{SOURCE} 세입 '{entry.get('name')}'"
        summary = save_checked(
            RevenueAccount(edition=edition, name=entry["name"], order=order,
                           budget_amount=entry.get("budget"), prior_amount=entry.get("prior")),
            where,
        )
        for detail_order, detail in enumerate(entry.get("details", []), start=1):
            save_checked(
                RevenueAccount(edition=edition, parent=summary, name=detail["name"],
                               order=detail.get("order", detail_order),
                               budget_amount=detail.get("budget"), prior_amount=detail.get("prior")),
                f"{where} 세부 과목 '{detail['name']}'",
            )


def load_expenditure_accounts(edition, entries):
    accounts = {}
    for order, entry in enumerate(entries, start=1):
        account = ExpenditureAccount(
            edition=edition, name=entry["name"], order=order,
            execution_label=entry.get("execution_label", ""),
            itemise_in_execution=entry.get("itemise_in_execution", False),
            budget_amount=entry.get("budget"), prior_amount=entry.get("prior", 0),
        )
        accounts[account.name] = save_checked(account, f"{SOURCE} 세출 과목 '{entry['name']}'")
    return accounts


def load_policy(edition, entry, order, context):
    where = f"{SOURCE} 정책사업 '{entry.get('name')}'"
    policy = save_checked(
        PolicyProgram(edition=edition, number=entry.get("number"), name=entry["name"],
                      category=entry.get("category", PolicyProgram.Category.PROGRAMME), order=order),
        where,
    )
    for unit_order, unit_entry in enumerate(entry.get("units", []), start=1):
        load_unit(policy, unit_entry, unit_order, context)


def load_unit(policy, entry, order, context):
    where = f"{SOURCE} 단위사업 '{entry.get('name')}'"
    unit = save_checked(
        UnitProgram(policy=policy, number=str(entry.get("number") or ""), name=entry["name"],
                    owning_team=find(context["teams"], entry.get("team"), "담당 팀", where), order=order),
        where,
    )
    for detail_order, detail_entry in enumerate(entry.get("details", []), start=1):
        load_detail(unit, detail_entry, detail_order, context)


def load_detail(unit, entry, order, context):
    where = f"{SOURCE} 세부사업 '{entry.get('name')}'"
    detail = save_checked(
        DetailProgram(
            unit=unit, name=entry["name"], order=order,
            account=find(context["accounts"], entry.get("account"), "세출 과목", where, required=True),
            budget_amount=entry.get("budget", 0), carried_over=entry.get("carried_over", False),
            carried_over_amount=entry.get("carried_over_amount"), note=entry.get("note", ""),
        ),
        where,
    )
    if "committed" in entry or "spent" in entry:
        save_checked(
            ExecutionRecord(detail=detail, as_of=context["as_of"], committed_amount=entry.get("committed"),
                            spent_amount=entry.get("spent")),
            f"{where} 집행 실적",
        )


def find(known, name, label, where, required=False):
    """Look a name up among the objects loaded so far; an unknown name is an error naming the line."""
    if not name:
        if required:
            raise ValueError(f"{where}: {label}을(를) 적어야 합니다.")
        return None
    if name not in known:
        choices = ", ".join(known)
        raise ValueError(f"{where}: {label} '{name}'이(가) 없습니다. (있는 것: {choices})")
    return known[name]
