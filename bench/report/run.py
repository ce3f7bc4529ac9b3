"""Benchmark of the printed 주요 업무보고: building the whole PDF against WeasyPrint's floor.

    .venv/bin/python bench/report/run.py              # 2024, then 10× synthetic data
    .venv/bin/python bench/report/run.py --repeat 3 --keep-db

It sets up its own SQLite database under var/bench/ (DATABASE_URL), migrates, loads 2024
and makes a synthetic year with --factor times the data (make_synthetic_data). For each
year it measures, in a fresh process each:

- full:  workreport.rendering.build_report_pdf(edition), i.e. queries + figures + charts +
         templates + WeasyPrint, what a user waits for on a draft download; charts are
         kept in the shared cache by their figures, so it is also measured with that cache emptied first
         ("redrawn": a re-render after an edit that changed a charted figure);
- floor: workreport.rendering.html_to_pdf(html) on the same HTML produced beforehand, i.e.
         WeasyPrint alone, which no report code can go below.

Timing runs alternate full and floor after one warm-up build (fonts, templates, imports),
and the ratio is median(full) / median(floor); the goal is ≤ 1.10. Wall-clock and
process CPU time are both reported: on a shared machine the CPU ratio is the steadier one. Peak memory is the
maximum resident set size (getrusage) of a separate process that builds the PDF once.
"""
import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "report.sqlite3"
SOURCE_YEAR = 2024
SYNTHETIC_YEAR = 2099
RATIO_GOAL = 1.10


def bench_env() -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"sqlite:///{DB_PATH}",
        "DJANGO_SETTINGS_MODULE": "sdf_intranet.settings",
        "MEDIA_ROOT": str(BENCH_DIR / "media"),
        "PYTHONPATH": str(ROOT),
        "DEBUG": "1",
    })
    return env


def manage(*args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args, "--skip-checks"],
                   cwd=ROOT, env=bench_env(), check=True, stdout=subprocess.DEVNULL)


def set_up_database(factor: int, keep: bool):
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if keep and DB_PATH.exists():
        return
    DB_PATH.unlink(missing_ok=True)
    print(f"데이터베이스 준비: {DB_PATH.relative_to(ROOT)} (migrate, load_report {SOURCE_YEAR}, "
          f"make_synthetic_data ×{factor})", flush=True)
    manage("migrate", "--noinput")
    manage("load_report", str(SOURCE_YEAR))
    manage("make_synthetic_data", "--source", str(SOURCE_YEAR), "--year", str(SYNTHETIC_YEAR),
           "--factor", str(factor))


def run_child(*args) -> dict:
    result = subprocess.run([sys.executable, __file__, *args], cwd=ROOT, env=bench_env(),
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(args)}: 종료 코드 {result.returncode}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- inside a measuring process ---------------------------------------------------------------

def django_edition(year: int):
    import django

    django.setup()
    from reports.models import ReportEdition

    return ReportEdition.objects.get(year=year)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def forget_charts():
    """Drop the drawn charts (kept in the shared cache by their figures): the cost after an edit
    that changed a charted figure."""
    from django.core.cache import cache

    cache.clear()


def measure_time(year: int, repeat: int) -> dict:
    import io

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from pypdf import PdfReader

    edition = django_edition(year)
    from workreport import rendering

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        html = rendering.render_report_html(edition)
        html_seconds = time.perf_counter() - started
    pdf = rendering.build_report_pdf(edition)  # warm-up: fonts, templates, matplotlib
    runs = {"full": ([], []), "redrawn": ([], []), "floor": ([], [])}
    jobs = {
        "full": lambda: rendering.build_report_pdf(edition),
        "redrawn": lambda: (forget_charts(), rendering.build_report_pdf(edition)),
        "floor": lambda: rendering.html_to_pdf(html),
    }
    order = list(jobs)
    for turn in range(repeat):
        # Rotate the order so no kind always runs after another's garbage; collect before each.
        for kind in order[turn % 3:] + order[:turn % 3]:
            gc.collect()
            started, started_cpu = time.perf_counter(), time.process_time()
            jobs[kind]()
            runs[kind][0].append(time.perf_counter() - started)
            runs[kind][1].append(time.process_time() - started_cpu)
    (full, full_cpu), (redrawn, redrawn_cpu), (floor, floor_cpu) = runs["full"], runs["redrawn"], runs["floor"]
    return {
        "year": year, "full": full, "floor": floor, "full_cpu": full_cpu, "floor_cpu": floor_cpu,
        "redrawn": redrawn, "redrawn_cpu": redrawn_cpu,
        "html_seconds_cold": html_seconds,
        "queries": len(captured.captured_queries), "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "pdf_bytes": len(pdf), "html_bytes": len(html.encode()),
    }


def measure_memory(year: int, mode: str) -> dict:
    edition = django_edition(year)
    import weasyprint  # noqa: F401  (imports count in the baseline, not in the build)

    from reports import charts  # noqa: F401
    from workreport import rendering

    html = rendering.render_report_html(edition) if mode == "floor" else None
    baseline = current_rss_mb()
    if mode == "floor":
        rendering.html_to_pdf(html)
    else:
        rendering.build_report_pdf(edition)
    return {"year": year, "mode": mode, "baseline_mb": baseline, "peak_mb": peak_rss_mb()}


def build_in_child(year: int, output: str, extra: list[str]) -> dict:
    """`manage.py build_report` exactly as a user runs it, in this process; then what it typeset
    (workreport.sections.render_jobs, counted) and the peak RSS of this process and of its largest child."""
    sys.argv = ["manage.py", "build_report", str(year), "-o", output, *extra]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sdf_intranet.settings")
    import django

    django.setup()
    from workreport import sections

    typeset, real = [], sections.render_jobs
    sections.render_jobs = lambda jobs: (typeset.append(sorted(f"{j.kind} {j.key}" for j in jobs)) if jobs else None) or real(jobs)
    from workreport import rendering

    inside = []

    def timed(make):  # the PDF's own time, without the command's start
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return make(*args, **kwargs)
            finally:
                inside.append(time.perf_counter() - started)
        return wrapper

    sections.sectioned_draft = timed(sections.sectioned_draft)
    rendering.build_report_pdf = timed(rendering.build_report_pdf)  # before the command module imports it
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
    return {"typeset": typeset, "inside_s": sum(inside), "peak_parent_mb": peak_rss_mb(),
            "peak_child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def change_in_child(year: int, what: str) -> dict:
    """Clear the shared cache, or save one programme page's 추진실적 as a team lead would
    ("edit": a few words, the page count stays; "longer": a paragraph, its section gains a page)."""
    edition = django_edition(year)
    if what == "clear":
        from django.core.cache import cache

        cache.clear()
        return {}
    from projects.models import AchievementItem

    item = AchievementItem.objects.filter(page__unit__policy__edition=edition).exclude(marker="table").first()
    item.text += " (벤치마크 수정)" if what == "edit" else " 쪽수가 늘도록 덧붙인 벤치마크 문장입니다." * 40
    item.save()
    return {"unit": item.page.unit.number}


def measure_sections(year: int, database: Path) -> dict:
    """The `build_report` command as a user runs it, each in a fresh process: one pass (--no-cache)
    and cold (sections), each from an empty shared cache; unchanged, after a one-programme edit, after an edit that adds a
    page. Wall time and CPU (the process and its children, from wait4), peak RSS of the command's
    process and of its largest child, and what was typeset."""
    # pypdf counts the pages here, in the bench's own process: not in the measured child, which
    # would import it (0.1-0.2 s) before a command that never does
    from pypdf import PdfReader

    env = {**bench_env(), "DATABASE_URL": f"sqlite:///{database}"}
    output = str(BENCH_DIR / f"sections-{year}.pdf")

    def child(*args):
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, __file__, "--child", *args], cwd=ROOT, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        stdout, stderr = process.communicate()
        wall = time.perf_counter() - started
        if process.returncode:
            sys.exit(f"{' '.join(args)}: 종료 코드 {process.returncode}\n{stderr[-3000:]}")
        return wall, json.loads(stdout.strip().splitlines()[-1])

    def build(kind, options="-"):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, result = child("build", str(year), output, options)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        result.update(wall_s=wall, cpu_s=(after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime))
        runs[kind] = result

    runs = {}
    # both from an empty shared cache: the charts and the font metrics, which either path keeps
    # there, are drawn and read again by each
    child("change", str(year), "clear")
    build("one_pass", "no-cache")  # the option without its dashes: argparse of --child
    child("change", str(year), "clear")
    build("cold")
    build("unchanged")
    runs["edited_unit"] = child("change", str(year), "edit")[1]["unit"]
    build("one_edit")
    child("change", str(year), "longer")
    build("page_added")
    return {"year": year, **runs, "pages": len(PdfReader(output).pages)}


def sections_markdown(results: list[dict], factor: int) -> str:
    lines = ["| 데이터 | 한 번에 `--no-cache` (경과 / CPU) | 캐시 없음 (경과 / CPU · 비율) | 바뀐 것 없음 (경과 · 비율) "
             "| 쪽 하나 고친 뒤 (경과 / CPU · 비율) | 쪽이 늘어난 수정 뒤 (경과 · 비율) | 명령 시작을 뺀 비율: 캐시 없음 / 쪽 하나 "
             "| 최대 메모리: 한 번에 / 구역 부모 / 가장 큰 자식 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        label = f"2024 (1×, {r['pages']}쪽)" if r["year"] == SOURCE_YEAR else f"합성 {r['year']} ({factor}×, {r['pages']}쪽)"
        one = r["one_pass"]

        def ratio(kind):
            return r[kind]["wall_s"] / one["wall_s"]

        parents = max(r[kind]["peak_parent_mb"] for kind in ("cold", "one_edit", "page_added"))
        children = max(r[kind]["peak_child_mb"] for kind in ("cold", "one_edit", "page_added"))
        lines.append(
            f"| {label} | {one['wall_s']:.2f}초 / {one['cpu_s']:.2f}초 "
            f"| {r['cold']['wall_s']:.2f}초 / {r['cold']['cpu_s']:.2f}초 · {ratio('cold'):.2f} "
            f"| {r['unchanged']['wall_s']:.2f}초 · {ratio('unchanged'):.2f} "
            f"| {r['one_edit']['wall_s']:.2f}초 / {r['one_edit']['cpu_s']:.2f}초 · {ratio('one_edit'):.2f} "
            f"| {r['page_added']['wall_s']:.2f}초 · {ratio('page_added'):.2f} "
            f"| {r['cold']['inside_s'] / one['inside_s']:.2f} / {r['one_edit']['inside_s'] / one['inside_s']:.2f} "
            f"| {one['peak_parent_mb']:.0f} MB / {parents:.0f} MB / {children:.0f} MB |")
    return "\n".join(lines)


# --- the report -----------------------------------------------------------------------------

def summarise(timing: dict, memory_full: dict, memory_floor: dict) -> dict:
    full, floor = statistics.median(timing["full"]), statistics.median(timing["floor"])
    full_cpu, floor_cpu = statistics.median(timing["full_cpu"]), statistics.median(timing["floor_cpu"])
    return {
        **{k: timing[k] for k in ("year", "queries", "pages", "pdf_bytes", "html_bytes")},
        "full_median_s": full, "floor_median_s": floor, "ratio": full / floor,
        "full_cpu_median_s": full_cpu, "floor_cpu_median_s": floor_cpu, "cpu_ratio": full_cpu / floor_cpu,
        "redrawn_median_s": statistics.median(timing["redrawn"]),
        "redrawn_cpu_median_s": statistics.median(timing["redrawn_cpu"]),
        "redrawn_cpu_ratio": statistics.median(timing["redrawn_cpu"]) / floor_cpu,
        "full_runs_s": timing["full"], "floor_runs_s": timing["floor"], "redrawn_runs_s": timing["redrawn"],
        "full_cpu_runs_s": timing["full_cpu"], "floor_cpu_runs_s": timing["floor_cpu"],
        "load_average": os.getloadavg(),
        "peak_full_mb": memory_full["peak_mb"], "peak_floor_mb": memory_floor["peak_mb"],
        "baseline_mb": memory_full["baseline_mb"],
    }


def markdown(results: list[dict], factor: int) -> str:
    lines = [
        "| 데이터 | 쪽수 | 쿼리 | 전체 PDF (중앙값, 경과 / CPU) | WeasyPrint 하한 (경과 / CPU) "
        "| 비율 경과 / CPU (목표 ≤ 1.10) | 차트를 새로 그릴 때 CPU·비율 | 최대 메모리 전체 / 하한 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        label = "2024 (1×)" if r["year"] == SOURCE_YEAR else f"합성 {r['year']} ({factor}×)"
        lines.append(
            f"| {label} | {r['pages']} | {r['queries']} | {r['full_median_s']:.2f}초 / {r['full_cpu_median_s']:.2f}초 "
            f"| {r['floor_median_s']:.2f}초 / {r['floor_cpu_median_s']:.2f}초 "
            f"| {r['ratio']:.3f} / {r['cpu_ratio']:.3f} "
            f"| {r['redrawn_cpu_median_s']:.2f}초 · {r['redrawn_cpu_ratio']:.3f} "
            f"| {r['peak_full_mb']:.0f} MB / {r['peak_floor_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each kind at 1× (default 5)")
    parser.add_argument("--repeat-large", type=int, default=3, help="timed runs of each kind at N× (default 3)")
    parser.add_argument("--factor", type=int, default=10, help="size of the synthetic year (default 10)")
    parser.add_argument("--keep-db", action="store_true", help="reuse var/bench/report.sqlite3 if it exists")
    parser.add_argument("--only-source", action="store_true", help="measure 2024 only")
    parser.add_argument("--sections", action="store_true",
                        help="the draft in sections (cold, unchanged, one page edited) against one pass")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, year, extra = args.child[0], int(args.child[1]), args.child[2]
        if kind == "build":
            result = build_in_child(year, extra, [f"--{option}" for option in args.child[3:] if option != "-"])
        elif kind == "change":
            result = change_in_child(year, extra)
        else:
            result = measure_time(year, int(extra)) if kind == "time" else measure_memory(year, extra)
        print(json.dumps(result))
        return

    set_up_database(args.factor, args.keep_db)
    if args.sections:
        results = []
        copy = BENCH_DIR / "sections.sqlite3"  # the edits go to a copy: the database stays as set up
        for year in [SOURCE_YEAR] + ([] if args.only_source else [SYNTHETIC_YEAR]):
            shutil.copyfile(DB_PATH, copy)
            print(f"{year}: 구역 측정 (build_report 명령) …", flush=True)
            results.append(measure_sections(year, copy))
        copy.unlink()
        out = BENCH_DIR / "report-sections-results.json"
        out.write_text(json.dumps({"cpus": os.cpu_count(), "factor": args.factor, "results": results,
                                   "load_average": os.getloadavg()}, ensure_ascii=False, indent=2))
        print()
        print(sections_markdown(results, args.factor))
        print(f"\n자세한 결과: {out.relative_to(ROOT)}, 부하 평균: {os.getloadavg()}")
        return
    plan = [(SOURCE_YEAR, args.repeat)] + ([] if args.only_source else [(SYNTHETIC_YEAR, args.repeat_large)])
    results = []
    for year, repeat in plan:
        print(f"{year}: 시간 측정 {repeat}회씩 …", flush=True)
        timing = run_child("--child", "time", str(year), str(repeat))
        print(f"{year}: 메모리 측정 …", flush=True)
        memory_full = run_child("--child", "memory", str(year), "full")
        memory_floor = run_child("--child", "memory", str(year), "floor")
        results.append(summarise(timing, memory_full, memory_floor))
    out = BENCH_DIR / "report-results.json"
    out.write_text(json.dumps({"cpus": os.cpu_count(), "factor": args.factor, "results": results},
                              ensure_ascii=False, indent=2))
    print()
    print(markdown(results, args.factor))
    print(f"\n자세한 결과: {out.relative_to(ROOT)}")
    print(f"부하 평균(1/5/15분): {os.getloadavg()}, CPU {os.cpu_count()}개")
    if any(r["ratio"] > RATIO_GOAL for r in results):
        print(f"비율이 목표({RATIO_GOAL})를 넘었습니다: 차이(전체 − 하한)는 쿼리, 계산, 차트, 템플릿입니다.")


if __name__ == "__main__":
    main()
