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

from accounts.models import StaffProfile
from staffing.models import Person


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    last_name: str = ""
    first_name: str = ""
    is_superuser: bool = False
    is_staff: bool = False
    groups: tuple = field(default_factory=tuple)  # names of auth groups (팀장, 인사담당, 예산담당, 감사)
    person: str = ""  # a person of the latest loaded edition; a team lead's team comes from their posts

    @property
    def email(self):
        # reminders of the report cycle go to this address (the console backend prints them in development)
        return f"{self.username}@{DEMO_MAIL_DOMAIN}"


DEMO_MAIL_DOMAIN = "sdf-demo.example"  # .example never delivers anywhere (RFC 2606)


# The one list of demo logins; README.md documents the same usernames and passwords.
# One login per role (accounts/roles.py). The report names no person of 기획인사팀, 총무회계팀 or
# 감사팀, so hr, finance, auditor and publisher are not tied to a person (their roles need none).
DEMO_USERS = [
    DemoUser(username="admin", password="demo-admin-2024", last_name="관리자",
             is_superuser=True, is_staff=True),
    DemoUser(username="teamlead", password="demo-teamlead-2024", last_name="고설태",
             groups=("팀장",), person="고설태"),  # AI전환팀장: 1-1, 1-2
    DemoUser(username="teamlead2", password="demo-teamlead2-2024", last_name="한태환",
             groups=("팀장",), person="한태환"),  # 스마트라이프팀장: 2-4 … 2-8
    DemoUser(username="hr", password="demo-hr-2024", last_name="인사담당", groups=("인사담당",)),
    DemoUser(username="finance", password="demo-finance-2024", last_name="예산담당", groups=("예산담당",)),
    DemoUser(username="auditor", password="demo-auditor-2024", last_name="감사", groups=("감사",)),
    DemoUser(username="publisher", password="demo-publisher-2024", last_name="기획인사팀",
             groups=("인사담당", "업무보고 발행")),
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
    user.email = spec.email
    user.is_superuser = spec.is_superuser
    # Every role works in the admin, which needs is_staff (accounts.staff_access).
    user.is_staff = spec.is_staff or spec.is_superuser or bool(spec.groups)
    user.is_active = True
    # Set directly: demo passwords are documented, not chosen to pass the validators.
    user.set_password(spec.password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=spec.groups))
    tie_to_person(user, spec.person)
    # A developer locked out by django-axes gets back in by running setup_demo again.
    reset_lockouts(username=spec.username)
    return user, created


def tie_to_person(user, name):
    """Link the login to the person of that name in the latest loaded edition (None if not loaded)."""
    person = Person.objects.filter(name=name).order_by("-edition__year").first() if name else None
    StaffProfile.objects.update_or_create(user=user, defaults={"person": person})
    return person


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
                if spec.person and user.staff_profile.person is None:
                    self.stdout.write(self.style.WARNING(
                        f"  '{spec.person}' 직원이 없어 연결하지 못했습니다. load_report를 먼저 실행하세요."
                    ))
        self.stdout.write(self.style.SUCCESS("데모 계정 준비 완료 (비밀번호는 README.md 참고)."))
