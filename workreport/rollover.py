"""Next year from this year: open the 2025 edition as a copy of 2024's organisation, budget tree and pages.

What is copied, and what each year's desks then fill in (each app's copier says the details):
- the edition (title, organisation, 설립목적, 목적사업), dates moved one year on;
- the org tree with its 주요업무, the people and their posts (staffing.copying);
- the 세입·세출 accounts and the budget tree (정책사업 → 단위사업 → 세부사업): this year's 예산현액
  becomes next year's 최종예산, next year's starts at 0 (budget.copying);
- the strategy and each 주요 현안업무 page with its goal, 추진배경, 사업내용 and contacts; 추진실적
  and 향후일정 are left empty for the teams (projects.copying).

Not copied: execution records (they belong to their year), headcounts (dated and shared by every
year), logins (tied to a year's person). Nothing of the source edition is changed.
"""
from django.db import transaction

from reports.copying import EditionCopy
from reports.models import ReportEdition
from workreport.parts import copy_parts


class EditionAlreadyExists(Exception):
    pass


@transaction.atomic
def open_next_edition(source: ReportEdition, year: int | None = None) -> ReportEdition:
    """Create the edition of `year` (default: the next year) from `source`; refuse if it exists."""
    year = year or source.year + 1
    if ReportEdition.objects.filter(year=year).exists():
        raise EditionAlreadyExists(f"{year}년 연도판이 이미 있습니다. 기존 연도판은 덮어쓰지 않습니다.")
    plan = EditionCopy.start(source, year)
    copy_parts(plan)
    return plan.target
