"""Loading a year: the 2024 edition and organisation arrive as printed, and bad input is refused."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from workreport.loading import YearAlreadyLoaded, load_edition, load_year, read_year
from reports.models import ReportEdition
from staffing import loading
from staffing.models import (
    AuthorisedHeadcount, ContractStaffCount, CurrentHeadcount, DutyItem, Grade, OrgUnit, Person, Post,
)

DUTY_ORDER = ["스마트정책팀", "스마트포용팀", "스마트라이프팀", "기획인사팀", "총무회계팀", "AI전환팀", "감사팀"]
GRADES = ["이사장", "1급", "2급", "3급", "4급", "5급", "6급", "7급"]


def empty_edition(year=2099):
    data = read_year(2024, "edition")
    data["year"] = year
    return load_edition(data)


def test_2024_edition_has_cover_and_purpose_as_printed(edition):
    assert edition.title == "주요 업무보고"
    assert edition.issued_on == datetime.date(2024, 11, 1)
    assert edition.figures_as_of == datetime.date(2024, 10, 18)
    assert edition.purpose.startswith("재단은 「민법」 과 ")
    assert edition.purpose.endswith("지원하기 위함을 목적으로 한다.")
    assert edition.purpose_source == "서울디지털재단 정관 제2조"
    businesses = list(edition.purpose_businesses.values_list("text", flat=True))
    assert len(businesses) == 9
    assert businesses[8] == "그 밖에 법인의 목적 달성에 필요한 사업"


def test_2024_has_seven_teams_in_the_order_of_duties(edition):
    teams = OrgUnit.objects.filter(edition=edition, kind=OrgUnit.Kind.TEAM).order_by("order")
    assert [team.name for team in teams] == DUTY_ORDER


def test_2024_tree_places_teams_under_office_headquarters_and_foundation(edition):
    units = {unit.name: unit for unit in OrgUnit.objects.filter(edition=edition).select_related("parent")}
    assert units["서울디지털재단"].parent is None
    assert units["감사팀"].parent.name == "서울디지털재단"
    for team in ["기획인사팀", "총무회계팀", "AI전환팀"]:
        assert units[team].parent.name == "경영혁신실"
    for team in ["스마트정책팀", "스마트포용팀", "스마트라이프팀"]:
        assert units[team].parent.name == "스마트사업본부"


def test_2024_duties_are_clean_text_with_smart_life_week(edition):
    items = DutyItem.objects.filter(group__unit__edition=edition)
    assert items.count() == 30
    assert not items.filter(text__contains="<ul").exists()
    assert not items.filter(text__contains="워크").exists()
    audit = OrgUnit.objects.get(edition=edition, name="감사팀").duty_groups.get()
    assert audit.heading == ""
    assert [item.text for item in audit.items.all()] == ["재단 감사 및 청렴 업무 등"]
    life = OrgUnit.objects.get(edition=edition, name="스마트라이프팀")
    assert "서울 스마트라이프 위크 운영" in life.duty_groups.values_list("heading", flat=True)


def test_2024_people_are_those_of_the_contact_lines(edition):
    people = Person.objects.filter(edition=edition)
    assert people.count() == 14
    director = people.get(name="주성환")
    assert director.phone == "570-4612"
    assert sorted((post.unit.name, post.title, post.is_head) for post in director.posts.all()) == [
        ("경영혁신실", "경영혁신실장", True), ("스마트사업본부", "스마트사업본부장", True),
    ]
    assert people.get(name="고설태").posts.get().title == "AI전환팀장"
    assert list(people.filter(phone="4654").order_by("name").values_list("name", flat=True)) == ["김종호", "정규정"]
    officers = Post.objects.filter(unit__edition=edition, title="담당")
    assert officers.filter(unit__name="스마트라이프팀").count() == 4
    assert officers.count() == 9


def test_2024_headcounts_match_the_table(edition):
    authorised = AuthorisedHeadcount.objects.filter(effective_from=datetime.date(2024, 1, 1)).order_by("grade__order")
    current = CurrentHeadcount.objects.filter(as_of=edition.figures_as_of).order_by("grade__order")
    assert [row.grade.name for row in authorised] == GRADES
    assert [row.count for row in authorised] == [1, 1, 1, 3, 8, 16, 13, 2]
    assert [row.count for row in current] == [1, 0, 0, 4, 8, 20, 11, 1]
    assert ContractStaffCount.objects.get(as_of=edition.figures_as_of).count == 11


def test_loading_2024_twice_is_refused_and_changes_nothing(edition):
    people_before = Person.objects.count()
    with pytest.raises(YearAlreadyLoaded, match="2024년 업무보고가 이미 데이터베이스에 있습니다"):
        load_year(2024)
    assert ReportEdition.objects.filter(year=2024).count() == 1
    assert Person.objects.count() == people_before


def test_another_year_reuses_grades_and_equal_headcounts(edition):
    other = empty_edition()
    loading.load(other, read_year(2024, "staffing"))
    assert list(Grade.objects.values_list("name", flat=True)) == GRADES
    assert AuthorisedHeadcount.objects.count() == 8
    assert Person.objects.filter(edition=other).count() == 14


def test_unknown_unit_of_a_post_is_refused_and_nothing_is_loaded(edition):
    other = empty_edition()
    data = read_year(2024, "staffing")
    data["people"][0]["posts"][0]["unit"] = "미래전략실"
    with pytest.raises(ValueError, match="직원 '주성환'.*조직 '미래전략실'"):
        loading.load(other, data)
    assert not OrgUnit.objects.filter(edition=other).exists()
    assert not Person.objects.filter(edition=other).exists()


def test_second_head_of_a_team_is_refused_naming_the_person(edition):
    other = empty_edition()
    data = read_year(2024, "staffing")
    data["people"].append({"name": "홍길동", "posts": [{"unit": "AI전환팀", "title": "팀장", "is_head": True}]})
    with pytest.raises(ValidationError, match="직원 '홍길동'.*한 조직에는 장이 한 명만"):
        loading.load(other, data)


def test_a_different_headcount_for_a_loaded_date_is_refused(edition):
    other = empty_edition()
    data = read_year(2024, "staffing")
    data["authorised_headcount"]["counts"]["3급"] = 5
    with pytest.raises(ValidationError, match="정원 3급: 같은 날짜의 인원이 이미 3명"):
        loading.load(other, data)
    assert AuthorisedHeadcount.objects.get(grade__name="3급").count == 3
    assert not OrgUnit.objects.filter(edition=other).exists()


def test_unknown_unit_kind_is_refused(edition):
    other = empty_edition()
    data = read_year(2024, "staffing")
    data["org_units"][0]["children"][0]["kind"] = "division"
    with pytest.raises(ValidationError, match="조직 '경영혁신실'"):
        loading.load(other, data)
