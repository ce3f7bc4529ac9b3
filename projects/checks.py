"""Consistency checks between the budget tree and the 주요 현안업무 pages, run by `check_report`.

Every 단위사업 of a 정책사업 is one page of section III, so a missing page, a page without an
owning team or contacts, or a 단위사업 without 세부사업 would print an incomplete report: errors.
An outline that prints oddly (a - line with no ○ line above it, a · line right under a ○ line) or
an empty 추진실적 or 향후일정 still prints, but a reader would notice: warnings.
"""
from django.db.models import Prefetch

from budget.models import PolicyProgram, UnitProgram
from projects.changes import excerpt
from projects.models import AchievementItem, ProgramPage, ScheduleItem


def _programme_units(edition):
    return UnitProgram.objects.filter(
        policy__edition=edition, policy__category=PolicyProgram.Category.PROGRAMME
    ).select_related("policy")


def check_programme_units(edition):
    """A 정책사업's 단위사업 needs 세부사업 (its budget) and a page (its section III entry)."""
    errors = []
    units = _programme_units(edition).prefetch_related("details").order_by("policy__order", "order")
    pages = set(ProgramPage.objects.filter(unit__in=units).values_list("unit_id", flat=True))
    for unit in units:
        if not unit.details.all():
            errors.append(f"단위사업 {unit}: 세부사업이 없습니다")
        if unit.pk not in pages:
            errors.append(f"단위사업 {unit}: 주요 현안업무 페이지가 없습니다")
    return errors, []


def check_pages(edition):
    """A page names its owning team (the 단위사업's 담당 팀) and at least one contact."""
    errors = []
    pages = (
        ProgramPage.objects.filter(unit__policy__edition=edition)
        .select_related("unit").prefetch_related("contacts")
    )
    for page in pages:
        if page.unit.owning_team_id is None:
            errors.append(f"주요 현안업무 {page.unit}: 담당 팀이 없습니다")
        if not page.contacts.all():
            errors.append(f"주요 현안업무 {page.unit}: 연락처(실·본부장, 팀장, 담당)가 없습니다")
    return errors, []


OUTLINE_SECTIONS = (("achievements", "추진실적"), ("schedule", "향후일정"))


def outline_warnings(lines) -> list[str]:
    """What is odd in the levels of one section's lines, in print order (counted as items, a table one item): "3번째 항목 '…' 위에 1단계 줄이 없습니다".

    A line at level 2 or 3 hangs from the nearest line above it at a lower level (1 or 2); without
    one it prints as a - or · with nothing to belong to. The first such line is named, not the lines
    at its level that follow it (they miss the same parent: one fix). A level-3 line right after a
    level-1 line skips level 2. Level-0 lines (a ※ note outside the levels) are no parent and are
    skipped over.
    """
    warnings = []
    previous = None  # the level of the nearest line above at level 1 or more
    lowest = None  # the lowest such level so far
    for position, line in enumerate(lines, start=1):
        if line.level < 1:
            continue
        name = f"{position}번째 항목 {excerpt(line.text)}"
        if line.level >= 2 and (lowest is None or lowest > line.level):
            parents = "1단계" if line.level == 2 else "1·2단계"
            warnings.append(f"{name} 위에 {parents} 줄이 없습니다")
        elif line.level == 3 and previous == 1:
            warnings.append(f"{name}: 1단계 줄 바로 다음에 3단계 줄이 옵니다(2단계가 빠졌습니다)")
        previous = line.level
        lowest = line.level if lowest is None else min(lowest, line.level)
    return warnings


def check_outlines(edition):
    """A page's 추진실적 and 향후일정 are not empty, and their levels go down one at a time (three queries)."""
    pages = (
        ProgramPage.objects.filter(unit__policy__edition=edition)
        .select_related("unit")
        .prefetch_related(
            Prefetch("achievements", queryset=AchievementItem.objects.order_by("order", "pk")),
            Prefetch("schedule", queryset=ScheduleItem.objects.order_by("order", "pk")),
        )
        .order_by("unit__policy__order", "unit__order")
    )
    warnings = []
    for page in pages:
        for related_name, section in OUTLINE_SECTIONS:
            lines = getattr(page, related_name).all()
            if not lines:
                warnings.append(f"주요 현안업무 {page.unit}: {section}이 비어 있습니다")
            warnings += [f"주요 현안업무 {page.unit}: {section} {found}" for found in outline_warnings(lines)]
    return [], warnings


CHECKS = (check_programme_units, check_pages, check_outlines)
