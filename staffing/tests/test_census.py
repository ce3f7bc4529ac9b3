"""현원 is a census: HR records a hire by changing one number of the previous census, and the issue's
lone row (7급, 2024-11-01, 2명), which would count every other grade 0, is refused on every path."""
import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from reports.spreadsheets import error_messages
from staffing import figures
from staffing.models import ContractStaffCount, CurrentHeadcount, Grade, HeadcountCensus
from staffing.resources import CurrentHeadcountResource
from staffing.tests.helpers import CENSUS_2024
from tests.helpers import admin_url, change_form_data, dataset, table_rows, through_xlsx

HIRE_DAY = datetime.date(2024, 11, 1)
LONE_HIRE = "2024. 11. 1. 현원 조사에 이사장, 1급, 2급, 3급, 4급, 5급, 6급의 현원이 없습니다."


def snapshot():
    return table_rows(HeadcountCensus, CurrentHeadcount, ContractStaffCount)


def table_on(day):
    return {row.grade: (row.authorised, row.current, row.gap) for row in figures.headcount_table(day)}


def test_the_2024_rows_are_one_census_with_its_contract_staff(edition):
    census = HeadcountCensus.objects.get(as_of=CENSUS_2024)
    assert census.rows.count() == Grade.objects.count() == 8
    assert census.contract_staff.count == 11
    assert figures.total_staff(CENSUS_2024) == 56


def test_the_lone_hire_is_refused_by_full_clean(edition):
    row = CurrentHeadcount(grade=Grade.objects.get(name="7급"), as_of=HIRE_DAY, count=2)

    with pytest.raises(ValidationError) as refused:
        row.full_clean()

    assert LONE_HIRE in " ".join(refused.value.messages)


def test_the_lone_hire_is_refused_even_into_an_empty_census_or_without_full_clean(edition):
    seventh = Grade.objects.get(name="7급")
    with pytest.raises(ValidationError) as refused:
        CurrentHeadcount.objects.create(grade=seventh, as_of=HIRE_DAY, count=2)
    assert LONE_HIRE in " ".join(refused.value.messages)

    HeadcountCensus.objects.create(as_of=HIRE_DAY)  # a census with no rows yet
    with pytest.raises(ValidationError) as refused:
        CurrentHeadcount(grade=seventh, as_of=HIRE_DAY, count=2).full_clean()
    assert LONE_HIRE in " ".join(refused.value.messages)


def test_the_lone_hire_is_refused_on_the_admin_form(superuser_client, edition):
    before = snapshot()

    response = superuser_client.post(
        admin_url(CurrentHeadcount, "add"),
        {"grade": Grade.objects.get(name="7급").pk, "as_of": "2024-11-01", "count": 2},
    )

    assert response.status_code == 200
    assert LONE_HIRE in response.content.decode()
    assert snapshot() == before
    assert table_on(HIRE_DAY)["계"] == (45, 45, 0)


def test_the_lone_hire_is_refused_as_an_import(edition):
    before = snapshot()
    data = through_xlsx(dataset(("직급", "기준일", "현원"), ("7급", "2024-11-01", 2)))

    result = CurrentHeadcountResource().import_data(data, dry_run=False)

    assert result.has_errors()
    assert LONE_HIRE in " ".join(error_messages(result))
    assert snapshot() == before


def test_a_contract_staff_count_needs_the_census_of_its_date(edition):
    with pytest.raises(ValidationError) as refused:
        ContractStaffCount(as_of=HIRE_DAY, count=12).full_clean()
    assert "2024. 11. 1. 현원 조사가 없습니다. 계약직 인원은 현원 조사의 일부" in " ".join(refused.value.messages)


def test_a_new_census_form_opens_with_the_previous_census(superuser_client, edition):
    form = superuser_client.get(admin_url(HeadcountCensus, "add")).context["adminform"].form

    counts = {name: form[f"grade_{Grade.objects.get(name=name).pk}"].value() for name in ("1급", "5급", "7급")}
    assert counts == {"1급": 0, "5급": 20, "7급": 1}
    assert form["contract_staff"].value() == 11


def test_a_hire_on_the_census_form_moves_that_grade_by_one_and_nothing_else(superuser_client, edition):
    url = admin_url(HeadcountCensus, "add")
    data = change_form_data(superuser_client.get(url))
    seventh = Grade.objects.get(name="7급")
    data.update({"as_of": "2024-11-01", "note": "7급 1명 채용", f"grade_{seventh.pk}": 2})

    response = superuser_client.post(url, data)

    assert response.status_code == 302
    before, after = table_on(CENSUS_2024), table_on(HIRE_DAY)
    assert before["7급"] == (2, 1, -1) and after["7급"] == (2, 2, 0)
    assert {grade: row for grade, row in after.items() if grade not in ("7급", "계")} == {
        grade: row for grade, row in before.items() if grade not in ("7급", "계")}
    assert after["계"] == (45, 46, 1)
    assert figures.contract_staff(HIRE_DAY) == 11 and figures.total_staff(HIRE_DAY) == 57
    assert table_on(CENSUS_2024)["계"] == (45, 45, 0)  # the report's date keeps its census


def test_the_census_form_refuses_a_blank_grade(superuser_client, edition):
    url = admin_url(HeadcountCensus, "add")
    data = change_form_data(superuser_client.get(url))
    second = Grade.objects.get(name="2급")
    data.update({"as_of": "2024-11-01", f"grade_{second.pk}": ""})
    before = snapshot()

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [f"grade_{second.pk}"]
    assert snapshot() == before


def test_correcting_a_census_saves_only_the_changed_grade(superuser_client, edition):
    census = HeadcountCensus.objects.get(as_of=CENSUS_2024)
    fifth = Grade.objects.get(name="5급")
    url = admin_url(HeadcountCensus, "change", census.pk)
    data = change_form_data(superuser_client.get(url))
    data[f"grade_{fifth.pk}"] = 21
    histories = {row.grade.name: row.history.count() for row in census.rows.select_related("grade")}

    assert superuser_client.post(url, data).status_code == 302

    changed = {row.grade.name: row.history.count() - histories[row.grade.name] for row in census.rows.select_related("grade")}
    assert changed == {name: int(name == "5급") for name in histories}
    assert table_on(CENSUS_2024)["5급"] == (16, 21, 5)


def test_the_census_list_shows_each_date_with_its_total(superuser_client, edition):
    page = superuser_client.get(admin_url(HeadcountCensus, "changelist")).content.decode()

    results = re.search(r'<table id="result_list">(.*?)</table>', page, re.S).group(1)
    rows = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", results, re.S)]
    assert ["2024. 10. 18.", "45명", "11명", "-"] in [row[-4:] for row in rows]


def test_a_row_cannot_move_to_another_date(edition):
    row = CurrentHeadcount.objects.get(grade__name="5급", as_of=CENSUS_2024)
    row.as_of = HIRE_DAY
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "현원의 조사일은 바꿀 수 없습니다." in " ".join(refused.value.messages)


def test_authorised_headcount_page_says_a_grade_not_changed_stays_in_force(superuser_client, edition):
    from staffing.models import AuthorisedHeadcount

    page = superuser_client.get(admin_url(AuthorisedHeadcount, "changelist")).content.decode()

    assert "바꾸지 않은 직급은 이전 정원이 그대로 적용됩니다." in page


def test_a_reader_sees_every_grade_of_a_census(client, edition, make_user):
    from accounts.roles import AUDITOR

    client.force_login(make_user("auditor", AUDITOR))
    census = HeadcountCensus.objects.get(as_of=CENSUS_2024)

    page = client.get(admin_url(HeadcountCensus, "change", census.pk)).content.decode()

    assert "이사장 1 · 1급 0 · 2급 0 · 3급 4 · 4급 8 · 5급 20 · 6급 11 · 7급 1 · 계약직 11" in page
