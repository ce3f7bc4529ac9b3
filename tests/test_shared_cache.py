"""One cache for every gunicorn worker and host: a draft PDF rendered by one worker is served by
the next from the database (the default) or from Redis (REDIS_URL), never rendered again by each
worker for itself, and the two backends are chosen by the environment alone."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from sdf_intranet import settings as site_settings
from workreport import publishing

BASE_DIR = Path(settings.BASE_DIR)
# A database of its own: clearing the cache empties the whole Redis database (FLUSHDB).
REDIS_URL = "redis://127.0.0.1:6379/14"
REDIS_CACHE = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                           "LOCATION": REDIS_URL, "KEY_PREFIX": f"sdf-test-{uuid.uuid4().hex[:8]}"}}


def in_another_process(code, **env):
    """Run code in a fresh process of the site's own settings (another worker)."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "sdf_intranet.settings", "DEBUG": "1", **env})
    result = subprocess.run([sys.executable, "manage.py", "shell", "-v", "0", "-c", code], cwd=BASE_DIR,
                            env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def renders(monkeypatch):
    calls = []
    render = lambda edition, unit=None: calls.append(edition.year) or b"%PDF-draft"  # noqa: E731
    monkeypatch.setattr(publishing.rendering, "build_report_pdf", render)
    monkeypatch.setattr("workreport.sections.sectioned_pdf", render)  # the whole draft, in sections
    return calls


def test_a_value_one_worker_caches_is_read_by_another_from_the_database(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    # migrate makes the cache's table (sdf_intranet/migrations): no database of the site lacks it
    in_another_process("from django.core.management import call_command; call_command('migrate', 'sdf_intranet')",
                       **database)
    in_another_process("from django.core.cache import cache; cache.set('draft', '2024 초안', 60)", **database)

    assert in_another_process("from django.core.cache import cache; print(cache.get('draft'))", **database) == "2024 초안"


def test_a_value_one_worker_caches_is_read_by_another_from_redis_when_redis_url_is_set():
    key = f"sdf-test-{uuid.uuid4().hex}"
    try:
        in_another_process(f"from django.core.cache import cache; cache.set('{key}', '2024 초안', 60)",
                           REDIS_URL=REDIS_URL)
        assert in_another_process(f"from django.core.cache import cache; print(cache.get('{key}'))",
                                  REDIS_URL=REDIS_URL) == "2024 초안"
        # in Redis itself, not in some cache of the process
        assert any(key in name.decode() for name in redis.Redis.from_url(REDIS_URL).keys(f"*{key}*"))
    finally:
        in_another_process(f"from django.core.cache import cache; cache.delete('{key}')", REDIS_URL=REDIS_URL)


def test_a_draft_is_rendered_once_and_kept_in_the_cache_table(edition, renders, settings):
    settings.CACHES = site_settings.CACHES  # the site's own, not the suite's (sdf_intranet/settings_test.py)
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    call_command("createcachetable")  # what migrate does on the site's settings (rolled back after)
    cache.clear()

    first = publishing.draft_pdf(edition)
    second = publishing.draft_pdf(edition)

    assert first == second == b"%PDF-draft"
    assert renders == [2024]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM cache_entries")
        assert cursor.fetchone()[0] == 1


def test_a_draft_is_rendered_once_through_redis(edition, renders, settings):
    settings.CACHES = REDIS_CACHE
    try:
        cache.clear()
        assert publishing.draft_pdf(edition) == publishing.draft_pdf(edition) == b"%PDF-draft"
        assert renders == [2024]
    finally:
        cache.clear()
