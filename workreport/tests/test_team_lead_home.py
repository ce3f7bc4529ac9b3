"""After login a team lead finds their programmes with a 수정 link each, who last changed each section
of each and when, and the 향후일정 lines due this month and next; other roles see the home page
without that part."""
import datetime

from django.urls import reverse
from django.utils import timezone

from budget.models import PolicyProgram, UnitProgram
from projects.models import AchievementItem, AchievementTableRow, Marker, OverviewSubItem, ProgramPage, ScheduleItem
from reports.formatting import format_date
from tests.helpers import assert_query_count_does_not_grow
from workreport.home import due_window, team_lead_home


def test_the_due_window_is_this_month_and_next():
    assert due_window(datetime.date(2024, 11, 20)) == (datetime.date(2024, 11, 1), datetime.date(2024, 12, 31))
    assert due_window(datetime.date(2024, 12, 31)) == (datetime.date(2024, 12, 1), datetime.date(2025, 1, 31))


def test_a_team_lead_gets_their_programmes_and_the_schedule_due_in_october_and_november(edition, team_lead):
    home = team_lead_home(team_lead, edition, today=datetime.date(2024, 10, 5))

    assert [p.page.unit.number for p in home["my_programmes"]] == ["1-1", "1-2"]
    due = {(d.page.unit.number, d.item.period_label, d.item.text.split()[0]) for d in home["due_items"]}
    assert due == {
        ("1-1", "10~12월", "서울형"),
        ("1-1", "10~12월", "제안요청서"),
        ("1-1", "11월", "재단-Laval"),
        ("1-2", "10~11월", "공공기관"),
        ("1-2", "10~11월", "행정업무"),
        ("1-2", "~12월", "성과리뷰"),  # under way from the 기준일 (2024. 10. 18.) until December
    }  # "12월 AI·빅데이터 전문가 양성" falls in December


def test_an_open_start_runs_from_the_reports_date(edition, team_lead):
    before = team_lead_home(team_lead, edition, today=datetime.date(2024, 8, 5))  # August–September
    assert "성과리뷰" not in {d.item.text.split()[0] for d in before["due_items"]}


def test_nothing_is_due_a_year_later(edition, team_lead):
    assert team_lead_home(team_lead, edition, today=datetime.date(2025, 11, 15))["due_items"] == []


def test_the_home_page_shows_a_team_lead_their_programmes_with_edit_links(client, edition, team_lead):
    client.force_login(team_lead)

    page = client.get("/").content.decode()

    assert "우리 팀 주요 현안업무" in page
    assert "AI 행정서비스 연구개발" in page and "공공데이터 활용·분석 지원" in page
    assert "디지털 정책연구" not in page.split("우리 팀 주요 현안업무")[1].split("</section>")[0]
    for number in ("1-1", "1-2"):
        programme = ProgramPage.objects.get(unit__policy__edition=edition, unit__number=number)
        assert f'href="{reverse("admin:projects_programpage_change", args=[programme.pk])}">수정' in page


def test_other_roles_do_not_get_the_team_lead_part(client, edition, auditor):
    client.force_login(auditor)

    page = client.get("/").content.decode()

    assert "우리 팀 주요 현안업무" not in page


def test_a_line_edited_on_its_own_counts_as_an_update_of_its_programme(edition, team_lead):
    page = ProgramPage.objects.get(unit__number="1-2", unit__policy__edition=edition)
    row = page.achievements.filter(marker="table").first().rows.first()
    row.content = "표 행만 고침"
    row.save()
    row_saved = row.history.latest("history_date").history_date

    home = team_lead_home(team_lead, edition)

    updated = {p.page.unit.number: p.last_changed for p in home["my_programmes"]}
    assert updated["1-2"] == row_saved
    assert updated["1-1"] < row_saved


def test_each_section_shows_who_changed_it_last_and_when(client, edition, team_lead):
    page = ProgramPage.objects.get(unit__number="1-1", unit__policy__edition=edition)
    line = page.schedule.order_by("order").first()
    line.text = "서울형 sLM 개발 및 생성형 AI 서비스 시범운영(수정)"
    line._history_user = team_lead
    line.save()
    today = format_date(timezone.localdate())
    client.force_login(team_lead)

    html = client.get("/").content.decode()
    row = html.split("<th scope=\"row\">1-1. AI 행정서비스 연구개발")[1].split("</tr>")[0]

    cells = row.split("<td")[1:]
    assert [cell.split('data-label="')[1].split('"')[0] for cell in cells[:3]] == ["사업개요", "추진실적", "향후일정"]
    assert "teamlead <time class=\"nowrap\" datetime=" in cells[2] and f">{today}</time>" in cells[2]
    assert "향후일정 줄 &#x27;서울형 sLM 개발 및 생성형 AI…&#x27; 수정" in cells[2]
    assert "(시스템: 불러오기·명령)" in cells[1]  # 추진실적 as loaded, by no user
    assert f"최종 수정 {today}" in row


def test_the_sections_come_from_the_history_in_context(edition, team_lead):
    home = team_lead_home(team_lead, edition)

    first = home["my_programmes"][0]
    assert [(s.section, s.heading) for s in first.sections] == [
        ("overview", "사업개요"), ("achievements", "추진실적"), ("schedule", "향후일정"),
    ]
    assert all(s.change is not None for s in first.sections)
    assert first.last_changed == max(s.change.changed_at for s in first.sections)


def grow_programmes(edition, times):
    """`times` more programmes of 고설태's team, each with a line of every kind, each line saved twice."""
    team = UnitProgram.objects.get(policy__edition=edition, number="1-1").owning_team
    policy = PolicyProgram.objects.filter(edition=edition, category=PolicyProgram.Category.PROGRAMME).first()
    start = UnitProgram.objects.filter(policy=policy).count()
    for n in range(start, start + times):
        unit = UnitProgram.objects.create(policy=policy, number=f"9-{n}", name=f"늘린 사업 {n}", owning_team=team, order=100 + n)
        page = ProgramPage.objects.create(unit=unit, goal="목표", background="배경", content="내용")
        lines = [
            OverviewSubItem.objects.create(page=page, text="사업내용 항목"),
            AchievementItem.objects.create(page=page, order=1, text="추진실적 줄"),
            ScheduleItem.objects.create(page=page, text="향후일정 줄", ends_on=datetime.date(2024, 12, 31)),
        ]
        table = AchievementItem.objects.create(page=page, order=2, level=2, marker=Marker.TABLE)
        lines.append(AchievementTableRow.objects.create(item=table, label="구분", content="내용"))
        for line in lines:
            line.save()


def test_the_home_page_runs_as_many_queries_for_100_programmes_as_for_one(client, edition, team_lead, django_assert_num_queries):
    client.force_login(team_lead)
    assert_query_count_does_not_grow(client, "/", lambda times: grow_programmes(edition, times), django_assert_num_queries)
    assert client.get("/").content.decode().count(">수정<span") == 2 + 100
