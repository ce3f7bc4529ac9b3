"""Loading budget.yaml: the 2024 budget arrives as printed, and bad references are refused by line."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from budget import loading
from budget.models import (
    DetailProgram, ExecutionRecord, ExpenditureAccount, PolicyProgram, RevenueAccount, UnitProgram,
)
from workreport.loading import load_edition, read_year
from staffing import loading as staffing_loading

SUMMARY_LINES = ["서울시출연금", "잉여금(이월금)수입", "사업수입", "보조금수입", "기타영업외수익",
                 "자본잉여금(보조금)수입", "보조금사용잔액"]
DETAIL_LINES = ["서울시출연금", "보조금수익", "관리사업수익", "대행사업수익", "기타영업수익",
                "자본잉여금수입", "잉여금(이월금)수입", "보조금사용잔액"]


@pytest.fixture
def empty_year(edition):
    """A year 2099 holding only the organisation, ready for a budget."""
    data = read_year(2024, "edition")
    data["year"] = 2099
    other = load_edition(data)
    staffing_loading.load(other, read_year(2024, "staffing"))
    return other


def test_2024_revenue_summary_lines_carry_no_amounts_of_their_own(edition):
    summaries = RevenueAccount.objects.filter(edition=edition, parent=None).order_by("order")
    assert [line.name for line in summaries] == SUMMARY_LINES
    assert not summaries.filter(budget_amount__isnull=False).exists()
    assert not summaries.filter(prior_amount__isnull=False).exists()


def test_2024_revenue_details_in_section_iv_order_add_up(edition):
    details = RevenueAccount.objects.filter(edition=edition, parent__isnull=False).order_by("order")
    assert [line.name for line in details] == DETAIL_LINES
    assert details.aggregate(budget=Sum("budget_amount"), prior=Sum("prior_amount")) == {
        "budget": 10_699_686, "prior": 10_013_629,
    }
    business = details.filter(parent__name="사업수입").order_by("order")
    assert [(d.name, d.budget_amount, d.prior_amount) for d in business] == [
        ("관리사업수익", 0, 2_350), ("대행사업수익", 1_649_000, 700_000),
    ]


def test_2024_expenditure_accounts(edition):
    accounts = ExpenditureAccount.objects.filter(edition=edition).order_by("order")
    assert [(a.name, a.prior_amount) for a in accounts] == [
        ("인건비", 2_461_588), ("경비", 1_589_349), ("사업비", 5_562_040), ("정부보조금반환", 0), ("예비비", 400_652),
    ]
    assert list(accounts.filter(itemise_in_execution=True).values_list("name", flat=True)) == ["사업비"]
    assert accounts.get(name="정부보조금반환").execution_label == "반환금(정부보조금반환)"
    assert not accounts.filter(budget_amount__isnull=False).exists()


def test_2024_programme_tree_counts_and_owners(edition):
    programmes = PolicyProgram.objects.filter(edition=edition, category=PolicyProgram.Category.PROGRAMME)
    assert list(programmes.values_list("number", "name")) == [
        (1, "서울시 과학행정 선도"), (2, "스마트시티 서울의 글로벌 경쟁력 강화"),
    ]
    units = UnitProgram.objects.filter(policy__in=programmes)
    assert list(units.values_list("number", flat=True)) == ["1-1", "1-2"] + [f"2-{n}" for n in range(1, 9)]
    assert units.get(number="2-6").name == "서울 스마트라이프 위크 운영"
    assert set(units.filter(number__startswith="2-").exclude(number__in=["2-1", "2-2", "2-3"])
               .values_list("owning_team__name", flat=True)) == {"스마트라이프팀"}
    assert units.get(number="1-2").owning_team.name == "AI전환팀"
    assert DetailProgram.objects.filter(unit__in=units).count() == 18
    assert DetailProgram.objects.filter(unit__policy__edition=edition).exclude(unit__in=units).count() == 4


def test_2024_detail_budgets_add_up_per_account(edition):
    details = DetailProgram.objects.filter(unit__policy__edition=edition)
    totals = dict(details.values_list("account__name").annotate(total=Sum("budget_amount")))
    assert totals == {"인건비": 2_290_031, "경비": 1_620_851, "사업비": 6_707_360,
                      "정부보조금반환": 884, "예비비": 80_560}
    assert details.get(name="해외도시 디지털 정책교류").note == "서울시 기금"


def test_2024_carried_over_bus_has_no_budget_and_no_execution(edition):
    bus = DetailProgram.objects.get(unit__policy__edition=edition, name="디지털 돌봄 체험버스")
    assert (bus.carried_over, bus.budget_amount, bus.carried_over_amount) == (True, 0, 373_502)
    assert bus.note == "명시이월 사업"
    assert not bus.executions.exists()


def test_2024_execution_as_of_the_report_date(edition):
    records = ExecutionRecord.objects.filter(detail__unit__policy__edition=edition)
    assert records.count() == 21
    assert set(records.values_list("as_of", flat=True)) == {datetime.date(2024, 10, 18)}
    assert records.aggregate(committed=Sum("committed_amount"), spent=Sum("spent_amount")) == {
        "committed": 8_639_754, "spent": 6_494_590,
    }
    programme = records.filter(detail__account__name="사업비")
    assert programme.count() == 17
    assert programme.aggregate(committed=Sum("committed_amount"), spent=Sum("spent_amount")) == {
        "committed": 5_698_880, "spent": 3_662_494,
    }
    exchange = records.get(detail__name="해외도시 디지털 정책교류")
    assert (exchange.committed_amount, exchange.spent_amount) == (280_078, 146_110)


def test_another_year_loads_the_same_budget(empty_year):
    loading.load(empty_year, read_year(2024, "budget"))
    assert DetailProgram.objects.filter(unit__policy__edition=empty_year).count() == 22
    assert RevenueAccount.objects.filter(edition=empty_year, parent__isnull=False).count() == 8


def test_unknown_team_is_refused_naming_the_unit_and_nothing_is_loaded(empty_year):
    data = read_year(2024, "budget")
    data["programmes"][0]["units"][0]["team"] = "AI혁신팀"
    with pytest.raises(ValueError, match="단위사업 'AI 행정서비스 연구개발'.*담당 팀 'AI혁신팀'이\\(가\\) 없습니다"):
        loading.load(empty_year, data)
    assert not RevenueAccount.objects.filter(edition=empty_year).exists()
    assert not PolicyProgram.objects.filter(edition=empty_year).exists()


def test_unknown_account_is_refused_naming_the_detail(empty_year):
    data = read_year(2024, "budget")
    data["programmes"][0]["units"][0]["details"][0]["account"] = "사업경비"
    with pytest.raises(ValueError, match="세부사업 'AI 모델 연구개발'.*세출 과목 '사업경비'"):
        loading.load(empty_year, data)


def test_team_of_another_year_is_not_found(edition):
    data = read_year(2024, "edition")
    data["year"] = 2098
    bare = load_edition(data)
    with pytest.raises(ValueError, match="담당 팀 'AI전환팀'이\\(가\\) 없습니다"):
        loading.load(bare, read_year(2024, "budget"))


def test_spent_above_committed_is_refused_naming_the_detail(empty_year):
    data = read_year(2024, "budget")
    data["programmes"][0]["units"][0]["details"][0]["spent"] = 400_000
    with pytest.raises(ValidationError, match="세부사업 'AI 모델 연구개발' 집행 실적: 지출 누계액이 원인행위 누계액보다 클 수 없습니다"):
        loading.load(empty_year, data)


def test_negative_amount_is_refused_naming_the_line(empty_year):
    data = read_year(2024, "budget")
    data["revenue"][0]["details"][0]["budget"] = -1
    with pytest.raises(ValidationError, match="세입 '서울시출연금' 세부 과목 '서울시출연금': 금액은 0 이상이어야 합니다"):
        loading.load(empty_year, data)
