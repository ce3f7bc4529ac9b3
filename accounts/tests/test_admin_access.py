"""Every role works in the admin: demo logins of each role get in, and a role given by hand
is completed with admin access by the user admin's action or grant_admin_access."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.roles import AUDITOR, TEAM_LEAD

User = get_user_model()


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("setup_demo", stdout=io.StringIO())


@pytest.mark.parametrize("username, password, person", [
    ("teamlead", "demo-teamlead-2024", "고설태"),
    ("teamlead2", "demo-teamlead2-2024", "한태환"),
    ("hr", "demo-hr-2024", None),
    ("finance", "demo-finance-2024", None),
    ("auditor", "demo-auditor-2024", None),
    ("publisher", "demo-publisher-2024", None),
])
def test_each_demo_role_logs_in_and_opens_the_admin(demo, client, edition, username, password, person):
    user = User.objects.get(username=username)
    assert user.is_staff and not user.is_superuser
    assert (user.staff_profile.person.name if user.staff_profile.person else None) == person

    assert client.post("/login/", {"username": username, "password": password}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_publisher_holds_the_publish_permission_and_others_do_not(demo):
    assert User.objects.get(username="publisher").has_perm("reports.publish_edition")
    assert not User.objects.get(username="auditor").has_perm("reports.publish_edition")


def role_user(username, role):
    user = User.objects.create_user(username, password="x" * 20)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def test_grant_admin_access_sets_is_staff_only_for_users_with_a_role(db):
    lead = role_user("lead", TEAM_LEAD)
    plain = role_user("plain", None)

    call_command("grant_admin_access", stdout=io.StringIO())

    lead.refresh_from_db()
    plain.refresh_from_db()
    assert lead.is_staff and not plain.is_staff


def test_the_user_admin_action_gives_admin_access(admin_client):
    auditor = role_user("audit", AUDITOR)

    admin_client.post("/admin/auth/user/", {
        "action": "allow_admin_access", "_selected_action": [auditor.pk],
    })

    auditor.refresh_from_db()
    assert auditor.is_staff
