"""History is readable in the admin by every reader, auditors included, and reverting to an old
version is a change: refused (403) to anyone who may not change the object."""
import pytest
from django.urls import reverse

from projects.models import ProgramPage


@pytest.fixture
def changed_page(edition, team_lead):
    page = ProgramPage.objects.get(unit__number="1-1", unit__policy__edition=edition)
    original = page.history.earliest("history_date")
    page.goal = "바뀐 목표"
    page._history_user = team_lead
    page.save()
    return page, original


def history_url(page):
    return reverse("admin:projects_programpage_history", args=[page.pk])


def revert_url(page, record):
    return reverse("admin:projects_programpage_simple_history", args=[page.pk, record.history_id])


def test_an_auditor_reads_the_history_with_the_editors_name(client, changed_page, auditor):
    page, original = changed_page
    client.force_login(auditor)

    response = client.get(history_url(page))

    assert response.status_code == 200
    assert "teamlead" in response.content.decode()
    assert client.get(revert_url(page, original)).status_code == 200


@pytest.mark.parametrize("role", ["auditor", "budget_officer", "hr_officer"])
def test_a_reader_cannot_revert_to_an_old_version(client, changed_page, request, role):
    page, original = changed_page
    client.force_login(request.getfixturevalue(role))

    response = client.post(revert_url(page, original), {})

    assert response.status_code == 403
    page.refresh_from_db()
    assert page.goal == "바뀐 목표"


def test_another_teams_history_is_403_for_a_team_lead(client, edition, team_lead):
    other = ProgramPage.objects.get(unit__number="2-4", unit__policy__edition=edition)
    client.force_login(team_lead)

    assert client.get(history_url(other)).status_code == 403
    record = other.history.first()
    assert client.get(revert_url(other, record)).status_code == 403
