from django.core.management.base import BaseCommand

from accounts.staff_access import grant_admin_access


class Command(BaseCommand):
    help = "역할(팀장·인사담당·예산담당·감사·업무보고 발행)이 있는 활성 사용자에게 관리 화면 접근(is_staff)을 허용합니다."

    def handle(self, **options):
        changed = grant_admin_access()
        self.stdout.write(self.style.SUCCESS(f"관리 화면 접근을 허용한 사용자: {changed}명"))
