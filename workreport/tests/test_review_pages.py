"""The round dashboard (reviewers and auditors) and each owner's parts on the home page: statuses,
due date, overdue marks, filters, a sent-back page's reason at the top, the transitions posted
from the pages checked on the server (forged posts included)."""
import datetime

import pytest
from django.utils import timezone

from workreport import review
from workreport.models import Desk, ReviewStatus

DASHBOARD = "/review/"


@pytest.fixture
def round_(edition, publisher):
    return review.open_round(user=publisher, edition=edition, title="2024년 11월 행정사무감사 업무보고",
                             due_on=timezone.localdate() + datetime.timedelta(days=3))


def part(round_, number):
    return round_.reviews.get(page__unit__number=number)


def test_a_reviewer_opens_a_round_from_the_dashboard(client, edition, publisher):
    client.force_login(publisher)
    assert "차수 열기" in client.get(DASHBOARD).content.decode()

    response = client.post("/review/open/", {"title": "2024년 11월 업무보고", "due_on": "2024-11-08"}, follow=True)

    page = response.content.decode()
    assert "2024년 11월 업무보고&#x27; 차수를 열었습니다. 제출 기한 2024. 11. 8." in page
    assert "1-1. AI 행정서비스 연구개발" in page and "인력(정원·현원)" in page


def test_the_dashboard_shows_status_owner_due_and_overdue_and_filters(client, round_, team_lead, publisher):
    review.submit(user=team_lead, review_id=part(round_, "1-1").pk)
    client.force_login(publisher)

    page = client.get(DASHBOARD).content.decode()
    assert "기한 " in page and "(3일 남음)" in page
    assert "제출 1" in page and "AI전환팀" in page and "기한 지남" not in page

    submitted = client.get(DASHBOARD, {"status": ReviewStatus.SUBMITTED}).content.decode()
    assert "1-1. AI 행정서비스 연구개발" in submitted and "1-2." not in submitted

    round_.due_on = timezone.localdate() - datetime.timedelta(days=2)
    round_.save()
    late = client.get(DASHBOARD, {"team": "AI전환팀"}).content.decode()
    assert "(2일 지남)" in late and late.count('class="review-overdue"') == 1  # 1-2 is late, 1-1 submitted


def test_only_reviewers_and_auditors_read_the_dashboard(client, round_, team_lead, auditor, hr_officer):
    for user, status in ((team_lead, 403), (hr_officer, 403), (auditor, 200)):
        client.force_login(user)
        assert client.get(DASHBOARD).status_code == status
    client.force_login(auditor)
    assert 'name="action"' not in client.get(DASHBOARD).content.decode()  # an auditor reads, never acts


def test_a_reviewer_sends_back_and_the_team_lead_sees_the_reason_at_the_top_of_home(client, round_, team_lead,
                                                                                  publisher):
    target = part(round_, "1-1")
    review.submit(user=team_lead, review_id=target.pk)
    client.force_login(publisher)
    client.post(f"/review/{target.pk}/", {"action": "send_back", "reason": "향후일정의 기간을 적어 주세요."})

    client.force_login(team_lead)
    home = client.get("/").content.decode()
    assert home.index("반려: 1-1. AI 행정서비스 연구개발") < home.index("우리 팀 주요 현안업무")
    assert "향후일정의 기간을 적어 주세요." in home
    assert "1-2. AI 데이터 분석 기반 행정 혁신" in home or "1-2." in home


def test_the_home_page_submits_a_part_and_a_forged_confirm_changes_nothing(client, round_, team_lead):
    target = part(round_, "1-1")
    client.force_login(team_lead)

    submitted = client.post(f"/review/{target.pk}/", {"action": "submit", "next": "/"}, follow=True)
    assert "제출했습니다" in submitted.content.decode()
    forged = client.post(f"/review/{target.pk}/", {"action": "confirm"})
    assert forged.status_code == 403
    target.refresh_from_db()
    assert target.status == ReviewStatus.SUBMITTED


def test_hr_submits_the_staffing_section_from_home(client, round_, hr_officer):
    client.force_login(hr_officer)
    home = client.get("/").content.decode()
    assert "인력(정원·현원)" in home and "주요 현안업무" not in home.split("내가 제출할 항목")[1].split("</table>")[0]

    staffing = round_.reviews.get(desk=Desk.STAFFING)
    client.post(f"/review/{staffing.pk}/", {"action": "submit"})
    staffing.refresh_from_db()
    assert staffing.status == ReviewStatus.SUBMITTED


def test_a_transition_redirects_only_to_this_site(client, round_, team_lead):
    client.force_login(team_lead)
    response = client.post(f"/review/{part(round_, '1-1').pk}/", {"action": "submit", "next": "https://evil.example/"})
    assert response["Location"] == DASHBOARD


def test_the_auditors_page_shows_each_transition_with_who_and_why(client, round_, team_lead, publisher, auditor):
    target = part(round_, "1-1")
    review.submit(user=team_lead, review_id=target.pk)
    review.send_back(user=publisher, review_id=target.pk, reason="기간을 적어 주세요")
    client.force_login(auditor)

    page = client.get("/audit/changes/").content.decode()

    section = page.split("업무보고 검토 (제출·반려·확정)")[1].split("</section>")[0]
    assert "반려: 기간을 적어 주세요" in section and "제출" in section
    assert "1-1. AI 행정서비스 연구개발" in section and "고설태 (teamlead)" in section
