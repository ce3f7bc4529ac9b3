"""Test set-up shared by every app: the 2024 report is loaded once per test session.

Each test runs in a transaction that is rolled back, so the loaded year is the same
for every test, and a test may corrupt it freely.
"""
import pytest

# the shared test helpers assert too: let pytest explain their failures as it does in test modules
pytest.register_assert_rewrite("sdf_intranet.testing")

@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from reports.loading import load_year

    with django_db_blocker.unblock():
        load_year(2024)


@pytest.fixture
def edition(db):
    from reports.models import ReportEdition

    return ReportEdition.objects.get(year=2024)


@pytest.fixture
def client_in(client, django_user_model):
    """A client logged in as an ordinary member of staff (no role): the desk pages as anyone reads them."""
    user = django_user_model.objects.create_user("staff", password="x-very-long-password")
    client.force_login(user)
    return client
