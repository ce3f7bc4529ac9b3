"""Admin access for the roles: every role works in the Django admin, which lets in only is_staff users.

Adding a user to a role group does not set is_staff by itself; `grant_admin_access` does, from
the user admin's action "역할이 있는 사용자에게 관리 화면 접근 허용" or the command
`python manage.py grant_admin_access`. Taking access away stays a deliberate step (untick is_staff).
"""
from django.contrib.auth import get_user_model

from accounts.roles import ROLES


def users_with_a_role(queryset=None):
    users = get_user_model().objects.all() if queryset is None else queryset
    return users.filter(groups__name__in=ROLES, is_active=True).distinct()


def grant_admin_access(queryset=None):
    """Set is_staff on active users who hold a role and lack it; returns how many were changed."""
    return get_user_model().objects.filter(
        pk__in=users_with_a_role(queryset).filter(is_staff=False).values("pk")
    ).update(is_staff=True)
