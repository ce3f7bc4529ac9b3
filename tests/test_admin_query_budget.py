"""The one family of admin query budgets: a list page costs a fixed number of queries whatever its
number of rows. The list of a synthetic edition with three times the 2024 data runs exactly the
queries of one with the 2024 data, and every list of the report's models stays within LIST_QUERY_BUDGET
(session, user, count, rows, prefetches, filters, and the figures of each edition shown)."""
import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import DetailProgram, ExecutionRecord, RevenueAccount, UnitProgram
from projects.models import (
    AchievementItem,
    AchievementTableRow,
    OverviewSubItem,
    ProgramContact,
    ProgramPage,
    ScheduleItem,
)
from workreport.synthetic import make_synthetic_edition
from reports.apps import REPORT_APPS
from reports.models import PublishedEdition
from tests.helpers import admin_url
from staffing.models import DutyGroup, DutyItem, OrgUnit, Person, Post

# The models whose rows multiply in a synthetic edition (teams, people, programmes, pages).
GROWING = [
    OrgUnit, DutyGroup, DutyItem, Person, Post,
    RevenueAccount, UnitProgram, DetailProgram, ExecutionRecord,
    ProgramPage, ProgramContact, OverviewSubItem, AchievementItem, AchievementTableRow, ScheduleItem,
]


LIST_QUERY_BUDGET = 20


@pytest.fixture
def small_and_large(edition):
    return make_synthetic_edition(edition, 2098, factor=1), make_synthetic_edition(edition, 2097, factor=3)


def edition_filter_parameter(model):
    """The query parameter of the list's 연도판 filter, e.g. unit__policy__edition__id__exact."""
    for item in admin.site._registry[model].list_filter:
        path = item[0] if isinstance(item, tuple) else item
        if isinstance(path, str) and path.endswith("edition"):
            return f"{path}__id__exact"
    raise AssertionError(f"{model._meta.label} has no 연도판 filter")


def list_of(client, model, edition):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"), {edition_filter_parameter(model): edition.pk})
    assert response.status_code == 200
    return response.context["cl"].result_count, len(queries)


@pytest.mark.parametrize("model", GROWING, ids=lambda m: m._meta.label)
def test_list_costs_the_same_with_three_times_the_rows(superuser_client, small_and_large, model):
    small, large = small_and_large

    small_rows, small_queries = list_of(superuser_client, model, small)
    large_rows, large_queries = list_of(superuser_client, model, large)

    assert large_rows > small_rows
    assert large_queries == small_queries <= LIST_QUERY_BUDGET


def report_models_listed():
    return sorted((m for m in admin.site._registry if m._meta.app_label in REPORT_APPS), key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", report_models_listed(), ids=lambda m: m._meta.label)
def test_every_list_of_the_2024_data_stays_within_the_budget(superuser_client, edition, model, request):
    if model is PublishedEdition:  # 2024 has no published file: list a stand-in
        request.getfixturevalue("stand_in_publication")
    url = admin_url(model, "changelist")
    superuser_client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as queries:
        response = superuser_client.get(url)
    assert response.status_code == 200 and response.context["cl"].result_count > 0
    assert len(queries) <= LIST_QUERY_BUDGET
