from django.core.management.base import BaseCommand, CommandError

from workreport.checks import check_year
from reports.models import ReportEdition


class Command(BaseCommand):
    help = "한 연도 업무보고의 수치를 점검합니다: 승인 총액과 세부 합계, 집행액, 인원, 주요 현안업무 페이지."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, year, **options):
        edition = ReportEdition.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"{year}년 업무보고가 데이터베이스에 없습니다.")
        errors, warnings = check_year(edition)
        self.stdout.write(f"{edition} 점검 결과")
        self._section("오류", errors, self.style.ERROR)
        self._section("경고", warnings, self.style.WARNING)
        if errors:
            raise CommandError(f"오류 {len(errors)}건이 있습니다. 고친 뒤 다시 점검하세요.")
        self.stdout.write(self.style.SUCCESS("오류가 없습니다."))

    def _section(self, label, findings, style):
        self.stdout.write(style(f"{label} {len(findings)}건") if findings else f"{label} 0건")
        for finding in findings:
            self.stdout.write(f"  - {finding}")
