"""The admin site (sdf_intranet.admin_site): every model of the report's apps registered with its change
history (변경 이력), the index in Korean and in the order of the report. That each of its pages opens, for
every role, is walked in test_every_url.py."""
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from projects.models import ProgramPage
from reports.apps import REPORT_APPS


def report_models():
    return [
        model
        for app in REPORT_APPS
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # simple_history's Historical… tables
    ]


def registered_report_models():
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in REPORT_APPS),
        key=lambda model: model._meta.label,
    )


def test_every_model_of_the_report_apps_is_registered():
    missing = [model._meta.label for model in report_models() if model not in admin.site._registry]
    assert missing == []


def test_every_model_with_history_shows_it_in_the_admin():
    without = [
        model._meta.label
        for model in registered_report_models()
        if hasattr(model, "history") and not isinstance(admin.site._registry[model], SimpleHistoryAdmin)
    ]
    assert without == []


def test_admin_index_is_in_korean(superuser_client, edition):
    page = superuser_client.get(reverse("admin:index")).content.decode()
    for heading in ["인력·조직", "예산·집행", "주요 현안업무·추진전략", "업무보고", "단위사업", "세부사업", "정원", "현원"]:
        assert heading in page


def test_admin_index_follows_the_report_order(superuser_client, edition):
    page = superuser_client.get(reverse("admin:index")).content.decode()

    sections = [page.index(f">{name}<") for name in ["업무보고", "인력·조직", "예산·집행", "주요 현안업무·추진전략"]]
    assert sections == sorted(sections)
    assert page.index(">주요 현안업무·추진전략<") < page.index(">인증 및 권한<")
    assert page.index(">정책사업<") < page.index(">단위사업<") < page.index(">세부사업<")


def test_edition_is_found_by_year_in_autocomplete(superuser_client, edition):
    response = superuser_client.get(reverse("admin:autocomplete"), {
        "app_label": "staffing", "model_name": "orgunit", "field_name": "edition", "term": "2024",
    })

    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == [str(edition)]


# ---------------------------------------------------------------- what each role's index lists

PROGRAMME_TEXT = ["projects.programpage", "projects.overviewsubitem", "projects.achievementitem",
                  "projects.achievementtablerow", "projects.scheduleitem"]


def listed(response, key="app_list"):
    return [f"{app['app_label']}.{model['object_name'].lower()}" for app in response.context[key] for model in app["models"]]


def index_of(client, user):
    client.force_login(user)
    return client.get(reverse("admin:index"))


def test_a_team_lead_sees_only_the_programme_text_they_edit(client, edition, team_lead):
    response = index_of(client, team_lead)

    assert listed(response) == PROGRAMME_TEXT
    html = response.content.decode()
    assert "/admin/projects/programpage/" in html and "/admin/staffing/person/" not in html


def test_the_sidebar_lists_the_same(client, edition, team_lead):
    client.force_login(team_lead)

    response = client.get(reverse("admin:projects_achievementitem_changelist"))

    assert listed(response, "available_apps") == PROGRAMME_TEXT


def test_the_programme_editor_gives_its_width_to_the_texts_and_the_preview(client, edition, team_lead):
    client.force_login(team_lead)
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")

    editor = client.get(reverse("admin:projects_programpage_change", args=[page.pk])).content.decode()
    listing = client.get(reverse("admin:projects_programpage_changelist")).content.decode()

    assert 'id="nav-sidebar"' not in editor and 'class="outline-preview"' in editor
    assert 'id="nav-sidebar"' in listing and "/admin/projects/achievementitem/" in listing


def test_hr_and_finance_see_their_desks_models(client, edition, hr_officer, budget_officer, publisher):
    assert {label.split(".")[0] for label in listed(index_of(client, hr_officer))} == {"staffing"}
    assert {label.split(".")[0] for label in listed(index_of(client, budget_officer))} == {"budget"}
    assert listed(index_of(client, publisher)) == listed(index_of(client, hr_officer))  # publishes on the site


def test_the_auditor_who_changes_nothing_keeps_the_whole_list(client, edition, auditor, superuser):
    readable = listed(index_of(client, auditor))

    # every model of the report's apps, and the report cycle's rounds and parts, to read
    assert len(readable) == len(report_models()) + 2
    assert {"workreport.reportinground", "workreport.partreview"} <= set(readable)
    everything = listed(index_of(client, superuser))
    assert set(readable) < set(everything)  # the superuser's adds 인증 및 권한
    assert "reports.publishededition" in everything  # which nobody changes in the admin


def test_a_hidden_model_still_opens_by_its_url(client, edition, team_lead):
    client.force_login(team_lead)

    assert client.get(reverse("admin:staffing_person_changelist")).status_code == 200
    assert client.get(reverse("admin:budget_unitprogram_changelist")).status_code == 200


def test_an_app_the_user_only_reads_keeps_its_index(client, edition, team_lead):
    client.force_login(team_lead)

    response = client.get(reverse("admin:app_list", args=["staffing"]))

    assert response.status_code == 200
    assert "staffing.person" in listed(response)
    projects = client.get(reverse("admin:app_list", args=["projects"]))
    assert listed(projects) == PROGRAMME_TEXT  # where they write, what they write


def test_the_admin_scripts_speak_korean_where_djangos_korean_leaves_english(admin_client):
    import json

    script = admin_client.get("/admin/jsi18n/").content.decode()  # the catalog is JSON, \u-escaped

    assert json.dumps("서버(한국 표준시)보다 %s시간 늦습니다.")[1:-1] in script
    assert json.dumps("Note: 서버 시간보다")[1:-1] not in script  # Django's own Korean kept "Note:"


def test_the_background_task_results_are_named_in_korean(superuser_client, edition):
    page = superuser_client.get(reverse("admin:index")).content.decode()

    assert "배경 작업 결과" in page and "Task Results" not in page
