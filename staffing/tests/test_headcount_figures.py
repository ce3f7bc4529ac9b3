"""The 인력 table, the 56명 headline and the 조직 line of the 2024 report."""
import datetime

from staffing import figures
from staffing.models import AuthorisedHeadcount, Grade
from reports.formatting import format_count, format_gap
from staffing.tests.helpers import census_like_2024

AS_OF = datetime.date(2024, 10, 18)
GRADES = ["이사장", "1급", "2급", "3급", "4급", "5급", "6급", "7급"]


def test_headcount_table_per_grade(edition):
    total, *rows = figures.headcount_table(edition.figures_as_of)
    assert [r.grade for r in rows] == GRADES
    assert [r.authorised for r in rows] == [1, 1, 1, 3, 8, 16, 13, 2]
    assert [r.current for r in rows] == [1, 0, 0, 4, 8, 20, 11, 1]
    assert [format_gap(r.gap) for r in rows] == ["-", "△1", "△1", "+1", "-", "+4", "△2", "△1"]
    assert [format_count(r.current) for r in rows][1:3] == ["-", "-"]


def test_headcount_total_row(edition):
    total, *rows = figures.headcount_table(AS_OF)
    assert (total.grade, total.is_total) == ("계", True)
    assert (total.authorised, total.current, total.gap) == (45, 45, 0)
    assert sum(r.gap for r in rows) == 0
    assert format_gap(total.gap) == "-"


def test_total_staff_is_current_plus_contract(edition):
    assert figures.contract_staff(AS_OF) == 11
    assert figures.total_staff(AS_OF) == 56


def test_authorised_headcount_in_force_on_the_date(edition):
    fifth = Grade.objects.get(name="5급")
    AuthorisedHeadcount.objects.create(grade=fifth, effective_from=datetime.date(2025, 1, 1), count=18)
    assert figures.headcount_table(AS_OF)[0].authorised == 45
    later = {r.grade: r for r in figures.headcount_table(datetime.date(2025, 2, 1))}
    assert later["5급"].authorised == 18 and later["계"].authorised == 47
    assert later["5급"].gap == 20 - 18


def test_current_headcount_from_the_latest_census(edition):
    census_like_2024(datetime.date(2024, 12, 31), **{"3급": 3})
    assert figures.headcount_table(AS_OF)[0].current == 45
    census = {r.grade: r.current for r in figures.headcount_table(datetime.date(2025, 1, 1))}
    # the later census counts every grade: one fewer 3급, the others as before
    assert census["3급"] == 3 and census["5급"] == 20 and census["계"] == 44
    assert figures.headcount_table(datetime.date(2023, 1, 1))[0].current == 0


def test_org_summary_and_tree(edition):
    assert figures.org_summary(edition) == "1실 1본부 7팀"
    (root,) = figures.org_tree(edition)
    assert root.name == "서울디지털재단"
    children = {c.name: [t.name for t in c.children] for c in root.children}
    assert "AI전환팀" in children["경영혁신실"]
    assert children["스마트사업본부"] == ["스마트정책팀", "스마트포용팀", "스마트라이프팀"]
    teams = [t for c in root.children for t in (c.children or (c,)) if t.kind == "team"]
    assert len(teams) == 7


def test_teams_with_duties_in_report_order(edition, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        teams = figures.teams_with_duties(edition)
        smart_policy = teams[0]
        groups = [(g.heading, [i.text for i in g.items.all()]) for g in smart_policy.duty_groups.all()]
        [list(g.items.all()) for t in teams for g in t.duty_groups.all()]
    assert [t.name for t in teams] == [
        "스마트정책팀", "스마트포용팀", "스마트라이프팀", "기획인사팀", "총무회계팀", "AI전환팀", "감사팀"]
    assert groups[0] == ("디지털 정책연구", [
        "시정수요 기반 디지털 서비스전략 연구",
        "과학행정 지원 및 시정혁신 구현을 위한 디지털 정책기반 연구",
        "사회현안 해결 및 디지털 대응방안 모색을 위한 디지털 이슈동향 분석",
    ])


def test_headcount_table_costs_a_few_queries(edition, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        figures.headcount_table(AS_OF)
