"""`manage.py task_worker`: django-tasks-db's db_worker with a heartbeat (sdf_intranet/tasks_worker.py).

Every option of db_worker is kept (`--batch` runs what is queued and exits, as the tests do)."""
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from sdf_intranet.tasks_worker import Heartbeat, beat


class Command(DatabaseWorkerCommand):
    help = ("배경 작업(업무보고 발행, 데이터가 바뀐 뒤의 초안 PDF, 큰 파일 가져오기)을 처리합니다: "
            "django-tasks-db의 db_worker와 같고, 상태 신호를 공유 캐시에 씁니다.")

    def handle(self, **options):
        beat()  # /health/ answers ok as soon as the worker is up
        heartbeat = Heartbeat()
        heartbeat.start()
        try:
            return super().handle(**options)
        finally:
            heartbeat.stop()
