"""The task worker (manage.py task_worker, started by make serve beside gunicorn) writes a heartbeat
into the shared cache; /health/ is failing when the last one is older than
TASK_WORKER_HEARTBEAT_MAX_AGE, and still says only ok or failing to anyone but a superuser."""
import time

import pytest
from django.core.cache import cache

from reports.tests.background_imports import run_worker
from sdf_intranet.tasks_worker import HEARTBEAT_KEY, Heartbeat, beat, heartbeat_age


@pytest.fixture
def checked(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASK_WORKER_HEARTBEAT_MAX_AGE = 120
    cache.delete(HEARTBEAT_KEY)
    yield
    cache.delete(HEARTBEAT_KEY)


def test_no_worker_ever_is_failing_without_saying_why(client, db, checked):
    response = client.get("/health/")

    assert (response.status_code, response.content) == (503, b"failing\n")


def test_a_recent_heartbeat_is_ok(client, db, checked):
    beat()

    response = client.get("/health/")

    assert (response.status_code, response.content) == (200, b"ok\n")


def test_a_heartbeat_older_than_two_minutes_is_failing(client, db, checked):
    beat(time.time() - 121)

    assert client.get("/health/").status_code == 503


def test_a_superuser_sees_that_the_worker_is_silent(superuser_client, checked):
    beat(time.time() - 600)

    lines = superuser_client.get("/health/").content.decode().splitlines()

    assert lines[0] == "failing"
    assert any(line.startswith("TaskWorker(") and "600 s ago" in line for line in lines)
    assert any(line.startswith("Database(") and line.endswith("OK") for line in lines)


def test_the_worker_beats_when_it_starts(db, checked):
    assert heartbeat_age() is None

    run_worker()

    assert heartbeat_age() < 5


def test_the_heartbeat_thread_beats_every_interval_until_stopped(db, checked):
    thread = Heartbeat(interval=0.05)
    thread.start()
    try:
        deadline = time.monotonic() + 5
        while cache.get(HEARTBEAT_KEY) is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        thread.stop()
        thread.join(5)

    assert heartbeat_age() < 5
    assert not thread.is_alive()
