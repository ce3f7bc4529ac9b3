"""The task worker's heartbeat: is a worker running the background tasks (reports/background.py,
workreport/report_tasks.py)?

`manage.py task_worker` is django-tasks-db's `db_worker` with a thread beside it that writes the
time into the shared cache every TASK_WORKER_HEARTBEAT_SECONDS, also while a long task runs (the
task holds the worker's loop, not this thread). /health/ fails when the last beat is older than
TASK_WORKER_HEARTBEAT_MAX_AGE: queued imports, draft PDFs and publications would wait for ever. The beat is in the shared cache
(a table of the database, or Redis), so every web host sees the same worker.
"""
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections

HEARTBEAT_KEY = "task-worker:heartbeat"
logger = logging.getLogger(__name__)


def beat(now=None):
    cache.set(HEARTBEAT_KEY, now if now is not None else time.time(), timeout=None)


def heartbeat_age(now=None):
    """Seconds since a worker last beat; None when no worker has ever beaten."""
    last = cache.get(HEARTBEAT_KEY)
    if last is None:
        return None
    return max(0.0, (now if now is not None else time.time()) - float(last))


class Heartbeat(threading.Thread):
    """Beats until stopped; a beat that fails (the database busy, Redis away) is logged and retried."""

    def __init__(self, interval=None):
        super().__init__(name="task-worker-heartbeat", daemon=True)
        self.interval = interval or settings.TASK_WORKER_HEARTBEAT_SECONDS
        self.stopped = threading.Event()

    def run(self):
        # the first beat is the worker's own, before its loop starts (task_worker)
        while not self.stopped.wait(self.interval):
            try:
                beat()
            except Exception:
                logger.warning("작업 처리기의 신호(heartbeat)를 쓰지 못했습니다.", exc_info=True)
            finally:
                connections.close_all()  # this thread's own connections only

    def stop(self):
        self.stopped.set()
