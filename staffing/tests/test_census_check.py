"""check_report warns about a 현원 조사 that leaves a grade or 계약직 out (old data, a per-grade import)."""
import datetime

from staffing.checks import check_census
from staffing.models import CurrentHeadcount, Grade, HeadcountCensus
from workreport.checks import check_year

OLD_DAY = datetime.date(2023, 12, 31)


def old_partial_census():
    """A census as data written before censuses were whole could be: two grades, no 계약직."""
    census = HeadcountCensus.objects.create(as_of=OLD_DAY)
    CurrentHeadcount.objects.bulk_create(
        CurrentHeadcount(census=census, as_of=OLD_DAY, grade=grade, count=3)
        for grade in Grade.objects.filter(name__in=["5급", "6급"])
    )


def test_the_2024_census_is_whole(edition):
    assert check_census(edition) == ([], [])


def test_a_census_missing_grades_and_contract_staff_is_named(edition):
    old_partial_census()

    errors, warnings = check_census(edition)

    assert errors == []
    assert warnings == [
        "현원 2023. 12. 31. 조사에 이사장, 1급, 2급, 3급, 4급, 7급의 현원이 없어 0명으로 계산됩니다. "
        "관리 화면의 '현원 조사'에서 모든 직급을 채우세요.",
        "현원 2023. 12. 31. 조사에 계약직 인원이 없어 그 전 조사의 계약직 인원으로 계산됩니다. "
        "관리 화면의 '현원 조사'에서 계약직 인원을 적으세요.",
    ]


def test_a_census_without_rows_is_named(edition):
    HeadcountCensus.objects.create(as_of=OLD_DAY)

    assert check_census(edition)[1] == [
        "현원 2023. 12. 31. 조사에 직급별 현원이 하나도 없어 그 전 조사의 현원으로 계산됩니다. "
        "관리 화면의 '현원 조사'에서 모든 직급을 채우세요.",
    ]


def test_check_report_lists_the_census_warning(edition):
    old_partial_census()

    _, warnings = check_year(edition)

    assert any(w.startswith("현원 2023. 12. 31. 조사에 이사장, 1급") for w in warnings)
