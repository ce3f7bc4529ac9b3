"""python manage.py make_synthetic_data --factor 10: a year with N× the 2024 data, for the benchmark."""
from django.core.management.base import BaseCommand, CommandError

from reports.models import ReportEdition
from workreport.synthetic import SyntheticYearExists, make_synthetic_edition


class Command(BaseCommand):
    help = "원본 연도판(기본 2024)을 N배로 불린 합성 연도판(기본 2099)을 만듭니다. 벤치마크와 쿼리 수 시험용입니다."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, default=2024, help="원본 연도 (기본 2024)")
        parser.add_argument("--year", type=int, default=2099, help="만들 합성 연도 (기본 2099, 비어 있어야 함)")
        parser.add_argument("--factor", type=int, default=10, help="배수 (기본 10)")

    def handle(self, *args, source, year, factor, **options):
        if factor < 1:
            raise CommandError("배수(--factor)는 1 이상이어야 합니다.")
        edition = ReportEdition.objects.filter(year=source).first()
        if edition is None:
            raise CommandError(f"원본 {source}년 연도판이 없습니다. 먼저 load_report {source}를 실행하세요.")
        try:
            target = make_synthetic_edition(edition, year, factor)
        except SyntheticYearExists as error:
            raise CommandError(str(error)) from error
        units = sum(policy.units.count() for policy in target.policy_programs.all())
        self.stdout.write(self.style.SUCCESS(
            f"{year}년 합성 연도판을 만들었습니다: {source}년의 {factor}배 (단위사업 {units}개)."
        ))
