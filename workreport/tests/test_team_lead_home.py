"""After login a team lead finds their programmes, when each was last updated, and the
향후일정 lines due this month and next; other roles see the home page without that part."""
import datetime

from workreport.home import due_window, team_lead_home


def test_the_due_window_is_this_month_and_next():
    assert due_window(datetime.date(2024, 11, 20)) == (datetime.date(2024, 11, 1), datetime.date(2024, 12, 31))
    assert due_window(datetime.date(2024, 12, 31)) == (datetime.date(2024, 12, 1), datetime.date(2025, 1, 31))


def test_a_team_lead_gets_their_programmes_and_the_schedule_due_in_october_and_november(edition, team_lead):
    home = team_lead_home(team_lead, edition, today=datetime.date(2024, 10, 5))

    assert [p.unit.number for p in home["my_programmes"]] == ["1-1", "1-2"]
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
    assert "/admin/projects/programpage/" in page


def test_other_roles_do_not_get_the_team_lead_part(client, edition, auditor):
    client.force_login(auditor)

    page = client.get("/").content.decode()

    assert "우리 팀 주요 현안업무" not in page


def test_a_line_edited_on_its_own_counts_as_an_update_of_its_programme(edition, team_lead):
    from projects.models import ProgramPage

    page = ProgramPage.objects.get(unit__number="1-2", unit__policy__edition=edition)
    row = page.achievements.filter(marker="table").first().rows.first()
    row.content = "표 행만 고침"
    row.save()
    row_saved = row.history.latest("history_date").history_date

    home = team_lead_home(team_lead, edition)

    updated = {p.unit.number: p.last_changed for p in home["my_programmes"]}
    assert updated["1-2"] == row_saved
    assert updated["1-1"] < row_saved
