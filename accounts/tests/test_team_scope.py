"""A team lead keeps their own programmes up to date in the admin, and nobody else's:
another team's page or line answers 403 on GET and on POST, and nothing changes."""
import pytest
from django.urls import reverse

from tests.helpers import change_form_data
from projects.models import AchievementItem, AchievementTableRow, ProgramPage, ScheduleItem


def page(number):
    return ProgramPage.objects.select_related("unit").get(unit__number=number, unit__policy__edition__year=2024)


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def test_a_team_lead_lists_only_their_own_programmes(client, edition, team_lead):
    client.force_login(team_lead)

    response = client.get(reverse("admin:projects_programpage_changelist"))

    assert response.status_code == 200
    listed = {p.unit.number for p in response.context["cl"].result_list}
    assert listed == {"1-1", "1-2"}


def test_a_reader_lists_every_programme(client, edition, auditor):
    client.force_login(auditor)

    response = client.get(reverse("admin:projects_programpage_changelist"))

    assert response.context["cl"].result_count == 10


def test_a_team_lead_saves_their_own_programme_with_their_name_in_history(client, edition, team_lead):
    client.force_login(team_lead)
    own = page("1-1")
    form = client.get(change_url(own))
    data = change_form_data(form)
    data["background"] = "서울시 AI 활성화를 위한 서비스 개발 요구 증대 (보완)"

    response = client.post(change_url(own), data)

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.background.endswith("(보완)")
    assert own.history.first().history_user == team_lead


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_another_teams_programme_page_is_403_by_url(client, edition, team_lead, view):
    client.force_login(team_lead)
    other = page("2-4")

    response = client.get(reverse(f"admin:projects_programpage_{view}", args=[other.pk]))

    assert response.status_code == 403


def test_a_forged_post_to_another_teams_programme_is_403_and_changes_nothing(client, edition, team_lead, superuser):
    other = page("2-4")
    client.force_login(superuser)
    data = change_form_data(client.get(change_url(other)))
    data["background"] = "다른 팀이 바꾼 내용"
    client.force_login(team_lead)

    response = client.post(change_url(other), data)

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.background != "다른 팀이 바꾼 내용"


@pytest.mark.parametrize("model", [AchievementItem, ScheduleItem, AchievementTableRow], ids=lambda m: m.__name__)
def test_another_teams_lines_are_403_by_url_on_get_and_post(client, edition, team_lead, model):
    client.force_login(team_lead)
    team_path = "item__page" if model is AchievementTableRow else "page"
    line = model.objects.filter(**{f"{team_path}__unit__number": "2-2"}).first()
    before = model.objects.filter(pk=line.pk).values().get()

    assert client.get(change_url(line)).status_code == 403
    assert client.post(change_url(line), {"text": "바꿈", "label": "바꿈", "content": "바꿈"}).status_code == 403
    assert client.post(reverse(f"admin:projects_{model._meta.model_name}_delete", args=[line.pk]),
                       {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=line.pk).values().get() == before


def test_a_team_lead_cannot_add_a_line_to_another_teams_page(client, edition, team_lead):
    client.force_login(team_lead)
    other = page("2-4")
    count = AchievementItem.objects.count()

    response = client.post(reverse("admin:projects_achievementitem_add"), {
        "page": other.pk, "order": 99, "level": 1, "marker": "bullet", "text": "남의 사업에 끼워 넣은 줄",
        "rows-TOTAL_FORMS": 0, "rows-INITIAL_FORMS": 0,
    })

    assert response.status_code == 200
    assert "page" in response.context["adminform"].form.errors
    assert AchievementItem.objects.count() == count


def test_a_team_lead_reads_but_cannot_change_the_programmes_unit(client, edition, team_lead):
    client.force_login(team_lead)
    own = page("1-2")
    form = client.get(change_url(own))
    data = change_form_data(form)
    data["unit"] = page("2-4").unit_id

    client.post(change_url(own), data)

    own.refresh_from_db()
    assert own.unit.number == "1-2"


def test_an_auditor_opens_a_programme_without_a_save_button_and_a_forged_post_is_403(client, edition, auditor):
    client.force_login(auditor)
    target = page("1-1")

    response = client.get(change_url(target))

    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert client.post(change_url(target), {"background": "감사가 바꿈"}).status_code == 403
    target.refresh_from_db()
    assert target.background != "감사가 바꿈"


def test_the_lines_of_own_page_are_editable(client, edition, team_lead):
    client.force_login(team_lead)
    own = page("1-1")
    item = own.schedule.order_by("order").first()
    data = change_form_data(client.get(change_url(own)))
    data["schedule_text"] = data["schedule_text"].replace(item.text, "AI 모델 고도화 (수정)", 1)

    response = client.post(change_url(own), data)

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "AI 모델 고도화 (수정)"
    assert item.history.first().history_user == team_lead
