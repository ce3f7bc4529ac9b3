"""A synthetic edition with N times the data of a real one, for the report benchmark and query-budget tests.

Copies a source edition (normally 2024) into a new year and multiplies what grows with a
real organisation: teams with their 주요업무, people and posts; 단위사업 of the 정책사업 with
their 세부사업, execution records and whole 주요 현안업무 pages (사업개요, 추진실적 with its
tables, 향후일정, contacts); 세입 detail lines. Administration lines (인건비, 경비 …) are
kept once with their amounts multiplied, so the totals stay balanced at N×. The offices,
the strategy and the 세출 accounts exist once per edition. Dates stay those of the source,
so the 정원/현원 (shared by every year, looked up by date) print the same.

Rows are written with bulk_create: no change history is recorded for synthetic data.
"""
from collections import defaultdict

from django.db import transaction

from budget.models import DetailProgram, ExecutionRecord, ExpenditureAccount, PolicyProgram, RevenueAccount, UnitProgram
from projects.models import (
    AchievementItem, AchievementTableRow, CoreValue, MidTermGoal, OverviewSubItem, ProgramContact, ProgramPage,
    ScheduleItem, StrategicGoal, StrategicTask, Strategy,
)
from reports.models import PurposeBusiness, ReportEdition
from staffing.models import DutyGroup, DutyItem, OrgUnit, Person, Post


class SyntheticYearExists(Exception):
    pass


def copy_name(name: str, copy: int) -> str:
    """The first copy keeps the source name; later copies are numbered: "AI전환팀 (2)"."""
    return name if copy == 0 else f"{name} ({copy + 1})"


@transaction.atomic
def make_synthetic_edition(source: ReportEdition, year: int, factor: int) -> ReportEdition:
    if factor < 1:
        raise ValueError("배수는 1 이상이어야 합니다.")
    if ReportEdition.objects.filter(year=year).exists():
        raise SyntheticYearExists(f"{year}년 연도판이 이미 있습니다. 합성 데이터는 빈 연도에만 만듭니다.")
    target = ReportEdition.objects.create(
        year=year, title=source.title, issued_on=source.issued_on, figures_as_of=source.figures_as_of,
        organisation_name=source.organisation_name, purpose=source.purpose, purpose_source=source.purpose_source,
    )
    PurposeBusiness.objects.bulk_create(
        PurposeBusiness(edition=target, order=b.order, text=b.text) for b in source.purpose_businesses.all()
    )
    units_by_copy = _copy_org(source, target, factor)
    posts_by_copy = _copy_people(source, target, units_by_copy, factor)
    _copy_revenue(source, target, factor)
    accounts = _copy_expenditure_accounts(source, target, factor)
    unit_copies = _copy_programmes(source, target, factor, accounts, units_by_copy)
    _copy_strategy(source, target)
    _copy_pages(unit_copies, posts_by_copy)
    return target


def _copy_org(source, target, factor):
    """Offices and headquarters once, teams `factor` times; returns [{source unit id: new unit}] per copy."""
    source_units = list(OrgUnit.objects.filter(edition=source).order_by("order", "pk"))
    shared = {}
    pending = [u for u in source_units if u.kind != OrgUnit.Kind.TEAM]
    while pending:  # parents before children
        ready = [u for u in pending if u.parent_id is None or u.parent_id in shared] or pending[:1]
        for unit in ready:
            shared[unit.pk] = OrgUnit.objects.create(
                edition=target, parent=shared.get(unit.parent_id), name=unit.name, kind=unit.kind, order=unit.order,
            )
            pending.remove(unit)
    teams = [u for u in source_units if u.kind == OrgUnit.Kind.TEAM]
    by_copy = []
    for copy in range(factor):
        created = OrgUnit.objects.bulk_create(
            OrgUnit(edition=target, parent=shared.get(t.parent_id), name=copy_name(t.name, copy), kind=t.kind,
                    order=t.order + copy * 100)
            for t in teams
        )
        by_copy.append({**shared, **{t.pk: new for t, new in zip(teams, created)}})
    groups = list(DutyGroup.objects.filter(unit__edition=source).prefetch_related("items").order_by("pk"))
    for copy, units in enumerate(by_copy):
        copied = [g for g in groups if copy == 0 or units[g.unit_id].kind == OrgUnit.Kind.TEAM]
        new_groups = DutyGroup.objects.bulk_create(
            DutyGroup(unit=units[g.unit_id], heading=g.heading, order=g.order) for g in copied
        )
        DutyItem.objects.bulk_create(
            DutyItem(group=new, text=item.text, order=item.order)
            for g, new in zip(copied, new_groups) for item in g.items.all()
        )
    return by_copy


def _copy_people(source, target, units_by_copy, factor):
    """People and posts: those of teams once per copy, the others once; [{source post id: new post}] per copy."""
    posts = list(Post.objects.filter(person__edition=source).select_related("person", "unit").order_by("pk"))
    people = {p.person_id: p.person for p in posts}
    by_copy = []
    shared = {}
    for copy in range(factor):
        units = units_by_copy[copy]
        copied = [p for p in posts if copy == 0 or p.unit.kind == OrgUnit.Kind.TEAM]
        person_ids = sorted({p.person_id for p in copied})
        new_people = dict(zip(person_ids, Person.objects.bulk_create(
            Person(edition=target, name=people[i].name, phone=people[i].phone,
                   grade_id=people[i].grade_id, employment=people[i].employment)
            for i in person_ids
        ))) if copied else {}
        new_posts = dict(zip([p.pk for p in copied], Post.objects.bulk_create(
            Post(person=new_people[p.person_id], unit=units[p.unit_id], title=p.title, is_head=p.is_head,
                 order=p.order)
            for p in copied
        )))
        if copy == 0:
            shared = {pk: post for pk, post in new_posts.items() if post.unit.kind != OrgUnit.Kind.TEAM}
        by_copy.append({**shared, **new_posts})
    # Unattached people (no post) are copied once, so the edition keeps every person of the source.
    attached = {p.person_id for p in posts}
    Person.objects.bulk_create(
        Person(edition=target, name=p.name, phone=p.phone,
               grade_id=p.grade_id, employment=p.employment)
        for p in Person.objects.filter(edition=source).exclude(pk__in=attached)
    )
    return by_copy


def _copy_revenue(source, target, factor):
    summaries = {}
    for account in RevenueAccount.objects.filter(edition=source, parent=None).order_by("order", "pk"):
        summaries[account.pk] = RevenueAccount.objects.create(
            edition=target, name=account.name, order=account.order,
            budget_amount=_times(account.budget_amount, factor), prior_amount=_times(account.prior_amount, factor),
        )
    details = RevenueAccount.objects.filter(edition=source, parent__isnull=False).order_by("order", "pk")
    RevenueAccount.objects.bulk_create(
        RevenueAccount(edition=target, parent=summaries[a.parent_id], name=copy_name(a.name, copy),
                       order=a.order + copy * 100, budget_amount=a.budget_amount, prior_amount=a.prior_amount)
        for copy in range(factor) for a in details
    )


def _times(amount, factor):
    return None if amount is None else amount * factor


def _copy_expenditure_accounts(source, target, factor):
    return {
        account.pk: ExpenditureAccount.objects.create(
            edition=target, name=account.name, execution_label=account.execution_label, order=account.order,
            itemise_in_execution=account.itemise_in_execution, budget_amount=_times(account.budget_amount, factor),
            prior_amount=account.prior_amount * factor,
        )
        for account in ExpenditureAccount.objects.filter(edition=source).order_by("order", "pk")
    }


def _copy_programmes(source, target, factor, accounts, units_by_copy):
    """정책사업 once; a programme's 단위사업 `factor` times, renumbered; returns [(source unit, copy, new unit)]."""
    unit_copies = []
    detail_pairs = []  # (source detail, new detail, amount factor)
    policies = PolicyProgram.objects.filter(edition=source).order_by("order", "pk").prefetch_related("units__details")
    for policy in policies:
        new_policy = PolicyProgram.objects.create(
            edition=target, number=policy.number, name=policy.name, category=policy.category, order=policy.order,
        )
        is_programme = policy.category == PolicyProgram.Category.PROGRAMME
        copies = range(factor) if is_programme else range(1)
        position = 0
        for copy in copies:
            for unit in policy.units.all():
                position += 1
                number = f"{policy.number}-{position}" if (is_programme and unit.number) else unit.number
                owning = units_by_copy[copy].get(unit.owning_team_id) if unit.owning_team_id else None
                new_unit = UnitProgram.objects.create(
                    policy=new_policy, number=number, name=copy_name(unit.name, copy),
                    order=unit.order + copy * 100, owning_team=owning,
                )
                unit_copies.append((unit, copy, new_unit))
                for detail in unit.details.all():
                    detail_pairs.append((detail, DetailProgram(
                        unit=new_unit, account=accounts[detail.account_id], name=copy_name(detail.name, copy),
                        order=detail.order, budget_amount=detail.budget_amount * (1 if is_programme else factor),
                        carried_over=detail.carried_over,
                        carried_over_amount=_times(detail.carried_over_amount, 1 if is_programme else factor),
                        note=detail.note,
                    ), 1 if is_programme else factor))
    created = DetailProgram.objects.bulk_create(d for _, d, _ in detail_pairs)
    executions = defaultdict(list)
    for record in ExecutionRecord.objects.filter(detail__unit__policy__edition=source):
        executions[record.detail_id].append(record)
    ExecutionRecord.objects.bulk_create(
        ExecutionRecord(detail=new, as_of=r.as_of, committed_amount=r.committed_amount * scale,
                        spent_amount=r.spent_amount * scale)
        for (detail, _, scale), new in zip(detail_pairs, created) for r in executions[detail.pk]
    )
    return unit_copies


def _copy_strategy(source, target):
    strategy = Strategy.objects.filter(edition=source).first()
    if strategy is None:
        return
    new = Strategy.objects.create(
        edition=target, mission=strategy.mission, vision=strategy.vision,
        goals_start_year=strategy.goals_start_year, goals_end_year=strategy.goals_end_year,
    )
    CoreValue.objects.bulk_create(CoreValue(strategy=new, order=v.order, name=v.name) for v in strategy.core_values.all())
    MidTermGoal.objects.bulk_create(MidTermGoal(strategy=new, order=g.order, text=g.text) for g in strategy.mid_term_goals.all())
    for goal in strategy.strategic_goals.prefetch_related("tasks"):
        new_goal = StrategicGoal.objects.create(strategy=new, order=goal.order, name=goal.name)
        StrategicTask.objects.bulk_create(StrategicTask(goal=new_goal, order=t.order, name=t.name) for t in goal.tasks.all())


def _copy_pages(unit_copies, posts_by_copy):
    """Each copied 단위사업 gets a copy of its source page with every line of it."""
    source_pages = {
        page.unit_id: page
        for page in ProgramPage.objects.filter(unit_id__in=[u.pk for u, _, _ in unit_copies]).prefetch_related(
            "contacts", "overview_items", "achievements__rows", "schedule",
        )
    }
    pairs = [(source_pages[u.pk], copy, new_unit) for u, copy, new_unit in unit_copies if u.pk in source_pages]
    new_pages = ProgramPage.objects.bulk_create(
        ProgramPage(unit=new_unit, goal=page.goal, background=page.background, content=page.content)
        for page, _, new_unit in pairs
    )
    contacts, overview, achievements, achievement_sources, schedule = [], [], [], [], []
    for (page, copy, _), new_page in zip(pairs, new_pages):
        posts = posts_by_copy[copy]
        contacts += [ProgramContact(page=new_page, role=c.role, post=posts[c.post_id], order=c.order)
                     for c in page.contacts.all()]
        overview += [OverviewSubItem(page=new_page, order=i.order, marker=i.marker, text=i.text)
                     for i in page.overview_items.all()]
        for item in page.achievements.all():
            achievements.append(AchievementItem(page=new_page, order=item.order, level=item.level,
                                                marker=item.marker, text=item.text))
            achievement_sources.append(item)
        schedule += [ScheduleItem(page=new_page, order=s.order, level=s.level, marker=s.marker, text=s.text,
                                  starts_on=s.starts_on, ends_on=s.ends_on, precision=s.precision)
                     for s in page.schedule.all()]
    ProgramContact.objects.bulk_create(contacts)
    OverviewSubItem.objects.bulk_create(overview)
    ScheduleItem.objects.bulk_create(schedule)
    new_items = AchievementItem.objects.bulk_create(achievements)
    AchievementTableRow.objects.bulk_create(
        AchievementTableRow(item=new, order=row.order, label=row.label, content=row.content)
        for source, new in zip(achievement_sources, new_items) for row in source.rows.all()
    )
