from django.core.management.base import BaseCommand, CommandError

from workreport.rollover import EditionAlreadyExists, open_next_edition
from reports.models import ReportEdition


class Command(BaseCommand):
    help = "다음 연도판을 엽니다: open_edition 2025 --from 2024 (조직·사업·예산 과목·주요 현안업무를 복사, 2024년은 그대로)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="새로 열 연도")
        parser.add_argument("--from", dest="source_year", type=int, help="복사할 연도 (기본: 새 연도의 전년)")

    def handle(self, year, source_year=None, **options):
        source_year = source_year or year - 1
        source = ReportEdition.objects.filter(year=source_year).first()
        if source is None:
            raise CommandError(f"{source_year}년 연도판이 없습니다.")
        try:
            edition = open_next_edition(source, year)
        except EditionAlreadyExists as error:
            raise CommandError(str(error))
        self.stdout.write(self.style.SUCCESS(
            f"{edition} 연도판을 {source_year}년에서 열었습니다. 예산현액은 0으로 시작하니 세부사업 예산을 가져오세요."
        ))
