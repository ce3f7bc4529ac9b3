"""`python manage.py restore FILE [--replace]`: a backup of `manage.py backup` back in place."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sdf_intranet.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "backup으로 만든 파일에서 데이터베이스와 MEDIA_ROOT를 복원합니다. 기본은 빈 데이터베이스에만."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="backup이 만든 .tar 파일")
        parser.add_argument("--replace", action="store_true",
                            help="지금 데이터베이스와 MEDIA_ROOT의 내용을 백업의 것으로 바꿉니다")

    def handle(self, *, archive, replace, **options):
        if not archive.is_file():
            raise CommandError(f"백업 파일이 없습니다: {archive}")
        try:
            summary = restore_backup(archive, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(
            f"복원했습니다: {summary.path} (데이터베이스 {summary.database}, 파일 {summary.media_files}개). "
            "이어서 'manage.py check_report <연도>'로 데이터를, 발행 목록에서 SHA-256을 확인하세요."))
