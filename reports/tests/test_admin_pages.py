"""Every model of the report's apps has a Korean admin list and change form that open for a superuser,
with its change history (변경 이력) reachable from the object's page."""
import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from reports.models import PublishedEdition
from workreport.publishing import publish
from tests.helpers import admin_url

REPORT_APPS = ["reports", "staffing", "budget", "projects"]


def report_models():
    from django.apps import apps

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


@pytest.mark.parametrize("model", registered_report_models(), ids=lambda m: m._meta.label)
def test_changelist_opens(superuser_client, edition, model):
    response = superuser_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert model._meta.verbose_name_plural in response.content.decode()


@pytest.fixture
def published_edition(edition, django_user_model, settings, tmp_path, monkeypatch):
    """The 2024 data has no published edition: publish one, from a small stand-in PDF (rendering is tested elsewhere)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr("workreport.rendering.build_report_pdf", lambda edition, unit=None: b"%PDF-1.7 stand-in")
    publisher = django_user_model.objects.create(username="publisher-test", is_staff=True, is_superuser=True)
    return publish(edition, publisher)


@pytest.mark.parametrize("model", registered_report_models(), ids=lambda m: m._meta.label)
def test_change_form_of_a_loaded_object_opens(superuser_client, edition, model, request):
    if model is PublishedEdition:
        request.getfixturevalue("published_edition")
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"{model._meta.label}: no row to open"
    response = superuser_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert str(obj) in response.content.decode() or model._meta.verbose_name in response.content.decode()


@pytest.mark.parametrize("model", registered_report_models(), ids=lambda m: m._meta.label)
def test_add_form_opens_unless_adding_is_closed(superuser_client, edition, model):
    model_admin = admin.site._registry[model]
    response = superuser_client.get(admin_url(model, "add"))
    expected = 200 if model_admin.has_add_permission(_superuser_request()) else 403
    assert response.status_code == expected


@pytest.mark.parametrize("model", [
    m for m in registered_report_models() if hasattr(m, "history")
], ids=lambda m: m._meta.label)
def test_history_of_an_object_opens(superuser_client, edition, model):
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        pytest.skip(f"{model._meta.label}: the 2024 data has no row")
    response = superuser_client.get(admin_url(model, "history", obj.pk))
    assert response.status_code == 200


def test_admin_index_is_in_korean(superuser_client, edition):
    page = superuser_client.get(reverse("admin:index")).content.decode()
    for heading in ["인력·조직", "예산·집행", "주요 현안업무·추진전략", "업무보고", "단위사업", "세부사업", "정원", "현원"]:
        assert heading in page


def _superuser_request():
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request


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
