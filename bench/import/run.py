"""Benchmark: import 10,000 집행 실적 rows from an xlsx through budget.resources.ExecutionRecordResource.

Runs on SQLite and on PostgreSQL, each in a fresh database that the script creates and drops:

    .venv/bin/python bench/import/run.py                 # both
    .venv/bin/python bench/import/run.py --only sqlite
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import/run.py --only postgres

Each backend runs in its own process (settings read DATABASE_URL at start-up): migrate, load the
2024 report, write the xlsx, then time reading the file, a dry run (what the admin shows first)
and the real import (what the admin's confirm does), and report the peak memory of the import.
Goal: each import ≤ 10 s with memory bounded (it must not grow with the history of the database).

    .venv/bin/python bench/import/run.py --limits          # files that would exhaust a worker

measures, each in a fresh process, the time and peak memory of reading (or refusing) a 1.6 KB xlsx
that declares A1:XFD20000, and 100,000-row files (CP949 CSV as Korean Excel saves it, and xlsx):
goals ≤ 2 s for the first, ≤ 300 MB peak for every one.

    .venv/bin/python bench/import/run.py --background --rows 20000   # a large file through the admin

posts a 20,000-row xlsx to the admin's import as a logged-in user would, on SQLite (or --only
postgres): the time to the first response of the preview and of the confirm (goal ≤ 1 s: the request
only queues the task, reports/background.py), then how long the worker takes for each and how long
the preview's page takes to render.
"""
import argparse
import datetime
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = 10_000
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "sdf_bench_import"


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def start_django():
    """Django in this benchmark process, with the settings its DATABASE_URL names."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sdf_intranet.settings")
    import django

    django.setup()


def database_with_2024():
    """Migrate the empty database and load 2024; the (name, 누계 원인행위, 누계 지출) of each 세부사업
    not carried over, from which the benchmark's running totals grow."""
    from django.core.management import call_command

    from budget.models import DetailProgram
    from workreport.loading import load_year

    call_command("migrate", verbosity=0)
    load_year(2024)
    return list(DetailProgram.objects.filter(unit__policy__edition__year=2024, carried_over=False)
                .order_by("pk").values_list("name", "executions__committed_amount", "executions__spent_amount"))


def worker(rows):
    """Inside a process whose DATABASE_URL points at an empty database."""
    start_django()
    from budget.models import ExecutionRecord
    from budget.resources import ExecutionRecordResource
    from reports.spreadsheets import XLSX, error_messages

    xlsx = execution_xlsx(rows, database_with_2024())
    before = ExecutionRecord.objects.count()
    rss_before = peak_rss_mb()

    timings = {}
    started = time.perf_counter()
    dataset = XLSX().create_dataset(xlsx)
    timings["read_xlsx_s"] = time.perf_counter() - started

    started = time.perf_counter()
    dry = ExecutionRecordResource().import_data(dataset, dry_run=True)
    timings["dry_run_s"] = time.perf_counter() - started
    assert not dry.has_errors() and not dry.has_validation_errors(), error_messages(dry)[:5]

    started = time.perf_counter()
    result = ExecutionRecordResource().import_data(dataset, dry_run=False)
    timings["import_s"] = time.perf_counter() - started
    assert not result.has_errors() and not result.has_validation_errors(), error_messages(result)[:5]
    assert ExecutionRecord.objects.count() == before + rows

    started = time.perf_counter()
    again = ExecutionRecordResource().import_data(dataset, dry_run=True)
    timings["reimport_dry_run_s"] = time.perf_counter() - started
    assert again.totals["skip"] == rows

    return {
        "rows": rows, "xlsx_kb": round(len(xlsx) / 1024),
        **{k: round(v, 2) for k, v in timings.items()},
        "rss_before_import_mb": round(rss_before), "peak_rss_mb": round(peak_rss_mb()),
    }


def execution_xlsx(rows, details):
    """The benchmark's xlsx of `rows` running totals (누계) that grow day by day from each 세부사업's
    2024-10-18 record, as the model requires (a 누계 below the previous date's is refused)."""
    import tablib

    from reports.spreadsheets import XLSX

    data = tablib.Dataset(headers=["연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액"])
    start = datetime.date(2024, 10, 19)
    for n in range(rows):
        day = start + datetime.timedelta(days=n // len(details))
        name, committed, spent = details[n % len(details)]
        data.append([2024, name, day, committed + n, spent + n])
    return XLSX().export_data(data)


def background_worker(rows):
    """Inside a process whose DATABASE_URL points at an empty database: the admin's requests and
    the task worker, each timed."""
    start_django()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from budget.models import ExecutionRecord

    details = database_with_2024()
    xlsx = execution_xlsx(rows, details)
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bench", "bench@example.org", "x-long-password"))
    before = ExecutionRecord.objects.count()

    def timed(call):
        started = time.perf_counter()
        value = call()
        return value, round(time.perf_counter() - started, 3)

    def run_worker():
        call_command("task_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    assert client.get("/admin/budget/executionrecord/import/").status_code == 200  # the form, as a user opens it
    queued, preview_response_s = timed(lambda: client.post("/admin/budget/executionrecord/import/", {
        "import_file": SimpleUploadedFile("집행.xlsx", xlsx), "format": "0", "resource": "0"}))
    assert queued.status_code == 302, queued.status_code
    _, preview_task_s = timed(run_worker)
    page, preview_page_s = timed(lambda: client.get(queued["Location"]))
    confirm = dict(re.findall(r'<input type="hidden" name="(import_file_name|original_file_name|format|resource)" '
                              r'value="([^"]*)"', page.text))
    queued, confirm_response_s = timed(lambda: client.post("/admin/budget/executionrecord/process_import/", confirm))
    assert queued.status_code == 302, queued.status_code
    _, confirm_task_s = timed(run_worker)
    done = client.get(queued["Location"])
    assert "가져왔습니다" in done.text and ExecutionRecord.objects.count() == before + rows
    return {"rows": rows, "xlsx_kb": round(len(xlsx) / 1024), "preview_first_response_s": preview_response_s,
            "preview_task_s": preview_task_s, "preview_page_s": preview_page_s,
            "confirm_first_response_s": confirm_response_s, "confirm_task_s": confirm_task_s}


LIMIT_CASES = ("bomb", "csv_100k", "xlsx_100k")


def limits_worker(case):
    """Read one hostile or oversized file as the admin's upload does; (seconds, outcome)."""
    start_django()
    import openpyxl

    from reports.spreadsheets import CSV, XLSX, FileRefused
    from tests.helpers import xlsx_declaring

    header = ["연도", "세부사업", "기준일", "원인행위 누계액", "지출 누계액"]
    if case == "bomb":
        data, file_format = xlsx_declaring("A1:XFD20000", dict(zip(("A1", "B1", "C1"), header))), XLSX()
    elif case == "csv_100k":
        lines = [",".join(header)] + [f"2024,AI 모델 연구개발,2024-11-{1 + n % 28:02d},{400000 + n},{200000 + n}"
                                      for n in range(100_000)]
        data, file_format = ("\r\n".join(lines) + "\r\n").encode("cp949"), CSV()
    else:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(header)
        for n in range(100_000):
            sheet.append([2024, "AI 모델 연구개발", datetime.date(2024, 11, 1 + n % 28), 400000 + n, 200000 + n])
        buffer = io.BytesIO()
        book.save(buffer)
        data, file_format = buffer.getvalue(), XLSX()
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    try:
        dataset = file_format.create_dataset(data)
        outcome = f"read: {len(dataset)} rows"
    except FileRefused as refused:
        outcome = f"refused: {refused}"
    return {"case": case, "file_kb": round(len(data) / 1024, 1), "seconds": round(time.perf_counter() - started, 3),
            "outcome": outcome, "rss_before_mb": round(rss_before), "peak_rss_mb": round(peak_rss_mb())}


def run_limits():
    for case in LIMIT_CASES:
        env = {**os.environ, "DEBUG": "1"}
        output = subprocess.run([sys.executable, __file__, "--limits-worker", case], env=env, cwd=ROOT,
                                capture_output=True, text=True, check=False)
        if output.returncode != 0:
            raise SystemExit(f"{case} failed:\n{output.stderr[-3000:]}")
        result = json.loads(output.stdout.strip().splitlines()[-1])
        ok = result["peak_rss_mb"] <= 300 and (case != "bomb" or result["seconds"] <= 2)
        print(f"{case:10} {json.dumps(result, ensure_ascii=False)}  {'OK' if ok else 'OVER THE GOAL'}")


def run_backend(name, database_url, rows, mode="--worker"):
    uploads = tempfile.mkdtemp(prefix="bench-import-uploads-")
    # the test client's host name; no test environment, whose template instrumentation costs seconds
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1", "DESK_IMPORT_UPLOAD_DIR": uploads,
           "ALLOWED_HOSTS": "testserver,127.0.0.1"}
    output = subprocess.run(
        [sys.executable, __file__, mode, "--rows", str(rows)], env=env, cwd=ROOT,
        capture_output=True, text=True, check=False,
    )
    if output.returncode != 0:
        raise SystemExit(f"{name} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def sqlite(rows, mode="--worker"):
    with tempfile.TemporaryDirectory() as folder:
        return run_backend("sqlite", f"sqlite:///{folder}/bench.sqlite3", rows, mode)


def postgres(rows, mode="--worker"):
    import psycopg

    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    try:
        return run_backend("postgres", f"{base}/{PG_DATABASE}", rows, mode)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--limits", action="store_true", help="files that would exhaust a worker")
    parser.add_argument("--background", action="store_true", help="a large file through the admin and the task worker")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--background-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--limits-worker", choices=LIMIT_CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.rows)))
        return
    if args.background_worker:
        print(json.dumps(background_worker(args.rows)))
        return
    if args.limits_worker:
        print(json.dumps(limits_worker(args.limits_worker)))
        return
    if args.limits:
        run_limits()
        return
    backends = {"sqlite": sqlite, "postgres": postgres}
    if args.background:
        for name in ([args.only] if args.only else backends):
            result = backends[name](args.rows, "--background-worker")
            fast = max(result["preview_first_response_s"], result["confirm_first_response_s"]) <= 1
            print(f"{name:9} {json.dumps(result, ensure_ascii=False)}  {'OK' if fast else 'SLOWER THAN 1 s'}")
        return
    for name in ([args.only] if args.only else backends):
        result = backends[name](args.rows)
        verdict = "OK" if result["import_s"] <= 10 and result["dry_run_s"] <= 10 else "SLOWER THAN 10 s"
        print(f"{name:9} {json.dumps(result, ensure_ascii=False)}  {verdict}")


if __name__ == "__main__":
    main()
