"""A synthetic edition with N times the data of a real one, for the report benchmark and query-budget tests.

Copies a source edition (normally 2024) into a new year with every app's copier (reports.copying)
and multiplies what grows with a real organisation: teams with their 주요업무, people and posts;
단위사업 of the 정책사업 with their 세부사업, execution records and whole 주요 현안업무 pages;
세입 detail lines. Administration lines (인건비, 경비 …) are kept once with their amounts
multiplied, so the totals stay balanced at N×. The offices, the strategy and the 세출 accounts
exist once per edition. Dates stay those of the source, so the 정원/현원 (shared by every year,
looked up by date) print the same.

Rows are written with bulk_create: no change history is recorded for synthetic data.
"""
from django.db import transaction

from reports.copying import EditionCopy
from reports.models import ReportEdition
from workreport.parts import copy_parts


class SyntheticYearExists(Exception):
    pass


@transaction.atomic
def make_synthetic_edition(source: ReportEdition, year: int, factor: int) -> ReportEdition:
    if factor < 1:
        raise ValueError("배수는 1 이상이어야 합니다.")
    if ReportEdition.objects.filter(year=year).exists():
        raise SyntheticYearExists(f"{year}년 연도판이 이미 있습니다. 합성 데이터는 빈 연도에만 만듭니다.")
    plan = EditionCopy.start(source, year, factor=factor, next_year=False)
    copy_parts(plan)
    return plan.target
