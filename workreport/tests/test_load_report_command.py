"""`manage.py load_report <year>` refuses to overwrite a year and loads nothing on failure."""
import pytest
from django.core.management import CommandError, call_command

from budget.models import DetailProgram, ExecutionRecord, RevenueAccount
from projects.models import ProgramPage
from reports.models import PurposeBusiness, ReportEdition
from staffing.models import CurrentHeadcount, OrgUnit, Person

COUNTED_MODELS = [
    ReportEdition, PurposeBusiness, OrgUnit, Person, CurrentHeadcount,
    RevenueAccount, DetailProgram, ExecutionRecord, ProgramPage,
]


def object_counts():
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


def test_loading_a_year_that_is_already_there_is_refused(edition):
    before = object_counts()

    with pytest.raises(CommandError) as refused:
        call_command("load_report", "2024")

    assert str(refused.value) == "2024년 업무보고가 이미 데이터베이스에 있습니다. 덮어쓰지 않습니다."
    assert object_counts() == before


def test_loading_a_year_without_fixtures_is_refused_and_loads_nothing(edition):
    before = object_counts()

    with pytest.raises(CommandError) as refused:
        call_command("load_report", "2031")

    assert "파일이 없습니다" in str(refused.value)
    assert not ReportEdition.objects.filter(year=2031).exists()
    assert object_counts() == before


def test_the_loaded_year_holds_the_whole_report(edition):
    counts = object_counts()

    assert counts["ReportEdition"] == 1
    assert counts["PurposeBusiness"] == 9
    assert counts["DetailProgram"] == 22  # 18 세부사업 of the 정책사업 + 4 lines of the other groups
    assert counts["ProgramPage"] == 10
