"""`python manage.py backup [--output DIR]`: the database and MEDIA_ROOT in one file (sdf_intranet.backups)."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sdf_intranet.backups import BackupError, create_backup, prune


class Command(BaseCommand):
    help = "데이터베이스와 MEDIA_ROOT(발행된 PDF)를 한 파일로 백업합니다."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None,
                            help="백업 파일을 둘 폴더 (기본: BACKUP_DIR, var/backups)")
        parser.add_argument("--keep", type=int, default=0,
                            help="이 폴더에 최근 백업을 이만큼만 남기고 오래된 것은 지웁니다 (기본 0: 지우지 않음)")

    def handle(self, *, output, keep, **options):
        directory = output or Path(settings.BACKUP_DIR)
        try:
            summary = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(
            f"백업했습니다: {summary.path} (데이터베이스 {summary.database}, 파일 {summary.media_files}개)"))
        for path in prune(directory, keep):
            self.stdout.write(f"오래된 백업을 지웠습니다: {path}")
