"""One key spelled two ways in one file is one key (issue 10: 기준일 2024-10-18 and "2024. 10. 18."
were applied twice, the last row winning); the error names both rows and nothing is imported."""
from budget.models import ExecutionRecord
from budget.resources import ExecutionRecordResource
from reports.spreadsheets import error_messages
from staffing.models import CurrentHeadcount
from staffing.resources import CurrentHeadcountResource
from staffing.tests.helpers import rows_of_2024_with
from tests.helpers import dataset, table_rows, through_xlsx

DETAIL = "해외 전시 서울관 조성 및 운영"  # 502,634 / 338,474 on 2024-10-18


def test_it_refuses_a_date_written_two_ways_for_one_programme(edition):
    before = table_rows(ExecutionRecord)
    data = dataset(("연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액"),
                   (2024, DETAIL, "2024-10-18", 502634, 338474),
                   (2024, DETAIL, "2024. 10. 18.", 600000, 400000))

    result = ExecutionRecordResource().import_data(through_xlsx(data), dry_run=False)

    assert table_rows(ExecutionRecord) == before
    assert "3행 '기준일' 열: 2행과 같은 연도·세부사업·기준일이(가) 파일에 한 번 더 있습니다." in error_messages(result)


def test_it_refuses_a_census_grade_written_twice_under_two_spellings_of_its_date(edition):
    before = table_rows(CurrentHeadcount)
    rows = rows_of_2024_with("2024-12-31") + [("5급", "2024. 12. 31.", 25)]

    result = CurrentHeadcountResource().import_data(through_xlsx(dataset(("직급", "기준일", "현원"), *rows)),
                                                    dry_run=False)

    assert table_rows(CurrentHeadcount) == before
    assert f"{len(rows) + 1}행 '기준일' 열: 7행과 같은 직급·기준일이(가) 파일에 한 번 더 있습니다." in error_messages(result)
