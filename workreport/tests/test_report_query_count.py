"""The whole report costs a fixed, small number of queries, whatever the size of the data.

A synthetic edition (make_synthetic_data) with ten times the 2024 programmes, 세부사업,
execution, 추진실적 and teams must cost exactly as many queries as 2024 itself.
"""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workreport.rendering import render_report_html
from workreport.synthetic import make_synthetic_edition

QUERY_BUDGET = 30


@pytest.fixture
def tenfold(edition):
    return make_synthetic_edition(edition, 2098, factor=10)


def queries_of(edition) -> int:
    with CaptureQueriesContext(connection) as captured:
        render_report_html(edition)
    return len(captured.captured_queries)


def volume(edition) -> dict:
    from budget.models import DetailProgram, ExecutionRecord, UnitProgram
    from projects.models import AchievementItem, ScheduleItem
    from staffing.models import DutyItem, OrgUnit

    in_edition = {"page__unit__policy__edition": edition}
    return {
        "programme units": UnitProgram.objects.filter(policy__edition=edition, policy__category="programme").count(),
        "details": DetailProgram.objects.filter(unit__policy__edition=edition, unit__policy__category="programme").count(),
        "execution": ExecutionRecord.objects.filter(detail__unit__policy__edition=edition,
                                                    detail__unit__policy__category="programme").count(),
        "achievements": AchievementItem.objects.filter(**in_edition).count(),
        "schedule": ScheduleItem.objects.filter(**in_edition).count(),
        "teams": OrgUnit.objects.filter(edition=edition, kind="team").count(),
        "duties": DutyItem.objects.filter(group__unit__edition=edition, group__unit__kind="team").count(),
    }


def test_the_synthetic_edition_has_ten_times_the_data(edition, tenfold):
    one, ten = volume(edition), volume(tenfold)
    assert all(one.values()), one
    assert ten == {name: count * 10 for name, count in one.items()}


def test_the_whole_report_renders_within_the_query_budget(edition, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGET):
        render_report_html(edition)


def test_ten_times_the_data_costs_the_same_queries(edition, tenfold):
    at_one = queries_of(edition)
    at_ten = queries_of(tenfold)
    assert at_ten == at_one
    assert at_ten <= QUERY_BUDGET


def test_the_command_refuses_a_year_that_exists(edition):
    with pytest.raises(CommandError, match="이미 있습니다"):
        call_command("make_synthetic_data", "--year", str(edition.year), "--factor", "2")


def test_the_command_makes_the_year(edition):
    from reports.models import ReportEdition

    call_command("make_synthetic_data", "--year", "2097", "--factor", "2")
    made = ReportEdition.objects.get(year=2097)
    assert volume(made)["programme units"] == 2 * volume(edition)["programme units"]
