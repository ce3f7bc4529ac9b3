"""The finance desk pages: what finance reads on them, filters, exports, and a fixed query count at 1× and 100× rows."""
import datetime
import io

import openpyxl
import pytest

from budget.models import DetailProgram, ExecutionRecord, PolicyProgram, RevenueAccount, UnitProgram
from tests.helpers import assert_query_count_does_not_grow
from staffing.models import OrgUnit

PAGES = ["/budget/", "/budget/programmes/", "/budget/execution/"]


def csv_lines(client, url):
    return client.get(url).content.decode("utf-8-sig").splitlines()


def test_summary_compares_with_the_prior_year(client_in, edition):
    page = client_in.get("/budget/").content.decode()
    assert "10,699,686" in page and "10,013,629" in page and "6.9%" in page
    assert "△500,285" in page and "△41.1%" in page and "순증" in page
    assert "2023 최종예산" in page
    lines = csv_lines(client_in, "/budget/?_export=csv&table=revenue")
    assert lines[-1] == "계,10699686,10013629,686057,6.9"


def test_programme_tree_has_subtotals_and_the_grand_total(client_in, edition):
    lines = csv_lines(client_in, "/budget/programmes/?_export=csv")
    assert ",1-1. AI 행정서비스 연구개발,소계,636010,,AI전환팀" in lines
    assert ",,디지털 돌봄 체험버스,,명시이월 사업," in lines  # printed "-", outside the totals
    assert lines[-1].startswith("총 예산 계,,,10699686")
    page = client_in.get("/budget/programmes/").content.decode()
    assert "2개 정책사업, 10개 단위사업, 18개 세부사업으로 구성" in page and "636,010" in page


def test_programme_tree_filtered_by_team(client_in, edition):
    team = OrgUnit.objects.get(edition=edition, name="AI전환팀")
    lines = csv_lines(client_in, f"/budget/programmes/?team={team.pk}&_export=csv")
    units = [line.split(",")[1] for line in lines[1:] if ",소계," in line]
    assert units == ["1-1. AI 행정서비스 연구개발", "1-2. 공공데이터 활용·분석 지원"]
    assert not lines[-1].startswith("총 예산 계")


def test_execution_has_both_rates_as_of_the_editions_date(client_in, edition):
    accounts = csv_lines(client_in, "/budget/execution/?_export=csv&table=accounts")
    assert accounts[-1] == "계,10699686,8639754,80.7,6494590,60.7"
    assert "사업비,6707360,5698880,85.0,3662494,54.6" in accounts
    page = client_in.get("/budget/execution/").content.decode()
    assert "80.7%" in page and "60.7%" in page and "<svg" in page


def test_execution_as_of_an_earlier_date_has_no_records_yet(client_in, edition):
    accounts = csv_lines(client_in, "/budget/execution/?as_of=2024-06-30&_export=csv&table=accounts")
    assert accounts[-1] == "계,10699686,0,0.0,0,0.0"


def test_execution_uses_the_latest_record_up_to_the_date(client_in, edition):
    detail = DetailProgram.objects.get(unit__policy__edition=edition, name="빅데이터 분석")
    ExecutionRecord.objects.create(detail=detail, as_of=datetime.date(2024, 11, 30),
                                   committed_amount=254_080, spent_amount=200_000)
    lines = csv_lines(client_in, "/budget/execution/?as_of=2024-11-30&_export=csv")
    assert any(line.endswith(",빅데이터 분석,스마트정책팀,254080,254080,100.0,200000,78.7") for line in lines)


def test_over_commitment_filter_and_warning(client_in, edition):
    lines = csv_lines(client_in, "/budget/execution/?over_committed=on&_export=csv")
    assert len(lines) == 2 and "해외도시 디지털 정책교류,스마트라이프팀,280000,280078,100.0" in lines[1]
    page = client_in.get("/budget/execution/").content.decode()
    assert "예산현액보다 원인행위액이 큰 세부사업 1건" in page


def test_execution_filter_by_policy(client_in, edition):
    policy = PolicyProgram.objects.get(edition=edition, number=1)
    lines = csv_lines(client_in, f"/budget/execution/?policy={policy.pk}&_export=csv")
    assert [line.split(",")[2] for line in lines[1:]] == [
        "AI 모델 연구개발", "AI·빅데이터 전문가 양성", "공공데이터 분석 역량 제고", "공공데이터 활용 확산"]


def test_execution_table_sorts_by_rate(client_in, edition):
    lines = csv_lines(client_in, "/budget/execution/?sort=-committed_rate&_export=csv")
    rates = [float(line.split(",")[6]) for line in lines[1:]]
    assert rates == sorted(rates, reverse=True)


def test_exported_note_cannot_run_as_a_formula(client_in, edition):
    DetailProgram.objects.filter(unit__policy__edition=edition, name="빅데이터 분석").update(note="=1+2")
    response = client_in.get("/budget/programmes/?_export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "'=1+2" in cells and "=1+2" not in cells
    assert 10_699_686 in cells  # amounts stay numbers


def grow_budget(edition, times):
    """Multiply the finance rows: 단위사업 with 세부사업, revenue lines and execution records."""
    policy = PolicyProgram.objects.filter(edition=edition, category=PolicyProgram.Category.PROGRAMME).first()
    account = DetailProgram.objects.filter(unit__policy=policy).first().account
    team = OrgUnit.objects.filter(edition=edition, kind=OrgUnit.Kind.TEAM).first()
    first = UnitProgram.objects.count()
    units = UnitProgram.objects.bulk_create(
        UnitProgram(policy=policy, name=f"추가 단위사업 {first + i}", number=f"9-{first + i}", owning_team=team,
                    order=100 + i) for i in range(times))
    details = DetailProgram.objects.bulk_create(
        DetailProgram(unit=unit, account=account, name=f"추가 세부사업 {unit.name} {k}", budget_amount=1000)
        for unit in units for k in range(2))
    ExecutionRecord.objects.bulk_create(
        ExecutionRecord(detail=detail, as_of=datetime.date(2024, month, 28), committed_amount=100 * month,
                        spent_amount=50 * month)
        for detail in details for month in range(1, 10))
    summary = RevenueAccount.objects.filter(edition=edition, parent=None).first()
    RevenueAccount.objects.bulk_create(
        RevenueAccount(edition=edition, parent=summary, name=f"추가 세입 {first + i}", budget_amount=1, prior_amount=1)
        for i in range(times))


@pytest.mark.parametrize("url", PAGES + [
    "/budget/execution/?over_committed=on", "/budget/programmes/?_export=xlsx", "/budget/execution/?_export=csv",
])
def test_query_count_does_not_grow_with_the_data(client_in, edition, django_assert_num_queries, url):
    assert_query_count_does_not_grow(client_in, url, lambda times: grow_budget(edition, times), django_assert_num_queries)
