"""Every imported row goes through the model's validation, on SQLite too (issue 10: a 100,000-character
성명 and 현원 3,000,000,000 were stored; on PostgreSQL they failed with raw English database errors)."""
from reports.spreadsheets import error_messages
from staffing.models import CurrentHeadcount, Person
from staffing.resources import CurrentHeadcountResource, PersonResource
from staffing.tests.helpers import rows_of_2024_with
from tests.helpers import dataset, table_rows, through_xlsx

PERSON_HEADERS = ("연도", "성명", "전화", "직급", "고용 구분")


def test_it_refuses_a_name_longer_than_the_model_allows_with_the_models_korean_message(edition):
    before = table_rows(Person)
    data = dataset(PERSON_HEADERS, (2024, "홍길동", "4600", "5급", "정규직"), (2024, "김" * 100_000, "4601", "5급", "정규직"))

    result = PersonResource().import_data(data, dry_run=False)

    assert table_rows(Person) == before
    messages = " / ".join(error_messages(result))
    assert "3행 '성명' 열: 이 값이 최대 30 개의 글자인지 확인하세요" in messages


def test_it_refuses_a_headcount_past_what_every_database_keeps(edition):
    before = table_rows(CurrentHeadcount)
    rows = rows_of_2024_with("2024-12-31", **{"5급": 3_000_000_000})

    result = CurrentHeadcountResource().import_data(through_xlsx(dataset(("직급", "기준일", "현원"), *rows)),
                                                    dry_run=False)

    assert table_rows(CurrentHeadcount) == before
    assert "7행 '현원' 열: 너무 큰 수입니다: 3,000,000,000 (2,147,483,647 이하로 적으세요)." in error_messages(result)


def test_a_database_error_is_told_in_korean_not_in_the_databases_words(edition, monkeypatch):
    from django.db import DataError

    def refuse(*args, **kwargs):
        raise DataError("value too long for type character varying(30)")

    monkeypatch.setattr(Person, "save", refuse)
    result = PersonResource().import_data(dataset(PERSON_HEADERS, (2024, "홍길동", "4600", "5급", "정규직")),
                                          dry_run=False)

    messages = " / ".join(error_messages(result))
    assert "2행: 저장하지 못했습니다" in messages
    assert "character varying" not in messages
