"""The strategy and the 주요 현안업무 pages of one edition copied into another (reports.copying).

The strategy (미션, 비전, 핵심가치, 중기 정책목표, 전략목표·과제) exists once per edition. Each copied
단위사업 gets its page: goal, 추진배경, 사업내용 with its sub-items, and the contacts (mapped to the
new edition's posts). Next year's pages start without 추진실적 and 향후일정, for the teams to write;
a synthetic page copies every line.
"""
from budget.models import UnitProgram
from projects.models import (
    AchievementItem, AchievementTableRow, CoreValue, MidTermGoal, OverviewSubItem, ProgramContact, ProgramPage,
    ScheduleItem, StrategicGoal, StrategicTask, Strategy,
)
from reports.copying import years_later
from staffing.models import Post


def copy_strategy(plan):
    strategy = Strategy.objects.filter(edition=plan.source).first()
    if strategy is None:
        return
    [new] = plan.save(Strategy, [Strategy(
        edition=plan.target, mission=strategy.mission, vision=strategy.vision,
        goals_start_year=strategy.goals_start_year, goals_end_year=strategy.goals_end_year,
    )])
    plan.save(CoreValue, [CoreValue(strategy=new, order=v.order, name=v.name)
                          for v in strategy.core_values.order_by("order", "pk")])
    plan.save(MidTermGoal, [MidTermGoal(strategy=new, order=g.order, text=g.text)
                            for g in strategy.mid_term_goals.order_by("order", "pk")])
    goals = list(strategy.strategic_goals.order_by("order", "pk").prefetch_related("tasks"))
    new_goals = plan.save(StrategicGoal, [StrategicGoal(strategy=new, order=g.order, name=g.name) for g in goals])
    plan.save(StrategicTask, [
        StrategicTask(goal=new_goal, order=t.order, name=t.name)
        for goal, new_goal in zip(goals, new_goals) for t in goal.tasks.order_by("order", "pk")
    ])


def copy_pages(plan):
    """A page for each copied 단위사업 that has one, with its lines."""
    units = plan.copies_of(UnitProgram)
    source_ids = {pk for copy in units for pk in copy}
    pages = {
        page.unit_id: page
        for page in ProgramPage.objects.filter(unit_id__in=source_ids).order_by("pk").prefetch_related(
            "contacts", "overview_items", "achievements__rows", "schedule",
        )
    }
    copied = [(pages[pk], copy, new_unit) for copy, mapping in enumerate(units)
              for pk, new_unit in mapping.items() if pk in pages]
    new_pages = plan.save(ProgramPage, [
        ProgramPage(unit=new_unit, goal=page.goal, background=page.background, content=page.content)
        for page, _, new_unit in copied
    ])
    plan.save(ProgramContact, [
        ProgramContact(page=new_page, role=c.role, post=plan.new(Post, c.post_id, copy), order=c.order)
        for (page, copy, _), new_page in zip(copied, new_pages) for c in page.contacts.all()
    ])
    plan.save(OverviewSubItem, [
        OverviewSubItem(page=new_page, order=i.order, marker=i.marker, text=i.text)
        for (page, _, _), new_page in zip(copied, new_pages) for i in page.overview_items.all()
    ])
    if plan.copies_progress:
        copy_progress(plan, [(page, new_page) for (page, _, _), new_page in zip(copied, new_pages)])


def copy_progress(plan, page_pairs):
    """추진실적 (with the rows of its tables) and 향후일정 of each (source page, new page)."""
    achievements = [(item, new_page) for page, new_page in page_pairs for item in page.achievements.all()]
    new_items = plan.save(AchievementItem, [
        AchievementItem(page=new_page, order=item.order, level=item.level, marker=item.marker, text=item.text)
        for item, new_page in achievements
    ])
    plan.save(AchievementTableRow, [
        AchievementTableRow(item=new_item, order=row.order, label=row.label, content=row.content)
        for (item, _), new_item in zip(achievements, new_items) for row in item.rows.all()
    ])
    # A period is printed against its edition's year ("’25.2월" for the next one): it moves with
    # the copy, so that the copy's page prints what its source prints.
    shift = plan.target.year - plan.source.year
    plan.save(ScheduleItem, [
        ScheduleItem(page=new_page, order=s.order, level=s.level, marker=s.marker, text=s.text,
                     starts_on=s.starts_on and years_later(s.starts_on, shift),
                     ends_on=s.ends_on and years_later(s.ends_on, shift),
                     precision=s.precision, written_period=s.written_period)
        for page, new_page in page_pairs for s in page.schedule.all()
    ])


COPIERS = (copy_strategy, copy_pages)
