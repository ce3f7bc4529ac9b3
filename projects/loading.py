"""Load fixtures/<year>/projects.yaml: the strategy (section II) and the 주요 현안업무 pages (section III).

Runs last in workreport.loading.load_year, inside its transaction, once the edition's people, posts
and 단위사업 exist. Every record is validated with full_clean(); a bad entry raises a
ValidationError naming the page, and the transaction loads nothing. Format: docs/data-format.md.
"""
from django.core.exceptions import ValidationError

from budget.models import UnitProgram
from projects.models import (
    AchievementItem, AchievementTableRow, CoreValue, Marker, MidTermGoal, OverviewSubItem,
    ProgramContact, ProgramPage, ScheduleItem, StrategicGoal, StrategicTask, Strategy,
)
from projects.periods import parse_period
from projects.sections import ORDER_STEP
from staffing.models import Post


def load(edition, data: dict) -> None:
    load_strategy(edition, data["strategy"])
    for page_data in data["pages"]:
        load_page(edition, page_data)


def save(record):
    record.full_clean()
    record.save()
    return record


def load_strategy(edition, data: dict) -> Strategy:
    strategy = save(Strategy(
        edition=edition, mission=data["mission"], vision=data["vision"],
        goals_start_year=data["goals_start_year"], goals_end_year=data["goals_end_year"],
    ))
    for order, name in enumerate(data["core_values"], start=1):
        save(CoreValue(strategy=strategy, order=order, name=name))
    for order, text in enumerate(data["mid_term_goals"], start=1):
        save(MidTermGoal(strategy=strategy, order=order, text=text))
    for order, goal_data in enumerate(data["strategic_goals"], start=1):
        goal = save(StrategicGoal(strategy=strategy, order=order, name=goal_data["name"]))
        for task_order, name in enumerate(goal_data["tasks"], start=1):
            save(StrategicTask(goal=goal, order=task_order, name=name))
    return strategy


def load_page(edition, data: dict) -> ProgramPage:
    number = data["unit"]
    try:
        page = save(ProgramPage(
            unit=find_unit(edition, number), goal=data["goal"],
            background=data["background"], content=data["content"],
        ))
        load_contacts(page, edition, data["contacts"])
        load_overview(page, data.get("overview_items", []))
        load_achievements(page, data.get("achievements", []))
        load_schedule(page, edition.year, data.get("schedule", []))
    except (ValidationError, ValueError) as error:
        raise ValidationError(f"주요 현안업무 {number}: {'; '.join(messages(error))}") from error
    return page


def messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


def find_unit(edition, number: str) -> UnitProgram:
    try:
        return UnitProgram.objects.get(policy__edition=edition, number=number)
    except UnitProgram.DoesNotExist:
        raise ValidationError(f"{edition.year}년 연도판에 번호가 '{number}'인 단위사업이 없습니다.") from None


def find_post(edition, name: str, title: str) -> Post:
    posts = list(Post.objects.filter(person__edition=edition, person__name=name, title=title))
    if len(posts) != 1:
        problem = "없습니다" if not posts else "여러 개입니다"
        raise ValidationError(f"{edition.year}년 연도판에 '{title} {name}' 보직이 {problem}.")
    return posts[0]


def load_contacts(page, edition, contacts: list) -> None:
    for order, contact in enumerate(contacts, start=1):
        post = find_post(edition, contact["person"], contact["title"])
        save(ProgramContact(page=page, role=contact["role"], post=post, order=order))


def line_orders(items):
    """The lines of a section numbered by ten, so that a line typed between two others later
    takes a free number and leaves the rest as they are (projects.sections)."""
    return zip(range(ORDER_STEP, ORDER_STEP * (len(items) + 1), ORDER_STEP), items)


def load_overview(page, items: list) -> None:
    for order, item in line_orders(items):
        save(OverviewSubItem(page=page, order=order, marker=item.get("marker", Marker.BULLET), text=item["text"]))


def load_achievements(page, items: list) -> None:
    for order, item in line_orders(items):
        achievement = save(AchievementItem(
            page=page, order=order, level=item.get("level", 1),
            marker=item.get("marker", Marker.BULLET), text=item.get("text", ""),
        ))
        load_table_rows(achievement, item.get("rows", []))


def load_table_rows(achievement, rows: list) -> None:
    if rows and achievement.marker != Marker.TABLE:
        raise ValidationError(f"표 행(rows)은 표(marker: table) 항목에만 적습니다: '{achievement.text[:30]}'")
    if achievement.marker == Marker.TABLE and not rows:
        raise ValidationError("표(marker: table) 항목에 행(rows)이 없습니다.")
    for order, (label, content) in enumerate(rows, start=1):
        save(AchievementTableRow(item=achievement, order=order, label=label, content=content))


def load_schedule(page, year: int, items: list) -> None:
    for order, item in line_orders(items):
        line = ScheduleItem(
            page=page, order=order, level=item.get("level", 1), marker=item.get("marker", Marker.BULLET),
            text=item["text"],
        )
        line.period = period_of(item, year)
        save(line)


def period_of(item: dict, year: int):
    """A ※ note has no period; every other schedule line must have one."""
    if "period" in item:
        return parse_period(item["period"], year)
    if item.get("marker") != Marker.NOTE:
        raise ValidationError(f"향후일정 '{item['text'][:30]}'에 기간(period)이 없습니다.")
    return None
