"""`manage.py setup_demo` gives a developer the documented demo logins, and only when DEBUG is on."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from workreport.management.commands.setup_demo import DEMO_USERS

User = get_user_model()


def log_in(client, username, password):
    """Log in through the login form, as a person would (django-axes needs the request)."""
    return client.post("/login/", {"username": username, "password": password})


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("setup_demo", stdout=io.StringIO())


def test_admin_is_a_superuser_who_can_log_in_with_the_documented_password(demo, client):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.is_active

    response = log_in(client, "admin", "demo-admin-2024")

    assert response.status_code == 302
    assert response.url == "/"


@pytest.mark.parametrize("spec", DEMO_USERS, ids=lambda spec: spec.username)
def test_every_demo_user_is_created_with_its_groups(demo, spec):
    user = User.objects.get(username=spec.username)

    assert user.check_password(spec.password)
    assert set(user.groups.values_list("name", flat=True)) == set(spec.groups)


def test_running_it_again_creates_no_duplicates_and_restores_the_password(demo, settings):
    admin = User.objects.get(username="admin")
    admin.set_password("changed-by-someone")
    admin.is_superuser = False
    admin.save()

    call_command("setup_demo", stdout=io.StringIO())

    assert User.objects.filter(username="admin").count() == 1
    assert User.objects.count() == len(DEMO_USERS)
    admin.refresh_from_db()
    assert admin.check_password("demo-admin-2024")
    assert admin.is_superuser


def test_it_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as refused:
        call_command("setup_demo")

    assert "DEBUG가 꺼져 있어 데모 계정을 만들지 않습니다" in str(refused.value)
    assert not User.objects.exists()
