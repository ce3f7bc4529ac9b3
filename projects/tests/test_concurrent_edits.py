"""No lost update on a programme page, its lines included: a page saved from a stale form is
refused with who changed what, wherever the change was made (another page form, a line's own
admin page, code saving a line), keeps the typed text and writes nothing; the owner can revert
their own page from its history, lines included."""
import html
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import StaffProfile
from accounts.roles import TEAM_LEAD
from projects.models import AchievementItem, AchievementTableRow, ProgramPage
from projects.outline import ACHIEVEMENTS, section_text
from staffing.models import Person
from tests.helpers import admin_url, change_form_data


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


def programme(number="1-1"):
    return ProgramPage.objects.select_related("unit__policy__edition").get(unit__number=number)


def url(page):
    return admin_url(ProgramPage, "change", page.pk)


def open_form(client, user, page):
    client.force_login(user)
    return change_form_data(client.get(url(page)))


def save_stale(client, user, page, form):
    client.force_login(user)
    form["goal"] = "오래된 화면에서 저장한 목표"
    return client.post(url(page), form)


def assert_refused(response, page, *, naming):
    assert response.status_code == 200
    html = response.content.decode()
    assert naming in html and "내 변경은 저장되지 않았습니다" in html
    assert response.context["adminform"].form["goal"].value() == "오래된 화면에서 저장한 목표"
    page.refresh_from_db()
    assert page.goal != "오래된 화면에서 저장한 목표"


def test_the_later_of_two_page_forms_is_refused_naming_who_saved_first(client, two_editors, edition):
    first, second = two_editors
    page = programme()
    first_form = open_form(client, first, page)
    second_form = open_form(client, second, page)
    assert first_form["seen_version"] == second_form["seen_version"]

    client.force_login(first)
    first_form["background"] = "먼저 저장한 추진배경"
    assert client.post(url(page), first_form).status_code == 302
    second_form["achievements_text"] = "○ 나중 화면의 실적"
    response = save_stale(client, second, page, second_form)

    assert_refused(response, page, naming="고설태님이")
    assert "사업개요 추진배경" in response.content.decode()
    assert response.context["adminform"].form["achievements_text"].value() == "○ 나중 화면의 실적"
    assert page.achievements.count() == 15


def test_a_line_changed_on_its_own_admin_page_is_not_reverted_by_a_stale_page_form(client, two_editors, edition):
    lead, colleague = two_editors
    page = programme()
    stale = open_form(client, lead, page)

    line = page.achievements.order_by("order").first()
    client.force_login(colleague)
    line_url = admin_url(AchievementItem, "change", line.pk)
    line_form = change_form_data(client.get(line_url))
    line_form["text"] = "동료가 고친 실적 줄"
    assert client.post(line_url, line_form).status_code == 302

    response = save_stale(client, lead, page, stale)

    assert_refused(response, page, naming="김영현님이")
    assert "추진실적 줄 '동료가 고친 실적 줄' 수정" in html.unescape(response.content.decode())
    line.refresh_from_db()
    assert line.text == "동료가 고친 실적 줄"


def test_a_table_row_changed_on_its_own_page_is_not_reverted(client, two_editors, edition):
    lead, colleague = two_editors
    page = programme("1-2")
    stale = open_form(client, lead, page)
    row = AchievementTableRow.objects.filter(item__page=page).order_by("order").last()
    client.force_login(colleague)
    row_url = admin_url(AchievementTableRow, "change", row.pk)
    row_form = change_form_data(client.get(row_url))
    row_form["content"] = "동료가 고친 교육 예정 기관"
    assert client.post(row_url, row_form).status_code == 302

    assert_refused(save_stale(client, lead, page, stale), page, naming="김영현님이")
    row.refresh_from_db()
    assert row.content == "동료가 고친 교육 예정 기관"


def test_a_line_saved_by_code_makes_an_open_page_form_stale(client, two_editors, edition):
    lead, _ = two_editors
    page = programme()
    stale = open_form(client, lead, page)
    line = page.schedule.order_by("order").first()
    line.text = "가져오기로 바뀐 일정"
    line.full_clean()
    line.save()

    assert_refused(save_stale(client, lead, page, stale), page, naming="향후일정 줄")
    line.refresh_from_db()
    assert line.text == "가져오기로 바뀐 일정"


def test_a_save_racing_past_the_form_check_is_rolled_back_with_the_message(client, two_editors, edition):
    first, second = two_editors
    page = programme()
    data = open_form(client, second, page)
    data["background"] = "경합에서 진 추진배경"
    data["achievements_text"] = "○ 경합에서 진 실적"

    # Someone else saves between this form's check and its UPDATE.
    other = open_form(client, first, page)
    other["background"] = "경합에서 이긴 추진배경"
    client.post(url(page), other)
    client.force_login(second)
    with mock.patch("projects.concurrency.VersionedPageForm.clean", lambda form: form.cleaned_data):
        response = client.post(url(page), data, follow=True)

    assert "내 변경은 저장되지 않았습니다" in response.content.decode()
    page.refresh_from_db()
    assert page.background == "경합에서 이긴 추진배경"
    assert not page.achievements.filter(text="경합에서 진 실적").exists()


def test_saving_an_untouched_form_changes_nothing_so_others_open_forms_stay_valid(client, two_editors, edition):
    first, second = two_editors
    page = programme()
    version = page.version
    records = page.history.count()
    other = open_form(client, second, page)

    untouched = open_form(client, first, page)
    assert client.post(url(page), {**untouched, "achievements_text": untouched["achievements_text"].replace("\n", "\r\n")}).status_code == 302

    page.refresh_from_db()
    assert (page.version, page.history.count()) == (version, records)
    client.force_login(second)
    other["background"] = "뒤에 저장해도 되는 추진배경"
    assert client.post(url(page), other).status_code == 302


def test_a_form_without_its_version_is_refused(client, two_editors, edition):
    first, _ = two_editors
    page = programme()
    data = open_form(client, first, page)
    del data["seen_version"]
    data["background"] = "판 정보 없이 저장"

    response = client.post(url(page), data)

    assert response.status_code == 200
    page.refresh_from_db()
    assert page.background != "판 정보 없이 저장"


def test_the_owner_reverts_their_own_page_from_its_history_lines_included(client, two_editors, edition):
    lead, _ = two_editors
    page = programme()
    before = section_text(page, ACHIEVEMENTS)
    data = open_form(client, lead, page)
    data["goal"] = "잘못 고친 목표"
    data["achievements_text"] = "○ 잘못 남긴 실적 한 줄"
    assert client.post(url(page), data).status_code == 302
    assert page.achievements.count() == 1

    original = page.history.order_by("history_date", "history_id").first()
    revert_url = reverse("admin:projects_programpage_simple_history", args=[page.pk, original.history_id])
    revert = client.get(revert_url)
    assert revert.status_code == 200
    form = change_form_data(revert)
    assert form["achievements_text"] == before
    response = client.post(revert_url, form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    page.refresh_from_db()
    assert page.goal == original.goal
    assert section_text(programme(), ACHIEVEMENTS) == before


def test_a_stale_line_form_does_not_overwrite_what_the_editor_saved_since(client, two_editors, edition):
    lead, colleague = two_editors
    page = programme()
    line = page.achievements.order_by("order").first()
    client.force_login(colleague)
    line_url = admin_url(AchievementItem, "change", line.pk)
    stale_line = change_form_data(client.get(line_url))

    editor = open_form(client, lead, page)
    editor["achievements_text"] = editor["achievements_text"].replace(line.text, "편집기에서 고친 첫 줄", 1)
    assert client.post(url(page), editor).status_code == 302

    client.force_login(colleague)
    stale_line["text"] = "오래된 화면에서 고친 줄"
    response = client.post(line_url, stale_line)

    assert response.status_code == 200
    assert "고설태님이" in response.content.decode() and "내 변경은 저장되지 않았습니다" in response.content.decode()
    line.refresh_from_db()
    assert line.text == "편집기에서 고친 첫 줄"


def test_the_same_person_in_two_windows_is_told_so_and_the_history_says_what_each_save_changed(client, two_editors, edition):
    lead, _ = two_editors
    page = programme()
    first_window = open_form(client, lead, page)
    second_window = open_form(client, lead, page)
    first_window["achievements_text"] += "\n○ 첫 창에서 더한 줄"
    assert client.post(url(page), first_window).status_code == 302

    response = save_stale(client, lead, page, second_window)

    assert_refused(response, page, naming="다른 창(탭)에서 먼저 저장했습니다")
    assert page.history.first().history_change_reason == "추진실적 고침"
