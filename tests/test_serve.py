"""The smoke test of `make serve`: the production stack starts on this machine, on the suite's own
database (SQLite in the SQLite run, PostgreSQL in the PostgreSQL run of `make test`), and serves
what an operator checks first: the health probe, a hashed static file, a login and a page; then
Chromium opens the main pages and records no Content-Security-Policy violation and no script
error. Then it stops. The server's database is a copy of the session's (2024 loaded), so `make serve`'s
setup finds nothing to migrate or load and the test takes seconds."""
import http.cookiejar
import json
import os
import re
import signal
import socket
import stat
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from projects.models import ProgramPage
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.databases import copy_of_the_test_database

BASE_DIR = Path(settings.BASE_DIR)
START_SECONDS = 120
BACKGROUND_ROWS = 5
# What the browser opens as the superuser: the report, the desks, the audit page, the admin, and
# the programme editor, whose preview is fetched and shown in a frame.
MAIN_PAGES = ["/", "/report/2024/", "/report/published/", "/staffing/", "/staffing/people/", "/staffing/duties/",
              "/budget/", "/budget/programmes/", "/budget/execution/", "/audit/changes/", "/admin/",
              "/admin/staffing/person/", "/admin/budget/executionrecord/", "/admin/axes/accessattempt/"]
# Every violation of the page's policy, as the browser reports it (an init script runs through
# DevTools, outside the policy it watches).
WATCH_CSP = """document.addEventListener("securitypolicyviolation", (e) => {
  (window.__csp = window.__csp || []).push(`${e.effectiveDirective} ${e.blockedURI || "inline"} ${e.sourceFile}:${e.lineNumber}`);
});"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The module's tests share one server; the mark makes pytest-django set up the test database,
# which server_database copies (never the developer's var/db.sqlite3).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def server_database(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), copy_of_the_test_database(tmp_path_factory.mktemp("serve")) as url:
        yield url


class Server:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def get(self, path, **kwargs):
        return self.request(urllib.request.Request(self.base + path, **kwargs))

    def request(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to check, not to follow


@pytest.fixture(scope="module")
def served(server_database, tmp_path_factory):
    """`make serve` on a free port, the server's database, static files, media and secret key under
    tmp_path; stopped (the whole process group) at the end."""
    port = free_port()
    tmp_path = tmp_path_factory.mktemp("served")
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "sdf_intranet.settings",
        "DATABASE_URL": server_database,
        "PORT": str(port),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SECRET_KEY_FILE": str(tmp_path / "secret_key"),
        "WEB_CONCURRENCY": "2",
        # a file of more rows goes to the task worker: the smoke test's import is a small one
        "DESK_IMPORT_BACKGROUND_ROWS": str(BACKGROUND_ROWS),
        "DESK_IMPORT_UPLOAD_DIR": str(tmp_path / "import-uploads"),
    })
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(["make", "-s", "serve", f"PORT={port}"], cwd=BASE_DIR, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(port)
    server.log = lambda: (tmp_path / "serve.log").read_text(errors="replace")
    server.secret_key_file = tmp_path / "secret_key"
    try:
        deadline = time.monotonic() + START_SECONDS  # until /health/ answers ok
        while True:
            assert process.poll() is None, f"make serve가 멈췄습니다:\n{server.log()}"
            assert time.monotonic() < deadline, f"make serve가 {START_SECONDS}초 안에 /health/ ok로 답하지 않았습니다:\n{server.log()}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except OSError:
                time.sleep(0.3)
                continue
            # Ready as a load balancer sees it: the task worker starts beside gunicorn and may
            # write its first heartbeat a few seconds after gunicorn answers on a loaded machine.
            if server.get("/health/")[0] == 200:
                break
            time.sleep(0.5)
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def log_in(server, username, password):
    status, _, body = server.get("/login/")
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"csrfmiddlewaretoken={token}&username={username}&password={password}".encode()
    return server.request(urllib.request.Request(
        server.base + "/login/", data=form, headers={"Referer": server.base + "/login/"}))


def test_make_serve_answers_health_static_files_a_login_and_a_page(served):
    status, _, body = served.get("/health/")
    assert (status, body) == (200, b"ok\n"), served.log()
    status, _, login_page = served.get("/login/")
    assert status == 200

    # DEBUG is off: an unknown page is the site's own 404, not Django's debug page
    status, _, body = served.get("/no-such-page/")
    assert status == 404
    assert "페이지를 찾을 수 없습니다" in body.decode() and "URLconf" not in body.decode()
    status, headers, body = served.get("/static/no-such-file.css")
    assert status == 404

    # the stylesheet by its hashed name, compressed, cached for good
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', login_page).group(1).decode()
    status, headers, body = served.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert headers.get("Content-Encoding") == "gzip"
    assert "immutable" in headers["Cache-Control"]
    # the admin's own scripts too (the "add another" links)
    status, _, _ = served.get("/static/admin/js/admin/RelatedObjectLookups.js")
    assert status == 200

    status, headers, _ = log_in(served, "teamlead", "demo-teamlead-2024")
    assert status == 302 and headers["Location"] == "/", served.log()
    status, _, home = served.get("/")
    assert status == 200
    assert "고설태".encode() in home or "정원".encode() in home
    status, _, staffing = served.get("/staffing/")
    assert status == 200 and "정원".encode() in staffing

    # one log line per request, from the gunicorn workers
    assert re.search(r"INFO sdf_intranet\.request \[[0-9a-f]{32}\] GET /staffing/ 200 \d+ms user=\d+", served.log())

    # the generated SECRET_KEY, readable by its owner only
    assert stat.S_IMODE(served.secret_key_file.stat().st_mode) == 0o600
    assert len(served.secret_key_file.read_text().strip()) >= 50


def multipart(fields, file_field, file_name, content):
    boundary = "----sdf-smoke-test"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
                 f'Content-Type: text/csv\r\n\r\n'.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_the_task_worker_under_make_serve_previews_a_large_import(served):
    from reports.tests.background_imports import HEADERS, execution_rows

    status, _, body = served.get("/health/")
    assert (status, body) == (200, b"ok\n"), served.log()  # the worker's heartbeat is counted
    status, _, _ = log_in(served, "admin", "demo-admin-2024")
    assert status == 302, served.log()
    status, _, health = served.get("/health/")
    assert re.search(rb"^TaskWorker\(.*OK$", health, re.M), health

    page = "/admin/budget/executionrecord/import/"
    status, _, form = served.get(page)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1).decode()
    rows = execution_rows(BACKGROUND_ROWS + 3)
    csv = "\n".join(",".join(str(cell) for cell in row) for row in [HEADERS, *rows]).encode()
    body, content_type = multipart({"csrfmiddlewaretoken": token, "format": "1", "resource": "0"},
                                   "import_file", "execution.csv", csv)
    started = time.monotonic()
    status, headers, _ = served.request(urllib.request.Request(
        served.base + page, data=body, headers={"Content-Type": content_type, "Referer": served.base + page}))
    answered = time.monotonic() - started
    assert status == 302 and "/import/task/" in headers["Location"], served.log()
    assert answered < 1.0  # the request only queues the preview

    deadline = time.monotonic() + 60
    while True:
        status, _, state = served.get(headers["Location"] + "status/")
        assert status == 200
        state = json.loads(state)
        if state["state"] in {"done", "failed"} or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert state["state"] == "done", (state, served.log())
    status, _, shown = served.get(headers["Location"])
    assert status == 200 and f"새 항목 {len(rows)}건".encode() in shown


def test_make_serve_keeps_its_generated_secret_key_for_the_next_start(tmp_path):
    key_file = tmp_path / "var" / "secret_key"
    first = subprocess.run(["scripts/secret_key.sh", str(key_file)], cwd=BASE_DIR, capture_output=True, text=True)
    key_file.chmod(0o644)  # loosened by hand: put back
    again = subprocess.run(["scripts/secret_key.sh", str(key_file)], cwd=BASE_DIR, capture_output=True, text=True)

    assert first.returncode == again.returncode == 0
    assert "SECRET_KEY를 새로 만들어" in first.stderr and again.stderr == ""
    assert first.stdout == again.stdout and len(first.stdout.strip()) >= 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def problems_in_a_browser(server, paths):
    """CSP violations and script errors while a superuser opens each path, one line each."""
    from playwright.sync_api import sync_playwright  # only this test and the browser tests need it

    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="ko-KR")
        page.add_init_script(WATCH_CSP)
        page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
        page.goto(server.base + "/login/")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", "demo-admin-2024")
        page.click("button[type=submit]")
        page.wait_for_url(server.base + "/")
        for path in paths:
            response = page.goto(server.base + path)
            assert response.status == 200, f"{path}: {response.status}"
            page.wait_for_load_state("networkidle")
            problems += [f"{path}: {line}" for line in page.evaluate("window.__csp || []")]
        browser.close()
    return problems


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian의 chromium(/usr/bin/chromium)이 없어 브라우저 검사를 건너뜁니다 "
                                                 "(make system-packages-test로 설치)")
def test_the_main_pages_under_make_serve_break_no_content_security_policy(served):
    editor = f"/admin/projects/programpage/{ProgramPage.objects.get(unit__number='1-1').pk}/change/"

    assert problems_in_a_browser(served, MAIN_PAGES + [editor]) == []
