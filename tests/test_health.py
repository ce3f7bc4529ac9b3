"""/health/ tells the proxy and the operator's monitor whether this instance can serve: the
database, the shared cache and the file storage. Anyone may ask, without a login, and learns only
`ok` or `failing`; a superuser sees which check failed; a probe with a body is refused."""
import pytest
from django.db import OperationalError, connections
from django.db.backends.base.base import BaseDatabaseWrapper

BROKEN_CACHE = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                            "LOCATION": "redis://127.0.0.1:1/0"}}  # nothing listens on port 1


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_anyone_learns_ok_without_a_login_and_nothing_more(client, db, media):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert not any(media.rglob("*.txt"))  # the storage probe cleans up after itself


def test_a_failing_cache_is_failing_to_anyone_without_saying_what(client, db, media, settings):
    settings.CACHES = BROKEN_CACHE

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.content == b"failing\n"


def test_a_storage_that_cannot_be_written_is_failing(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "a-file-not-a-folder"
    settings.MEDIA_ROOT.write_text("")

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.content == b"failing\n"


def test_a_database_that_does_not_answer_is_failing(client, db, media, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    # the check opens a connection of its own (temporary_connection): refuse that one only
    monkeypatch.setattr(BaseDatabaseWrapper, "temporary_connection", refuse)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.content == b"failing\n"
    assert connections["default"].is_usable()


def test_a_superuser_sees_which_check_failed(superuser_client, media, settings):
    settings.CACHES = BROKEN_CACHE

    lines = superuser_client.get("/health/").content.decode().splitlines()

    assert lines[0] == "failing"
    assert any(line.startswith("Cache(") and "OK" not in line for line in lines)
    assert any(line.startswith("Database(") and line.endswith("OK") for line in lines)
    assert any(line.startswith("Storage(") and line.endswith("OK") for line in lines)


def test_an_ordinary_login_learns_no_more_than_anyone(client_in, media, settings):
    settings.CACHES = BROKEN_CACHE

    assert client_in.get("/health/").content == b"failing\n"


def test_a_probe_with_a_body_is_refused_without_detail(client, db, media):
    response = client.generic("GET", "/health/", data=b"select 1", content_type="text/plain")

    assert response.status_code == 400
    assert response.content == b""


def test_only_get_and_head_are_answered(client, db, media):
    assert client.post("/health/", {"x": "1"}).status_code == 405
    assert client.head("/health/").status_code == 200
