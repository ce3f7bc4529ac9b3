"""Load one year's report from fixtures/<year>/*.yaml into an empty year.

Each app reads its own file (staffing/loading.py, budget/loading.py, projects/loading.py);
this module creates the edition and runs them in one transaction, so a failure loads nothing.
"""
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from reports.models import PurposeBusiness, ReportEdition

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class YearAlreadyLoaded(Exception):
    pass


class FixturesMissing(Exception):
    pass


def read_year(year: int, name: str) -> dict:
    path = FIXTURES_DIR / str(year) / f"{name}.yaml"
    if not path.exists():
        raise FixturesMissing(f"{path} 파일이 없습니다.")
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_edition(data: dict) -> ReportEdition:
    edition = ReportEdition(
        year=data["year"],
        title=data["title"],
        issued_on=data["issued_on"],
        figures_as_of=data["figures_as_of"],
        organisation_name=data["organisation_name"],
        purpose=data["purpose"],
        purpose_source=data.get("purpose_source", ""),
    )
    edition.full_clean()
    edition.save()
    for order, text in enumerate(data.get("purpose_businesses", []), start=1):
        PurposeBusiness.objects.create(edition=edition, order=order, text=text)
    return edition


@transaction.atomic
def load_year(year: int) -> ReportEdition:
    from budget import loading as budget_loading
    from projects import loading as projects_loading
    from staffing import loading as staffing_loading

    if ReportEdition.objects.filter(year=year).exists():
        raise YearAlreadyLoaded(
            f"{year}년 업무보고가 이미 데이터베이스에 있습니다. 덮어쓰지 않습니다."
        )
    edition = load_edition(read_year(year, "edition"))
    staffing_loading.load(edition, read_year(year, "staffing"))
    budget_loading.load(edition, read_year(year, "budget"))
    projects_loading.load(edition, read_year(year, "projects"))
    return edition
