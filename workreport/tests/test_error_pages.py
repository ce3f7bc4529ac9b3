"""Refusals and missing pages speak Korean inside the site's layout."""
from django.contrib.auth.models import Group, User

from accounts.models import StaffProfile
from accounts.roles import TEAM_LEAD
from projects.models import ProgramPage
from staffing.models import Person


def test_another_teams_programme_is_refused_with_a_korean_page(client, edition):
    lead = User.objects.create_user("lead403", password="x", is_staff=True)
    lead.groups.add(Group.objects.get(name=TEAM_LEAD))
    StaffProfile.objects.create(user=lead, person=Person.objects.get(edition=edition, name="고설태"))
    client.force_login(lead)
    other = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="2-1")

    response = client.get(f"/admin/projects/programpage/{other.pk}/change/")

    assert response.status_code == 403
    assert "이 페이지를 열 권한이 없습니다" in response.content.decode()


def test_unknown_address_is_a_korean_404(admin_client, db):
    response = admin_client.get("/report/1999/")

    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()
