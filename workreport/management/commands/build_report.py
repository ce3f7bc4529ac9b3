from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.models import UnitProgram
from reports.models import ReportEdition
from workreport.rendering import build_report_pdf


class Command(BaseCommand):
    help = "업무보고 PDF를 만듭니다: build_report 2024 -o report.pdf (--unit 1-1 이면 그 단위사업만)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="연도 (예: 2024)")
        parser.add_argument("-o", "--output", default=None, help="저장할 PDF 파일 (기본: report-<연도>.pdf)")
        parser.add_argument("--unit", default=None, help="한 단위사업만: 주요 현안업무 번호 (예: 1-1)")

    def handle(self, year, output, unit, **options):
        edition = ReportEdition.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"{year}년 업무보고가 데이터베이스에 없습니다. 먼저 load_report {year}를 실행하세요.")
        program = None
        if unit:
            program = UnitProgram.objects.filter(policy__edition=edition, number=unit, page__isnull=False).first()
            if program is None:
                raise CommandError(f"{year}년 업무보고에 {unit} 단위사업이 없습니다.")
        path = Path(output or (f"report-{year}-{unit}.pdf" if unit else f"report-{year}.pdf"))
        if not path.parent.is_dir():
            raise CommandError(f"저장할 폴더가 없습니다: {path.parent}")
        pdf = build_report_pdf(edition, program)
        path.write_bytes(pdf)
        what = f"{program.number}. {program.name}" if program else "전체"
        self.stdout.write(self.style.SUCCESS(f"{edition} ({what}) PDF를 만들었습니다: {path} ({len(pdf):,} 바이트)"))
