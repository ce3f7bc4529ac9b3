from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.models import UnitProgram
from reports.models import ReportEdition
from workreport import sections
from workreport.hwpx import build_report_hwpx
from workreport.publishing import draft_pdf
from workreport.rendering import build_report_pdf

# what each --format writes, and the word the message says it made
BUILDERS = {"pdf": (draft_pdf, "PDF"), "hwpx": (build_report_hwpx, "한글 문서(HWPX)")}


class Command(BaseCommand):
    # It only reads: the system checks (which import every view and URL) would be a quarter of the
    # time of a draft whose sections are cached; `manage.py check` and every server start run them.
    requires_system_checks = []
    help = ("업무보고 PDF(또는 --format hwpx 이면 한글 문서)를 만듭니다: build_report 2024 -o report.pdf "
            "(--unit 1-1 이면 그 단위사업만).")

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="연도 (예: 2024)")
        parser.add_argument("-o", "--output", default=None,
                            help="저장할 파일 (기본: report-<연도>.pdf, --format hwpx 이면 report-<연도>.hwpx)")
        parser.add_argument("--format", choices=sorted(BUILDERS), default="pdf", dest="output_format",
                            help="pdf (기본) 또는 hwpx (한글에서 고칠 수 있는 문서)")
        parser.add_argument("--unit", default=None, help="한 단위사업만: 주요 현안업무 번호 (예: 1-1)")
        parser.add_argument("--no-cache", action="store_true", dest="no_cache",
                            help="PDF를 캐시 없이 한 번에 조판합니다 (구역으로 나누지 않은 기준본)")

    def handle(self, year, output, unit, output_format="pdf", no_cache=False, **options):
        edition = ReportEdition.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"{year}년 업무보고가 데이터베이스에 없습니다. 먼저 load_report {year}를 실행하세요.")
        program = None
        if unit:
            program = UnitProgram.objects.filter(policy__edition=edition, number=unit, page__isnull=False).first()
            if program is None:
                raise CommandError(f"{year}년 업무보고에 {unit} 단위사업이 없습니다.")
        path = Path(output or (f"report-{year}-{unit}.{output_format}" if unit else f"report-{year}.{output_format}"))
        if not path.parent.is_dir():
            raise CommandError(f"저장할 폴더가 없습니다: {path.parent}")
        build, kind = BUILDERS[output_format]
        if no_cache and output_format == "pdf":
            build = build_report_pdf  # one pass, the reference the sectioned draft reads as
        if output_format == "pdf" and not no_cache:
            # a draft from sections: its typesetting process imports WeasyPrint meanwhile
            with sections.typesetter():
                content = build(edition, program)
        else:
            content = build(edition, program)
        path.write_bytes(content)
        what = f"{program.number}. {program.name}" if program else "전체"
        self.stdout.write(self.style.SUCCESS(f"{edition} ({what}) {kind}를 만들었습니다: {path} ({len(content):,} 바이트)"))
