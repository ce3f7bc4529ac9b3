"""The admin site (sdf_intranet.admin_site): every model of the report's apps registered with its change
history (변경 이력), the index in Korean and in the order of the report. That each of its pages opens, for
every role, is walked in test_every_url.py."""
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

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
