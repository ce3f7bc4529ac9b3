"""What an operator reads in the log: one line per request (method, path, status, duration in ms,
user id, request id), a refusal as that one line and never a traceback, an error with its
traceback, JSON lines when LOG_FORMAT=json, and every 500 mailed to ADMINS."""
import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import include, path

from sdf_intranet.logs import JsonFormatter

BASE_DIR = Path(settings.BASE_DIR)


def broken(request):
    raise RuntimeError("집행률을 계산하지 못했습니다")


def refused(request):
    raise PermissionDenied("이 사업의 담당 팀이 아닙니다")


# This module is also the URLconf of the tests marked urls(__name__): the site's, and two views.
urlpatterns = [
    path("boom/", broken),
    path("refused/", refused),
    path("", include("sdf_intranet.urls")),
]


@pytest.fixture
def records(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.fixture
def console():
    """What the site's console handler (stderr, the journal) writes during the test."""
    [handler] = [h for h in logging.getLogger("sdf_intranet.request").handlers if type(h) is logging.StreamHandler]
    written = io.StringIO()
    before = handler.setStream(written)
    yield written
    handler.setStream(before)


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "sdf_intranet.request"]


def test_each_request_is_one_line_with_its_method_path_status_duration_user_and_id(client_in, records):
    response = client_in.get("/staffing/")

    [line] = request_lines(records)
    user_id = client_in.session["_auth_user_id"]
    assert line.getMessage().startswith(f"GET /staffing/ 200 {line.duration_ms}ms user={user_id} ip=127.0.0.1")
    assert (line.method, line.path, line.status, str(line.user_id)) == ("GET", "/staffing/", 200, user_id)
    assert isinstance(line.duration_ms, int) and line.duration_ms >= 0
    assert line.request_id == response["X-Request-ID"] and len(line.request_id) == 32


def test_an_anonymous_request_has_no_user(client, db, records):
    client.get("/login/")

    [line] = request_lines(records)
    assert line.user_id is None and "user=-" in line.getMessage()


def test_the_proxys_request_id_is_kept_only_from_a_trusted_proxy(client, db, records):
    from_proxy = client.get("/login/", HTTP_X_REQUEST_ID="nginx-4f2a9c1d", REMOTE_ADDR="127.0.0.1")
    from_outside = client.get("/login/", HTTP_X_REQUEST_ID="nginx-4f2a9c1d", REMOTE_ADDR="203.0.113.9")

    assert from_proxy["X-Request-ID"] == "nginx-4f2a9c1d"
    assert from_outside["X-Request-ID"] != "nginx-4f2a9c1d"


def test_a_newline_in_the_path_cannot_forge_a_log_line(client, db, records):
    client.get("/login/%0A2026-12-01 GET /admin/ 200")

    [line] = request_lines(records)
    assert "\n" not in line.getMessage()


@pytest.mark.urls(__name__)
def test_a_refusal_is_one_line_and_no_traceback(client_in, console):
    assert client_in.get("/refused/").status_code == 403

    [line] = console.getvalue().splitlines()
    assert " INFO sdf_intranet.request [" in line and "] GET /refused/ 403 " in line


def test_a_wrong_host_is_one_line_and_no_traceback(client, db, console):
    assert client.get("/login/", HTTP_HOST="evil.example").status_code == 400

    lines = console.getvalue().splitlines()
    assert len(lines) == 2 and "Traceback" not in console.getvalue()
    assert "ERROR django.security.DisallowedHost" in lines[0] and "Invalid HTTP_HOST header: 'evil.example'" in lines[0]
    assert "GET /login/ 400 " in lines[1]


@pytest.mark.urls(__name__)
def test_an_error_is_written_with_its_traceback(client_in, console):
    client_in.raise_request_exception = False
    client_in.get("/boom/")

    written = console.getvalue()
    assert "ERROR django.request" in written and "Internal Server Error: /boom/" in written
    assert "Traceback (most recent call last)" in written and "RuntimeError: 집행률을 계산하지 못했습니다" in written


@pytest.mark.urls(__name__)
def test_an_error_is_logged_with_its_traceback_and_mailed_to_admins(client_in, records, settings):
    settings.ADMINS = [("운영 담당", "ops@sdf.seoul.kr")]
    client_in.raise_request_exception = False

    assert client_in.get("/boom/").status_code == 500

    [error] = [r for r in records.records if r.name == "django.request"]
    assert error.levelname == "ERROR" and error.exc_info[0] is RuntimeError
    assert "집행률을 계산하지 못했습니다" in logging.Formatter().formatException(error.exc_info)
    assert request_lines(records)[0].status == 500
    [message] = mail.outbox
    assert message.to == ["ops@sdf.seoul.kr"]
    assert "/boom/" in message.subject and "집행률을 계산하지 못했습니다" in message.body


@pytest.mark.urls(__name__)
def test_a_refusal_is_not_mailed(client_in, settings):
    settings.ADMINS = [("운영 담당", "ops@sdf.seoul.kr")]

    client_in.get("/refused/")

    assert mail.outbox == []


def test_a_json_line_carries_the_request_fields_and_the_traceback():
    try:
        raise RuntimeError("집행률")
    except RuntimeError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
                                   ("/boom/",), sys.exc_info())
    record.request_id, record.status, record.user_id = "abc123", 500, 7

    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "Internal Server Error: /boom/"
    assert (entry["level"], entry["logger"], entry["status"], entry["user_id"]) == ("ERROR", "django.request", 500, 7)
    assert "RuntimeError: 집행률" in entry["exc_info"]


def run_site(code, **env):
    return manage("shell", "-v", "0", "-c", code, **env)


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update({"DJANGO_SETTINGS_MODULE": "sdf_intranet.settings", "DEBUG": "1", **env})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR,
                          env=environment, capture_output=True, text=True, timeout=120)


def test_with_log_format_json_every_line_on_stderr_is_json(tmp_path):
    result = run_site("from django.test import Client; Client().get('/login/', HTTP_HOST='127.0.0.1')",
                      LOG_FORMAT="json", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    [request] = [line for line in lines if line["logger"] == "sdf_intranet.request"]
    assert (request["method"], request["path"], request["status"]) == ("GET", "/login/", 200)
    assert {"time", "level", "message", "duration_ms", "user_id", "request_id"} <= request.keys()


def test_an_unknown_log_format_refuses_to_start():
    result = manage("check", LOG_FORMAT="xml")

    assert result.returncode != 0
    assert "LOG_FORMAT='xml': text 또는 json만 쓸 수 있습니다" in result.stderr


def test_admins_are_read_from_the_environment():
    result = run_site("from django.conf import settings; print(settings.ADMINS)",
                      ADMINS="운영 담당 <ops@sdf.seoul.kr>, it@sdf.seoul.kr")

    assert result.stdout.strip() == "[('운영 담당', 'ops@sdf.seoul.kr'), ('it@sdf.seoul.kr', 'it@sdf.seoul.kr')]"
