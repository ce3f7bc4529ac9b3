"""Consistency checks between the budget tree and the 주요 현안업무 pages, run by `check_report`.

Every 단위사업 of a 정책사업 is one page of section III, so a missing page, a page without an
owning team or contacts, or a 단위사업 without 세부사업 would print an incomplete report: errors.
"""
from budget.models import PolicyProgram, UnitProgram

from .models import ProgramPage


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


CHECKS = (check_programme_units, check_pages)
