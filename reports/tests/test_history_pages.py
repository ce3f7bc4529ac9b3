"""The admin's 변경 이력 pages (simple_history's list and revert form) as a reader sees them:
Korean throughout, the model's own Korean name in the breadcrumbs, people by name and login,
values as the report prints them, nothing where there is no 변경 사유."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import DetailProgram, ExecutionRecord
from projects.models import AchievementItem


def saved_by(user, obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()
    return obj


@pytest.fixture
def line(edition, team_lead):
    item = AchievementItem.objects.filter(page__unit__number="1-1").order_by("order").first()
    return saved_by(team_lead, item, text="어르신 디지털상담 챗봇 정식 오픈")


@pytest.fixture
def execution(edition, budget_officer):
    detail = DetailProgram.objects.get(unit__policy__edition=edition, name="해외 전시 서울관 조성 및 운영")
    record = saved_by(budget_officer, ExecutionRecord(
        detail=detail, as_of=datetime.date(2024, 11, 30), committed_amount=532_634, spent_amount=358_474,
    ))
    return saved_by(budget_officer, record, committed_amount=1_540_000, as_of=datetime.date(2024, 12, 2))


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_history_list_names_people_and_leaves_an_empty_reason_empty(admin_client, line):
    html = html_of(admin_client, f"/admin/projects/achievementitem/{line.pk}/history/")

    assert "고설태 (teamlead)" in html
    assert "(시스템: 불러오기·명령)" in html  # the record load_report wrote
    assert "None" not in html and "히스토리" not in html


def test_the_breadcrumbs_name_the_app_and_the_model_in_korean(admin_client, line):
    listing = html_of(admin_client, f"/admin/projects/achievementitem/{line.pk}/history/")
    record = line.history.first()
    form = html_of(admin_client, f"/admin/projects/achievementitem/{line.pk}/history/{record.history_id}/")

    for html in (listing, form):
        breadcrumbs = html.split('<div class="breadcrumbs">')[1].split("</div>")[0]
        assert "주요 현안업무·추진전략" in breadcrumbs and "추진실적" in breadcrumbs and "변경 이력" in breadcrumbs
        assert "Historical" not in breadcrumbs and "Projects" not in breadcrumbs
    assert "추진실적 되돌리기" in form and 'value="되돌리기"' in form and "닫기" in form


def test_amounts_and_dates_read_as_the_report_prints_them(admin_client, execution):
    html = html_of(admin_client, f"/admin/budget/executionrecord/{execution.pk}/history/")

    assert "2024. 11. 30." in html and "2024. 12. 2." in html
    assert "532,634" in html and "1,540,000" in html
    assert "finance" in html


def test_a_reader_sees_the_form_without_a_revert_button(client, auditor, line):
    client.force_login(auditor)
    record = line.history.first()

    html = html_of(client, f"/admin/projects/achievementitem/{line.pk}/history/{record.history_id}/")

    assert "추진실적 보기" in html and 'value="되돌리기"' not in html


def test_the_history_list_reads_people_in_a_fixed_number_of_queries(admin_client, line, team_lead, other_team_lead):
    url = f"/admin/projects/achievementitem/{line.pk}/history/"
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        html_of(admin_client, url)
    for n in range(20):
        saved_by(team_lead if n % 2 else other_team_lead, line, text=f"고친 실적 {n}")

    with CaptureQueriesContext(connection) as many:
        html = html_of(admin_client, url)

    assert len(many.captured_queries) == len(few.captured_queries)
    assert "한태환 (teamlead2)" in html
