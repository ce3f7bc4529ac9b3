"""Users of each role, tied to people of the loaded 2024 report, made cheaply per test."""
import pytest
from django.contrib.auth import get_user_model
from pytest_django.plugin import blocking_manager_key
from django.contrib.auth.models import Group

from accounts.models import StaffProfile
from accounts.roles import AUDITOR, BUDGET_OFFICER, HR_OFFICER, PUBLISHER, TEAM_LEAD
from sdf_intranet.testing import PASSWORD, fast_password_hashing  # noqa: F401 (an autouse fixture for every accounts test)
from staffing.models import Person


@pytest.fixture
def make_user(db):
    """make_user("lead", TEAM_LEAD, person="고설태"): a staff login with a role, tied to a 2024 person."""

    def make(username, *roles, person=None, superuser=False):
        user = get_user_model().objects.create_user(
            username, password=PASSWORD, is_staff=True, is_superuser=superuser
        )
        if roles:
            user.groups.set(Group.objects.filter(name__in=roles))
        linked = Person.objects.get(edition__year=2024, name=person) if person else None
        StaffProfile.objects.create(user=user, person=linked)
        return user

    return make


@pytest.fixture
def team_lead(make_user):
    """고설태, AI전환팀장: owns 1-1 and 1-2."""
    return make_user("teamlead", TEAM_LEAD, person="고설태")


@pytest.fixture
def other_team_lead(make_user):
    """한태환, 스마트라이프팀장: owns 2-4 … 2-8."""
    return make_user("teamlead2", TEAM_LEAD, person="한태환")


@pytest.fixture
def hr_officer(make_user):
    return make_user("hr", HR_OFFICER)


@pytest.fixture
def budget_officer(make_user):
    return make_user("finance", BUDGET_OFFICER)


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", AUDITOR)


@pytest.fixture
def publisher(make_user):
    return make_user("publisher", PUBLISHER, HR_OFFICER)


@pytest.fixture
def superuser(make_user):
    return make_user("root", superuser=True)


def ensure_report_loaded(year=2024):
    from reports.loading import load_year
    from reports.models import ReportEdition

    if not ReportEdition.objects.filter(year=year).exists():
        load_year(year)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A live-server test ends with a flush of the whole database (transactional_db); load 2024 again
    once every fixture is torn down, so the tests after it find the year as the session loaded it."""
    result = yield
    if item.get_closest_marker("flushes_database"):
        with item.config.stash[blocking_manager_key].unblock():
            ensure_report_loaded()
    return result
