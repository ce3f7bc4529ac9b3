"""Two people edit the same programme at once: the later save is refused with the name of the
person who saved first, and nothing of it is written, inline rows included."""
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import StaffProfile
from accounts.roles import TEAM_LEAD
from tests.helpers import change_form_data, inline_row
from projects.models import ProgramPage, ScheduleItem
from staffing.models import Person


@pytest.fixture
def two_editors(db):
    """The team lead 고설태 and the officer 김영현, both of AI전환팀, with the 팀장 role."""
    editors = []
    for username, name in [("ko", "고설태"), ("kim", "김영현")]:
        user = get_user_model().objects.create_user(username, password="x" * 20, is_staff=True, last_name=name)
        user.groups.add(Group.objects.get(name=TEAM_LEAD))
        StaffProfile.objects.create(user=user, person=Person.objects.get(edition__year=2024, name=name))
        editors.append(user)
    return editors


@pytest.fixture
def programme(edition):
    return ProgramPage.objects.get(unit__number="1-1", unit__policy__edition=edition)


def url(page):
    return reverse("admin:projects_programpage_change", args=[page.pk])


def open_form(client, user, page):
    client.force_login(user)
    return client.get(url(page))


def test_the_later_of_two_saves_opened_at_the_same_version_is_refused(client, two_editors, programme):
    first, second = two_editors
    first_form = change_form_data(open_form(client, first, programme))
    second_response = open_form(client, second, programme)
    second_form = change_form_data(second_response)
    assert first_form["seen_version"] == second_form["seen_version"] == str(programme.version)

    client.force_login(first)
    first_form["background"] = "먼저 저장한 추진배경"
    assert client.post(url(programme), first_form).status_code == 302

    client.force_login(second)
    second_form["background"] = "나중에 저장한 추진배경"
    item = programme.schedule.order_by("order").first()
    second_form[f"schedule-{inline_row(second_response, ScheduleItem, item.pk)}-text"] = "나중에 바꾼 일정"
    response = client.post(url(programme), second_form)

    assert response.status_code == 200
    page_text = response.content.decode()
    assert "고설태님이" in page_text and "새로 고친 뒤 다시 수정하세요" in page_text
    programme.refresh_from_db()
    item.refresh_from_db()
    assert programme.background == "먼저 저장한 추진배경"
    assert item.text != "나중에 바꾼 일정"
    assert programme.history.first().history_user == first


def test_a_save_racing_past_the_form_check_is_rolled_back_with_the_message(client, two_editors, programme):
    first, second = two_editors
    response = open_form(client, second, programme)
    data = change_form_data(response)
    item = programme.schedule.order_by("order").first()
    data[f"schedule-{inline_row(response, ScheduleItem, item.pk)}-text"] = "경합에서 진 일정"
    data["background"] = "경합에서 진 추진배경"

    # Someone else saves between this form's check and its UPDATE.
    client.force_login(first)
    other = change_form_data(client.get(url(programme)))
    client.post(url(programme), other)
    client.force_login(second)
    with mock.patch("projects.concurrency.VersionedPageForm.clean", lambda form: form.cleaned_data):
        response = client.post(url(programme), data, follow=True)

    assert "새로 고친 뒤 다시 수정하세요" in response.content.decode()
    programme.refresh_from_db()
    item.refresh_from_db()
    assert programme.background != "경합에서 진 추진배경"
    assert item.text != "경합에서 진 일정"


def test_a_form_without_its_version_is_refused(client, two_editors, programme):
    first, _ = two_editors
    data = change_form_data(open_form(client, first, programme))
    del data["seen_version"]
    data["background"] = "판 정보 없이 저장"

    response = client.post(url(programme), data)

    assert response.status_code == 200
    programme.refresh_from_db()
    assert programme.background != "판 정보 없이 저장"
