"""The editor's preview and an unchanged save cost the same queries whatever the number of lines:
reading the texts runs none, and a save writes only the lines that changed."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import AchievementItem, ProgramPage
from tests.helpers import admin_url, change_form_data

TIMES = 10


@pytest.fixture
def page_1_1(edition):
    return ProgramPage.objects.get(unit__number="1-1")


def grow(page, times):
    """Every 추진실적 line of the page repeated `times` times in all."""
    lines = list(page.achievements.order_by("order"))
    for copy in range(1, times):
        for item in lines:
            AchievementItem.objects.create(page=page, order=1000 * copy + item.order, level=item.level,
                                           marker=item.marker, text=f"{item.text} ({copy})")


def queries_of(client, method, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    assert response.status_code in (200, 302)
    return len(captured.captured_queries)


def test_the_preview_costs_the_same_with_ten_times_the_lines(superuser_client, page_1_1):
    preview = reverse("admin:projects_programpage_preview", args=[page_1_1.pk])
    data = change_form_data(superuser_client.get(admin_url(ProgramPage, "change", page_1_1.pk)))
    superuser_client.post(preview, data)
    small = queries_of(superuser_client, "post", preview, data)

    grow(page_1_1, TIMES)
    data = change_form_data(superuser_client.get(admin_url(ProgramPage, "change", page_1_1.pk)))
    assert data["achievements_text"].count("\n") > 100

    assert queries_of(superuser_client, "post", preview, data) == small


def test_an_unchanged_save_costs_the_same_with_ten_times_the_lines(superuser_client, page_1_1):
    url = admin_url(ProgramPage, "change", page_1_1.pk)
    superuser_client.post(url, change_form_data(superuser_client.get(url)))
    small = queries_of(superuser_client, "post", url, change_form_data(superuser_client.get(url)))

    grow(page_1_1, TIMES)
    large = queries_of(superuser_client, "post", url, change_form_data(superuser_client.get(url)))

    assert large == small
