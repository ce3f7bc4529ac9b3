"""Benchmark: the main pages under `make serve` (gunicorn, DEBUG off, WhiteNoise, the shared cache)
on PostgreSQL, at 1× and 10× data, with 1 and 10 connections (issue 11, part 9).

    .venv/bin/python bench/web/run.py                     # 1× and 10×, 1 and 10 connections, 20 s each
    .venv/bin/python bench/web/run.py --scales 1 --seconds 5
    .venv/bin/python bench/web/run.py --scales 1 --pages "programme admin" staffing
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/web/run.py

The script creates its own PostgreSQL database (sdf_web_bench, dropped at the end), migrates,
loads 2024 and the demo logins, starts scripts/serve.sh (what `make serve` runs) on a loopback port
and measures, logged in as the demo superuser, each page in turn: a few untimed requests, then
N client threads (the connections) each sending one request after another for --seconds. The client
is bounded (threads, one request in flight each, keep-alive off as gunicorn's sync workers close
connections). For 10× it then adds the synthetic year 2099 (make_synthetic_data --factor 10) and
measures the same pages of that year.

Reported per page and connection count: requests, errors (any status but 200), p50 and p99
(nearest rank) in milliseconds, requests per second. Goals on this 2-core machine: p50 ≤ 50 ms at
1 connection and p99 ≤ 250 ms at 10, for every page; the exit status is 1 if one is missed.
Results also go to var/bench/web-results.json.
"""
import argparse
import http.cookiejar
import json
import math
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "sdf_web_bench"  # this bench's own database (sdf_web_*), dropped at the end
PORT = int(os.environ.get("BENCH_PORT", "8191"))
USER, PASSWORD = "admin", "demo-admin-2024"  # setup_demo's superuser (README)
GOAL_P50_1, GOAL_P99_10 = 50, 250


def database_url():
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{DATABASE}"


def manage(*args, debug=False):
    env = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "1" if debug else "0",
           "SECRET_KEY": "bench-web-not-secret-" + "x" * 40}
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def recreate_database():
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")


def drop_database():
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def largest_page_id(year):
    """The programme page with the most lines of the year: the heaviest admin page to open."""
    import psycopg

    with psycopg.connect(database_url()) as connection:
        row = connection.execute(
            """SELECT p.id FROM projects_programpage p
               JOIN budget_unitprogram u ON u.id = p.unit_id JOIN budget_policyprogram pp ON pp.id = u.policy_id
               JOIN reports_reportedition e ON e.id = pp.edition_id
               WHERE e.year = %s
               ORDER BY (SELECT count(*) FROM projects_achievementitem a WHERE a.page_id = p.id)
                      + (SELECT count(*) FROM projects_scheduleitem s WHERE s.page_id = p.id) DESC, p.id
               LIMIT 1""", (year,)).fetchone()
    return row[0]


def start_server():
    env = {**os.environ, "DATABASE_URL": database_url(), "PORT": str(PORT), "PLAIN_HTTP": "1",
           "SECRET_KEY": "bench-web-not-secret-" + "x" * 40, "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(["scripts/serve.sh"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit("serve.sh did not answer /health/ within 60 s")


def stop_server(server):
    try:
        os.killpg(server.pid, 15)
    except ProcessLookupError:
        return
    server.wait(timeout=30)


def logged_in_opener():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{PORT}"
    form = opener.open(f"{base}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    data = urllib.parse.urlencode({"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(f"{base}/login/", data=data, headers={"Referer": f"{base}/login/"})
    page = opener.open(request)
    if "/login/" in page.geturl():
        raise SystemExit("could not log in as the demo superuser (setup_demo)")
    return jar


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(url, jar, connections, seconds):
    """(latencies in ms, errors) of `connections` threads requesting `url` for `seconds`."""
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                with opener.open(url, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def pages(year):
    return {
        "home": "/",
        "report preview": f"/report/{year}/",
        "staffing": f"/staffing/?year={year}",
        "budget": f"/budget/?year={year}",
        "execution": f"/budget/execution/?year={year}",
        "audit": f"/audit/changes/?year={year}",
        "programme admin": f"/admin/projects/programpage/{largest_page_id(year)}/change/",
    }


def run_scale(scale, year, connection_counts, seconds, only=None):
    server = start_server()
    try:
        jar = logged_in_opener()
        base = f"http://127.0.0.1:{PORT}"
        results = []
        for name, path in pages(year).items():
            if only and name not in only:
                continue
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            for _ in range(3):  # warm: templates, the shared cache, each worker's first request
                opener.open(base + path, timeout=60).read()
            for connections in connection_counts:
                latencies, errors = measure(base + path, jar, connections, seconds)
                result = {
                    "scale": scale, "page": name, "path": path, "connections": connections,
                    "requests": len(latencies), "errors": errors,
                    "p50_ms": round(percentile(latencies, 0.50), 1), "p99_ms": round(percentile(latencies, 0.99), 1),
                    "rps": round(len(latencies) / seconds, 1),
                }
                results.append(result)
                print(f"{scale:>3}×  {name:16} c={connections:<3} n={result['requests']:<5} err={errors:<3} "
                      f"p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms  {result['rps']:6.1f}/s",
                      flush=True)
        return results
    finally:
        stop_server(server)


def verdicts(results):
    missed = []
    for result in results:
        if result["errors"]:
            missed.append(f"{result['scale']}× {result['page']} c={result['connections']}: {result['errors']} errors")
        if result["connections"] == 1 and result["p50_ms"] > GOAL_P50_1:
            missed.append(f"{result['scale']}× {result['page']} p50 {result['p50_ms']} ms > {GOAL_P50_1} ms at 1")
        if result["connections"] >= 10 and result["p99_ms"] > GOAL_P99_10:
            missed.append(f"{result['scale']}× {result['page']} p99 {result['p99_ms']} ms > {GOAL_P99_10} ms at 10")
    return missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10], choices=[1, 10])
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--pages", nargs="+", metavar="PAGE", help='only these pages, by name ("programme admin" …)')
    args = parser.parse_args()

    recreate_database()
    results = []
    try:
        manage("migrate", "--noinput")
        manage("load_report", "2024")
        manage("setup_demo", debug=True)
        if 1 in args.scales:
            results += run_scale(1, 2024, args.connections, args.seconds, args.pages)
        if 10 in args.scales:
            manage("make_synthetic_data", "--factor", "10")
            results += run_scale(10, 2099, args.connections, args.seconds, args.pages)
    finally:
        drop_database()
    out = ROOT / "var" / "bench" / "web-results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    missed = verdicts(results)
    print("\n".join(["", "goals missed:", *missed]) if missed else "\nevery page within the goals")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
