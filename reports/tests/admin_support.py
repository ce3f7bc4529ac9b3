"""A logged-in superuser for the admin tests, without the cost of hashing a password each test."""
import pytest
from django.contrib.auth.models import User


@pytest.fixture
def superuser_client(client, db):
    user = User.objects.create(username="admin-test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client
