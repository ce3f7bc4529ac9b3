from django.core.management.base import BaseCommand

from workreport.reminders import send_reminders


class Command(BaseCommand):
    help = ("업무보고 차수의 알림 메일을 보냅니다: 기한 3일 전과 당일에 아직 제출하지 않은 항목의 담당자에게, "
            "제출되어 검토를 기다리는 항목이 있으면 검토자에게. 알림마다 한 번만 보냅니다. 하루 한 번 실행하세요.")

    def add_arguments(self, parser):
        parser.add_argument("--site-url", default="", help="메일의 링크 앞에 붙일 주소 (예: https://intranet.example)")

    def handle(self, site_url, **options):
        outcome = send_reminders(site_url=site_url.rstrip("/"))
        for kind, username, address, count in outcome.sent:
            self.stdout.write(f"보냄: {kind} → {username} <{address}> ({count}건)")
        if outcome.without_address:
            self.stdout.write(self.style.WARNING(
                "메일 주소가 없어 보내지 못한 사람: " + ", ".join(outcome.without_address)
                + " (관리 → 사용자에서 이메일을 적어 주세요)"))
        if not outcome.sent and not outcome.without_address:
            self.stdout.write("보낼 알림이 없습니다.")
