"""Test set-up shared by every app: the 2024 report is loaded once per test session.

Each test runs in a transaction that is rolled back, so the loaded year is the same
for every test, and a test may corrupt it freely. Logins are made by the thousand, so
passwords are hashed cheaply: the production hasher's cost is not what is tested.
Helpers that are not fixtures are in tests/helpers.py.
"""
import pytest

# the shared test helpers assert too: let pytest explain their failures as it does in test modules
pytest.register_assert_rewrite("tests.helpers")

from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from pytest_django.plugin import blocking_manager_key  # noqa: E402

from accounts.models import StaffProfile
from accounts.roles import AUDITOR, BUDGET_OFFICER, HR_OFFICER, PUBLISHER, TEAM_LEAD
from reports.models import PublishedEdition, ReportEdition
from staffing.models import Person
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.helpers import PASSWORD
from workreport.loading import load_year

# The admin's modules are imported where the admin is used (sdf_intranet.urls, reports.background),
# not at django.setup(): tests read its registry (which models, with which admin) when collected.
admin.autodiscover()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_year(2024)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def import_uploads_in_tmp(settings, tmp_path_factory):
    # a preview's upload waits in its user's folder (reports/uploads.py): not in the project's var/
    settings.DESK_IMPORT_UPLOAD_DIR = tmp_path_factory.getbasetemp() / "import-uploads"
    # …and the report's tasks their progress (workreport/report_tasks.py)
    settings.TASK_PROGRESS_DIR = tmp_path_factory.getbasetemp() / "task-progress"


@pytest.fixture
def edition(db):
    return ReportEdition.objects.get(year=2024)


@pytest.fixture
def client_in(client, django_user_model):
    """A client logged in as an ordinary member of staff (no role): the desk pages as anyone reads them."""
    user = django_user_model.objects.create_user("staff", password="x-very-long-password")
    client.force_login(user)
    return client


@pytest.fixture
def superuser_client(client, db):
    """A superuser without a hashed password (hashing costs time in every test)."""
    user = get_user_model().objects.create(username="admin-test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture
def stand_in_publication(edition, settings, tmp_path, django_user_model):
    """A published 2024 edition of a tiny stand-in PDF, under a MEDIA_ROOT of the test's own
    (the 2024 data has none; publishing itself is tested in workreport/tests/test_published_editions.py)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    published = PublishedEdition(edition=edition, sha256="a" * 64, size=8,
                                 published_by=django_user_model.objects.create(username="stand-in-publisher"))
    published.file.save("published/stand-in.pdf", ContentFile(b"%PDF-1.7"), save=False)
    published.save()
    return published


# ------------------------------------------------------------------ users of each role

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


# ------------------------------------------------------------------ browser tests (tests/browser.py)

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright  # only browser tests need it, and it starts a loop

    # Playwright's sync API keeps an event loop running in this thread while the browser is open;
    # the ORM calls of the tests (and the flush after each) are still plain synchronous code.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def site(live_server, browser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    if not ReportEdition.objects.filter(year=2024).exists():
        load_year(2024)
    return live_server.url


@pytest.fixture
def new_page(browser):
    """new_page(width=1280): a page of its own browser context (cookies, downloads), in Korean."""
    contexts = []

    def make(width=1280, height=900):
        context = browser.new_context(accept_downloads=True, locale="ko-KR",
                                      viewport={"width": width, "height": height})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A live-server test ends with a flush of the whole database (transactional_db); load 2024 again
    once every fixture is torn down, so the tests after it find the year as the session loaded it."""
    result = yield
    # after the session's last test its database is already dropped: nothing to load it into
    if item.get_closest_marker("flushes_database") and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            if not ReportEdition.objects.filter(year=2024).exists():
                load_year(2024)
    return result
