"""A team lead keeps the team's 주요 현안업무 page in the admin: one form with contacts and the
사업내용 items, 추진실적 and 향후일정 as texts (projects/tests/test_outline_editor.py); a line and a
table's rows on their own pages too, periods typed as printed and bad ones refused in Korean."""
import datetime

import pytest

from budget.models import UnitProgram
from projects.models import AchievementItem, Marker, ProgramPage, ScheduleItem, StrategicGoal, Strategy
from tests.helpers import admin_url, change_form_data



def page_of(number):
    return ProgramPage.objects.get(unit__number=number)


def test_program_page_form_holds_the_whole_page(superuser_client, edition):
    page = page_of("1-1")

    html = superuser_client.get(admin_url(ProgramPage, "change", page.pk)).content.decode()

    assert 'id="contacts-group"' in html
    for field in ["overview_text", "achievements_text", "schedule_text"]:
        assert f'name="{field}"' in html
    assert "636,010" in html  # 사업예산 = the 단위사업 total
    assert "고설태" in html  # the team lead among the contacts
    assert "어르신 디지털상담 챗봇" in html  # an achievement line
    assert "10~12월" in html  # a schedule period as printed


def test_achievement_table_rows_are_kept_on_their_line_page_too(superuser_client, edition):
    table = AchievementItem.objects.filter(page__unit__number="1-2", marker=Marker.TABLE).first()

    rows = superuser_client.get(admin_url(AchievementItem, "change", table.pk)).content.decode()

    assert 'id="rows-group"' in rows
    assert "교육 완료" in rows


def test_program_page_list_shows_number_title_team(superuser_client, edition):
    html = superuser_client.get(admin_url(ProgramPage, "changelist")).content.decode()

    for text in ["1-1", "AI 행정서비스 연구개발", "AI전환팀", "2-8", "스마트도시 서비스 개발", "스마트라이프팀"]:
        assert text in html


def test_program_page_list_filters_by_team(superuser_client, edition):
    team = UnitProgram.objects.get(number="2-1").owning_team

    html = superuser_client.get(
        admin_url(ProgramPage, "changelist"), {"unit__owning_team__id__exact": team.pk}
    ).content.decode()

    assert "디지털 정책연구" in html
    assert "AI 행정서비스 연구개발" not in html


def add_schedule_line(client, page, period, text="새 일정"):
    url = admin_url(ScheduleItem, "add")
    data = {"page": page.pk, "order": 99, "level": 1, "marker": "bullet", "text": text, "period": period}
    return client.post(url, data)


def test_schedule_period_is_typed_as_printed_on_the_lines_own_page(superuser_client, edition):
    response = add_schedule_line(superuser_client, page_of("2-5"), "11.5.~11.7.")

    assert response.status_code == 302
    item = ScheduleItem.objects.get(text="새 일정")
    assert (item.starts_on, item.ends_on, item.precision) == (
        datetime.date(2024, 11, 5), datetime.date(2024, 11, 7), "day"
    )
    assert item.period_label == "11.5~11.7"


def test_schedule_lines_show_their_printed_period(superuser_client, edition):
    item = ScheduleItem.objects.get(page__unit__number="2-5", precision="day")
    html = superuser_client.get(admin_url(ScheduleItem, "change", item.pk)).content.decode()

    assert 'value="11.5~11.7"' in html


@pytest.mark.parametrize("period, message", [
    ("12~11월", "끝이 시작보다 앞섭니다"),
    ("다음 달", "읽을 수 없습니다"),
    ("13월", "13월은 없는 달입니다"),
])
def test_bad_schedule_period_is_refused(superuser_client, edition, period, message):
    response = add_schedule_line(superuser_client, page_of("1-1"), period)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ScheduleItem.objects.filter(text="새 일정").exists()


def test_schedule_ending_before_it_starts_is_refused_on_its_own_form(superuser_client, edition):
    item = ScheduleItem.objects.filter(page__unit__number="1-1", ends_on__isnull=False).order_by("order").first()
    url = admin_url(ScheduleItem, "change", item.pk)
    data = change_form_data(superuser_client.get(url))
    data["period"] = "12.1~11.1"

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "끝이 시작보다 앞섭니다" in response.content.decode()
    item.refresh_from_db()
    assert item.ends_on == datetime.date(2024, 12, 31)


def test_strategy_form_holds_values_and_goals(superuser_client, edition):
    strategy = Strategy.objects.get(edition=edition)

    html = superuser_client.get(admin_url(Strategy, "change", strategy.pk)).content.decode()

    for group in ["core_values-group", "mid_term_goals-group", "strategic_goals-group"]:
        assert f'id="{group}"' in html
    assert "혁신과 융합" in html


def test_strategic_goal_form_holds_its_tasks(superuser_client, edition):
    goal = StrategicGoal.objects.get(name="디지털 포용으로 동행서울 구현")

    html = superuser_client.get(admin_url(StrategicGoal, "change", goal.pk)).content.decode()

    assert "디지털 약자 역량 강화" in html
    assert "포용적 디지털 이용환경 조성" in html


def test_the_list_of_lines_shows_each_line_as_it_prints(superuser_client, edition):
    html = superuser_client.get(admin_url(AchievementItem, "changelist"), {"page__unit__id__exact": page_of("1-1").unit_id}).content.decode()

    assert '<span class="printed-line level-1">○ AI 기반 행정 서비스 모델 개발 등 AI 연구</span>' in html
    assert '<span class="printed-line level-2">※ 어디나지원단 강사단(140명)' in html
    assert 'admin_extra/report_admin.css' in html  # where the levels' indents are
