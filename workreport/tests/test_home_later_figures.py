"""Home shows the report's 기준일 figures and, when later data exists, the latest beside them
(issue 10, part 6): a 현원 조사 or a 집행 실적 after the 기준일 never silently replaces the
report's figure, and is never hidden either."""
import datetime

from budget.models import DetailProgram, ExecutionRecord
from staffing.census import census_counts, previous_census, record_census
from staffing.models import Grade

LATER = datetime.date(2024, 11, 30)


def test_without_later_data_home_shows_the_report_figures_only(client_in, edition):
    page = client_in.get("/").content.decode()

    assert "보고서 기준일 2024. 10. 18. 현재" in page
    assert "최근(" not in page
    assert "8,639,754" in page and "80.7%" in page  # 원인행위 누계액 and 집행률 as printed in the report


def test_a_later_census_shows_beside_the_report_headcount(client_in, edition):
    counts, contract = census_counts(previous_census())
    seventh = Grade.objects.get(name="7급")
    record_census(as_of=LATER, counts={**counts, seventh.pk: counts[seventh.pk] + 1}, contract_staff=contract)

    page = client_in.get("/").content.decode()

    assert "45 / 45" in page  # 정원 / 현원 as of the report's 기준일 stay
    assert "최근(2024. 11. 30.)</strong>: 정원 45 / 현원 46명 · 계약직 포함 57명" in page


def test_a_later_execution_record_shows_beside_the_report_rates(client_in, edition):
    research = DetailProgram.objects.get(name="디지털 정책연구")  # 141,804 / 134,234 on 2024. 10. 18.
    ExecutionRecord.objects.create(detail=research, as_of=LATER, committed_amount=141_804 + 100_000,
                                   spent_amount=134_234)

    page = client_in.get("/").content.decode()

    assert "8,639,754천원" in page  # the report's figure
    assert "최근(2024. 11. 30.)</strong>: " in page and "8,739,754천원" in page
