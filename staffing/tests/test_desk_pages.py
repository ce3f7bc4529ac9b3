"""The HR desk pages: what HR reads on them, exports, and the same number of queries at 1× and 100× rows."""
import datetime
import io

import openpyxl
import pytest

from tests.helpers import assert_query_count_does_not_grow
from staffing.models import (
    AuthorisedHeadcount, ContractStaffCount, CurrentHeadcount, DutyGroup, DutyItem, Grade, HeadcountCensus, OrgUnit,
    Person, Post,
)
from staffing.tests.helpers import census_like_2024

PAGES = ["/staffing/", "/staffing/people/", "/staffing/duties/"]


def test_headcount_page_shows_the_reports_table(client_in, edition):
    page = client_in.get("/staffing/").content.decode()
    assert "직급별 정원·현원" in page
    assert "△1" in page and "+4" in page  # 1급 shortage, 5급 surplus
    assert "총 56명" in page  # 45 + 11 contract staff
    assert "<svg" in page  # the quarterly history chart


def test_headcount_as_of_a_later_date_uses_the_later_census(client_in, edition):
    census_like_2024(datetime.date(2024, 12, 31), **{"5급": 19})
    response = client_in.get("/staffing/?as_of=2024-12-31&_export=csv&table=grades")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert "5급,16,19,3" in lines
    # the report's own date still shows the census of 10-18
    lines = client_in.get("/staffing/?as_of=2024-10-18&_export=csv&table=grades").content.decode("utf-8-sig").splitlines()
    assert "5급,16,20,4" in lines and lines[-1] == "계,45,45,0"


def test_history_has_one_row_per_quarter_ending_on_the_as_of_date(client_in, edition):
    lines = client_in.get("/staffing/?_export=csv&table=quarters").content.decode("utf-8-sig").splitlines()
    assert lines[0] == "분기,기준일,정원,현원,과부족"
    assert lines[-1] == "2024 4분기,2024-10-18,45,45,0"


def test_people_by_unit_keep_contract_staff_apart(client_in, edition):
    Person.objects.create(edition=edition, name="계약이", employment=Person.Employment.CONTRACT)
    page = client_in.get("/staffing/people/").content.decode()
    regular, contract = page.split("계약직(정원 외 인력)</h2>")
    assert "주성환" in regular and "계약이" not in regular
    assert "계약이" in contract


def test_people_filter_by_unit(client_in, edition):
    team = OrgUnit.objects.get(edition=edition, name="AI전환팀")
    lines = client_in.get(f"/staffing/people/?unit={team.pk}&_export=csv").content.decode("utf-8-sig").splitlines()
    assert lines[0] == "조직,직위,성명,전화,직급"
    assert {line.split(",")[0] for line in lines[1:]} == {"AI전환팀"}
    assert any("고설태" in line for line in lines)


def test_exported_cells_cannot_run_as_formulae(client_in, edition):
    person = Person.objects.create(edition=edition, name="=HYPERLINK(\"http://evil\")", phone="@4600")
    Post.objects.create(person=person, unit=OrgUnit.objects.get(edition=edition, name="감사팀"), title="-담당")
    response = client_in.get("/staffing/people/?_export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=HYPERLINK(\"http://evil\")" in cells and "'@4600" in cells and "'-담당" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    csv_text = client_in.get("/staffing/people/?_export=csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "\n=" not in csv_text and ",=" not in csv_text


def test_duties_page_lists_each_team_with_its_duties(client_in, edition):
    page = client_in.get("/staffing/duties/").content.decode()
    assert "스마트정책팀" in page and "○ 시정수요 기반 디지털 서비스전략 연구" in page
    assert "1실 1본부 7팀" in page


def grow_staffing(edition, times):
    """Multiply the HR rows: people with posts, 정원·현원 records back in time, contract people, duties."""
    units = list(OrgUnit.objects.filter(edition=edition))
    grades = list(Grade.objects.all())
    first = Person.objects.count()
    people = Person.objects.bulk_create(
        Person(edition=edition, name=f"직원{first + i}", phone=str(4000 + i), grade=grades[i % len(grades)],
               employment=Person.Employment.CONTRACT if i % 5 == 0 else Person.Employment.REGULAR)
        for i in range(20 * times)
    )
    Post.objects.bulk_create(Post(person=p, unit=units[i % len(units)], title="담당", order=100 + i)
                             for i, p in enumerate(people))
    start = datetime.date(2000, 1, 1) + datetime.timedelta(days=30 * ContractStaffCount.objects.count())
    for n in range(times):
        day = start + datetime.timedelta(days=30 * n)
        AuthorisedHeadcount.objects.bulk_create(AuthorisedHeadcount(grade=g, effective_from=day, count=3) for g in grades)
        census = HeadcountCensus.objects.create(as_of=day)
        CurrentHeadcount.objects.bulk_create(CurrentHeadcount(census=census, grade=g, as_of=day, count=2) for g in grades)
        ContractStaffCount.objects.create(census=census, as_of=day, count=n)
    group = DutyGroup.objects.filter(unit__edition=edition).first()
    DutyItem.objects.bulk_create(DutyItem(group=group, text=f"업무 {i}", order=50 + i) for i in range(10 * times))


@pytest.mark.parametrize("url", PAGES + ["/staffing/?_export=xlsx", "/staffing/people/?_export=csv"])
def test_query_count_does_not_grow_with_the_data(client_in, edition, django_assert_num_queries, url):
    # grow_staffing(edition, 1) makes one of every kind of row, contract people too
    assert_query_count_does_not_grow(client_in, url, lambda times: grow_staffing(edition, times), django_assert_num_queries)
