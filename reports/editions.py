"""Next year from this year: open the 2025 edition as a copy of 2024's organisation, budget tree and pages.

What is copied, and what each year's desks then fill in:
- the edition (title, organisation, 설립목적, 목적사업), dates moved one year on;
- the org tree with its 주요업무, the people and their posts;
- the budget tree (정책사업 → 단위사업 → 세부사업) and the 세입·세출 accounts;
- the strategy (미션, 비전, 핵심가치, 중기 정책목표, 전략목표·과제);
- each 주요 현안업무 page with its goal, 추진배경, 사업내용 (and its sub-items) and contacts.

Amounts: this year's 예산현액 becomes next year's 최종예산 (prior_amount). A 세출 account's
prior is this year's total of the account as budget.figures computes it. Next year's own
예산현액 starts at 0 everywhere: it is not known when the edition is opened, and a copied
2024 figure would print as a plausible but false 2025 budget with 0.0% change; a 0 shows
△100.0% on every line until finance imports the real budget (budget lines import).
A 명시이월 mark belongs to the year whose money was carried, so it is not carried on.

Left empty for the teams: 추진실적 and 향후일정. Not copied: execution records (they belong
to their year), headcounts (dated and shared by every year), logins (tied to a year's person).
Nothing of the source edition is changed.
"""
import datetime

from django.db import transaction

from budget import figures as budget_figures
from budget.models import DetailProgram, ExpenditureAccount, PolicyProgram, RevenueAccount, UnitProgram
from projects.models import (
    CoreValue, MidTermGoal, OverviewSubItem, ProgramContact, ProgramPage, StrategicGoal, StrategicTask, Strategy,
)
from reports.models import PurposeBusiness, ReportEdition
from staffing.models import DutyGroup, DutyItem, OrgUnit, Person, Post


class EditionAlreadyExists(Exception):
    pass


def one_year_later(date):
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28)


@transaction.atomic
def open_next_edition(source: ReportEdition, year: int | None = None) -> ReportEdition:
    """Create the edition of `year` (default: the next year) from `source`; refuse if it exists."""
    year = year or source.year + 1
    if ReportEdition.objects.filter(year=year).exists():
        raise EditionAlreadyExists(f"{year}년 연도판이 이미 있습니다. 기존 연도판은 덮어쓰지 않습니다.")
    target = _copy_edition(source, year)
    units = _copy_org(source, target)
    posts = _copy_people(source, target, units)
    _copy_revenue(source, target)
    accounts = _copy_expenditure_accounts(source, target)
    unit_programs = _copy_programmes(source, target, units, accounts)
    _copy_strategy(source, target)
    _copy_pages(unit_programs, posts)
    return target


def _copy_edition(source, year):
    shift = year - source.year
    target = ReportEdition(
        year=year,
        title=source.title,
        issued_on=_shift(source.issued_on, shift),
        figures_as_of=_shift(source.figures_as_of, shift),
        organisation_name=source.organisation_name,
        purpose=source.purpose,
        purpose_source=source.purpose_source,
    )
    target.full_clean()
    target.save()
    for business in source.purpose_businesses.order_by("order", "pk"):
        PurposeBusiness.objects.create(edition=target, order=business.order, text=business.text)
    return target


def _shift(date: datetime.date, years: int) -> datetime.date:
    for _ in range(years):
        date = one_year_later(date)
    return date


def _copy_org(source, target):
    """The org tree, parents before children; returns {source unit id: new unit}."""
    units = {}
    pending = list(OrgUnit.objects.filter(edition=source).order_by("order", "pk"))
    while pending:
        ready = [u for u in pending if u.parent_id is None or u.parent_id in units]
        if not ready:  # a parent outside the edition: keep the unit at the top
            ready = pending[:1]
        for unit in ready:
            units[unit.pk] = OrgUnit.objects.create(
                edition=target, parent=units.get(unit.parent_id), name=unit.name, kind=unit.kind, order=unit.order,
            )
            pending.remove(unit)
    groups = DutyGroup.objects.filter(unit__edition=source).prefetch_related("items").order_by("unit", "order", "pk")
    for group in groups:
        new_group = DutyGroup.objects.create(unit=units[group.unit_id], heading=group.heading, order=group.order)
        for item in group.items.all():
            DutyItem.objects.create(group=new_group, text=item.text, order=item.order)
    return units


def _copy_people(source, target, units):
    """People and their posts; returns {source post id: new post}."""
    people = {}
    for person in Person.objects.filter(edition=source).order_by("pk"):
        people[person.pk] = Person.objects.create(
            edition=target, name=person.name, phone=person.phone, grade_id=person.grade_id,
            employment=person.employment,
        )
    posts = {}
    for post in Post.objects.filter(person__edition=source).order_by("pk"):
        posts[post.pk] = Post.objects.create(
            person=people[post.person_id], unit=units[post.unit_id], title=post.title,
            is_head=post.is_head, order=post.order,
        )
    return posts


def _copy_revenue(source, target):
    """세입: a detail line's 예산현액 becomes its 최종예산; a summary's control totals likewise."""
    summaries = {}
    for account in RevenueAccount.objects.filter(edition=source, parent=None).order_by("order", "pk"):
        summaries[account.pk] = RevenueAccount.objects.create(
            edition=target, name=account.name, order=account.order,
            budget_amount=None, prior_amount=account.budget_amount,
        )
    for account in RevenueAccount.objects.filter(edition=source, parent__isnull=False).order_by("order", "pk"):
        RevenueAccount.objects.create(
            edition=target, parent=summaries[account.parent_id], name=account.name, order=account.order,
            budget_amount=0, prior_amount=account.budget_amount or 0,
        )


def _copy_expenditure_accounts(source, target):
    """세출 accounts; prior = this year's total of the account (budget.figures.account_budget)."""
    accounts = {}
    for account in ExpenditureAccount.objects.filter(edition=source).order_by("order", "pk").prefetch_related("details"):
        accounts[account.pk] = ExpenditureAccount.objects.create(
            edition=target, name=account.name, execution_label=account.execution_label, order=account.order,
            itemise_in_execution=account.itemise_in_execution, budget_amount=None,
            prior_amount=budget_figures.account_budget(account),
        )
    return accounts


def _copy_programmes(source, target, units, accounts):
    """정책사업 → 단위사업 → 세부사업; returns {source unit programme id: new unit programme}."""
    unit_programs = {}
    policies = PolicyProgram.objects.filter(edition=source).order_by("order", "pk").prefetch_related("units__details")
    for policy in policies:
        new_policy = PolicyProgram.objects.create(
            edition=target, number=policy.number, name=policy.name, category=policy.category, order=policy.order,
        )
        for unit in policy.units.all():
            new_unit = UnitProgram.objects.create(
                policy=new_policy, number=unit.number, name=unit.name, order=unit.order,
                owning_team=units.get(unit.owning_team_id),
            )
            unit_programs[unit.pk] = new_unit
            for detail in unit.details.all():
                DetailProgram.objects.create(
                    unit=new_unit, account=accounts[detail.account_id], name=detail.name, order=detail.order,
                    budget_amount=0, carried_over=False, carried_over_amount=None,
                    note="" if detail.carried_over else detail.note,
                )
    return unit_programs


def _copy_strategy(source, target):
    strategy = Strategy.objects.filter(edition=source).first()
    if strategy is None:
        return
    new = Strategy.objects.create(
        edition=target, mission=strategy.mission, vision=strategy.vision,
        goals_start_year=strategy.goals_start_year, goals_end_year=strategy.goals_end_year,
    )
    for value in strategy.core_values.order_by("order", "pk"):
        CoreValue.objects.create(strategy=new, order=value.order, name=value.name)
    for goal in strategy.mid_term_goals.order_by("order", "pk"):
        MidTermGoal.objects.create(strategy=new, order=goal.order, text=goal.text)
    for goal in strategy.strategic_goals.order_by("order", "pk").prefetch_related("tasks"):
        new_goal = StrategicGoal.objects.create(strategy=new, order=goal.order, name=goal.name)
        for task in goal.tasks.order_by("order", "pk"):
            StrategicTask.objects.create(goal=new_goal, order=task.order, name=task.name)


def _copy_pages(unit_programs, posts):
    """주요 현안업무 pages: goal, 추진배경, 사업내용 and contacts; 추진실적 and 향후일정 start empty."""
    pages = ProgramPage.objects.filter(unit_id__in=unit_programs).prefetch_related("contacts", "overview_items")
    for page in pages:
        new_page = ProgramPage.objects.create(
            unit=unit_programs[page.unit_id], goal=page.goal, background=page.background, content=page.content,
        )
        for contact in page.contacts.all():
            ProgramContact.objects.create(page=new_page, role=contact.role, post=posts[contact.post_id], order=contact.order)
        for item in page.overview_items.all():
            OverviewSubItem.objects.create(page=new_page, order=item.order, marker=item.marker, text=item.text)
