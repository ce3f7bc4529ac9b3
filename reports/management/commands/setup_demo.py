"""Demo logins for a developer machine: `python manage.py setup_demo`.

Idempotent: running it again resets each demo user's password, flags, groups and
axes lockouts to what DEMO_USERS says. Refuses when DEBUG is off, so a production database never
gets accounts whose passwords are printed in the README.
"""
from dataclasses import dataclass, field

from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    last_name: str = ""
    first_name: str = ""
    is_superuser: bool = False
    is_staff: bool = False
    groups: tuple = field(default_factory=tuple)  # names of auth groups (팀장, 인사담당, 예산담당, 감사)


# The one list of demo logins; README.md documents the same usernames and passwords.
DEMO_USERS = [
    DemoUser(username="admin", password="demo-admin-2024", last_name="관리자",
             is_superuser=True, is_staff=True),
]


def save_demo_user(spec: DemoUser):
    """Create or reset one demo user; returns (user, created)."""
    missing = [name for name in spec.groups if not Group.objects.filter(name=name).exists()]
    if missing:
        raise CommandError(
            f"'{spec.username}' 계정에 줄 그룹이 없습니다: {', '.join(missing)}. 먼저 migrate를 실행하세요."
        )
    user, created = get_user_model().objects.get_or_create(username=spec.username)
    user.first_name = spec.first_name
    user.last_name = spec.last_name
    user.is_superuser = spec.is_superuser
    user.is_staff = spec.is_staff or spec.is_superuser
    user.is_active = True
    # Set directly: demo passwords are documented, not chosen to pass the validators.
    user.set_password(spec.password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=spec.groups))
    # A developer locked out by django-axes gets back in by running setup_demo again.
    reset_lockouts(username=spec.username)
    return user, created


class Command(BaseCommand):
    help = "개발용 데모 계정(admin 등)을 만들거나 비밀번호를 초기화합니다. DEBUG가 켜져 있을 때만 동작합니다."

    def handle(self, **options):
        if not settings.DEBUG:
            raise CommandError(
                "DEBUG가 꺼져 있어 데모 계정을 만들지 않습니다. "
                "운영 환경에서는 'python manage.py createsuperuser'로 계정을 만드세요."
            )
        with transaction.atomic():
            for spec in DEMO_USERS:
                user, created = save_demo_user(spec)
                verb = "만들었습니다" if created else "초기화했습니다"
                self.stdout.write(f"데모 계정 '{user.username}'을(를) {verb}.")
        self.stdout.write(self.style.SUCCESS("데모 계정 준비 완료 (비밀번호는 README.md 참고)."))
