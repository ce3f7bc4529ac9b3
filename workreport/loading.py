"""Load one year's report from fixtures/<year>/*.yaml into an empty year.

reports.loading creates the edition from edition.yaml; then each app's part (workreport.parts)
loads its own file, all in one transaction, so a failure loads nothing.
"""
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from reports.loading import load_edition
from reports.models import ReportEdition
from workreport.parts import PARTS

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


@transaction.atomic
def load_year(year: int) -> ReportEdition:
    if ReportEdition.objects.filter(year=year).exists():
        raise YearAlreadyLoaded(
            f"{year}년 업무보고가 이미 데이터베이스에 있습니다. 덮어쓰지 않습니다."
        )
    edition = load_edition(read_year(year, "edition"))
    for part in PARTS:
        part.load(edition, read_year(year, part.name))
    return edition
