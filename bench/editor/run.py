"""Benchmark of the programme page editor: the preview while a team lead types, and the save.

    .venv/bin/python bench/editor/run.py              # new DB: migrate, load_report 2024, setup_demo
    .venv/bin/python bench/editor/run.py --keep-db    # reuse var/bench/editor.sqlite3
    .venv/bin/python bench/editor/run.py --repeat 100 --warm-up 10
    .venv/bin/python bench/editor/run.py --keep-db --page 2-1           # another page
    .venv/bin/python bench/editor/run.py --keep-db --profile save_insert   # needs pyinstrument

It sets up its own SQLite database var/bench/editor.sqlite3 (DATABASE_URL), migrates, loads 2024
and makes the demo logins (setup_demo). The page measured is the largest 2024 programme page, by
its stored lines across 사업내용 세부 항목, 추진실적 and 향후일정; it is edited as a team lead of its
own team (the demo login whose team owns it), or as the superuser when no demo team lead owns it.

Every request goes through Django's test Client, so the whole stack runs: middleware, session,
authentication, the admin's permission checks, the view, templates and the database. The client
does not check CSRF tokens (as in the tests); nothing else is left out. The form's data is read
from the change form's HTML as a browser would send it (projects.forms, the inline contacts and
seen_version), so each save is a fresh form of the page as it is then. Measured, each kind in a
fresh process:

- preview: POST /admin/projects/programpage/<id>/preview/ with the page's texts and one line typed
  in the middle of 추진실적 (what the editor sends after a pause in typing), answered with JSON;
- save (insert): POST to the change URL with one line inserted in the middle of 추진실적, like the
  Enter at the end of a line the issue describes: projects.sections writes the one new row and
  its history, projects.concurrency claims the version, the admin logs the change; answered with
  the redirect back to the page. The line is deleted again (untimed) before the next save, so
  every save edits the same page;
- save (unchanged): POST of the form as it was opened: the page's version, its history record
  and the admin log only;
- open (for reference, no goal): the GET of the change form before each save, which is also what
  the browser loads after a save's redirect.

Each kind: some untimed warm-up requests, then --repeat timed requests, each after gc.collect().
Wall-clock (perf_counter) and process CPU time (process_time) are reported as median, p95
(nearest rank) and max in milliseconds, with the queries of one (untimed) request of each kind.
Goals: preview p95 ≤ 150 ms, save p95 ≤ 300 ms (wall-clock); the exit status is 1 if one is missed.
"""
import argparse
import gc
import json
import math
import os
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "editor.sqlite3"
RESULTS_PATH = BENCH_DIR / "editor-results.json"
YEAR = 2024
GOALS_MS = {"preview": 150, "save_insert": 300, "save_unchanged": 300}
KINDS = ("preview", "save_insert", "save_unchanged")
LABELS = {"preview": "미리보기", "save_insert": "저장 (줄 하나 끼워 넣기)", "save_unchanged": "저장 (바뀐 것 없음)",
          "open": "편집 화면 열기 (참고, 목표 없음)"}
TYPED_LINE = "새로 적은 실적: 자치구 담당자 대상 활용 교육"


def bench_env() -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"sqlite:///{DB_PATH}",
        "DJANGO_SETTINGS_MODULE": "sdf_intranet.settings",
        "MEDIA_ROOT": str(BENCH_DIR / "media"),
        "PYTHONPATH": str(ROOT),
        "DEBUG": "1",
        # The test Client's host; outside the test runner nothing adds it to ALLOWED_HOSTS.
        "ALLOWED_HOSTS": "testserver",
    })
    return env


def manage(*args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args, "--skip-checks"],
                   cwd=ROOT, env=bench_env(), check=True, stdout=subprocess.DEVNULL)


def set_up_database(keep: bool):
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if keep and DB_PATH.exists():
        return
    DB_PATH.unlink(missing_ok=True)
    print(f"데이터베이스 준비: {DB_PATH.relative_to(ROOT)} (migrate, load_report {YEAR}, setup_demo)", flush=True)
    manage("migrate", "--noinput")
    manage("load_report", str(YEAR))
    manage("setup_demo")


def run_child(*args) -> dict:
    result = subprocess.run([sys.executable, __file__, *args], cwd=ROOT, env=bench_env(),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"측정 프로세스 실패 ({' '.join(args)}):\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- the form as a browser sends it ---------------------------------------------------------

class FormFields(HTMLParser):
    """The successful controls of one <form id=…> as a browser submits them: inputs (checkboxes and
    radios only when checked, no buttons or files), the selected options of each select, and
    textareas (whose first newline the HTML parser of a browser drops)."""

    SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self.select = None  # [name, multiple, [options], [selected]]
        self.option = None
        self.textarea = None  # [name, [chunks]]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in self.SKIPPED_INPUTS or (kind in ("checkbox", "radio") and "checked" not in attrs):
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self.select = [name, "multiple" in attrs, [], []]
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), [], "selected" in attrs]
        elif tag == "textarea" and name:
            self.textarea = [name, []]

    def handle_data(self, data):
        if self.option is not None:
            self.option[1].append(data)
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "option" and self.option is not None:
            value, text, selected = self.option
            value = "".join(text).strip() if value is None else value
            self.select[2].append(value)
            if selected:
                self.select[3].append(value)
            self.option = None
        elif tag == "select" and self.select is not None:
            name, multiple, options, selected = self.select
            if not selected and not multiple and options:
                selected = options[:1]
            self.fields.extend((name, value) for value in selected)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, chunks = self.textarea
            text = "".join(chunks)
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def form_data(html: str, form_id: str) -> dict:
    parser = FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def with_line_in_the_middle(text: str, typed: str) -> str:
    """The text with `typed` on a new line after the middle line of the section (or the nearest
    bullet line below or above it), at that line's level: the cursor at the end of a line, Enter,
    and the line typed, as the editor continues the level on Enter."""
    lines = text.split("\n")
    middle = len(lines) // 2
    for position in sorted(range(len(lines)), key=lambda p: (abs(p - middle), p < middle)):
        line = lines[position]
        body = line.lstrip(" ")
        if "\t" in line or not body or body[0] not in "○-·":
            continue
        if position + 1 < len(lines) and "\t" in lines[position + 1]:
            continue  # a table follows: an unindented table hangs from the line above it
        prefix = line[: len(line) - len(body)] + body[0] + " "
        return "\n".join(lines[: position + 1] + [prefix + typed] + lines[position + 1:])
    raise ValueError("추진실적에 끼워 넣을 줄을 찾지 못했습니다.")


# --- inside a measuring process ---------------------------------------------------------------

def django_setup():
    import django

    django.setup()


def chosen_page(number: str | None):
    """The 2024 page numbered `number`, or the largest: the most stored lines in its three sections
    (a small table is one line), then the most characters; with the size of every page."""
    from projects.models import ProgramPage
    from projects.outline import SECTIONS, section_text, stored_lines

    sizes = {}
    pages = ProgramPage.objects.filter(unit__policy__edition__year=YEAR).select_related("unit__policy__edition")
    for page in pages:
        sizes[page.unit.number] = {
            "page": page,
            "lines": sum(len(stored_lines(page, section)) for section in SECTIONS),
            "text_lines": sum(len(section_text(page, section).split("\n")) for section in SECTIONS),
            "characters": sum(len(section_text(page, section)) for section in SECTIONS),
        }
    number = number or max(sizes, key=lambda n: (sizes[n]["lines"], sizes[n]["characters"]))
    return sizes[number]["page"], {n: {k: v for k, v in s.items() if k != "page"} for n, s in sizes.items()}


def editor_of(page):
    """A demo team lead whose team owns the page, else the demo superuser."""
    from django.contrib.auth import get_user_model

    from accounts.roles import can_edit_programme
    from workreport.management.commands.setup_demo import DEMO_USERS

    users = get_user_model().objects.filter(username__in=[spec.username for spec in DEMO_USERS])
    by_name = {user.username: user for user in users}
    for spec in DEMO_USERS:
        user = by_name.get(spec.username)
        if user and "팀장" in spec.groups and can_edit_programme(user, page.unit):
            return user
    return by_name["admin"]


class Editor:
    """A logged-in browser on the page's change form."""

    def __init__(self, page, user):
        from django.test import Client
        from django.urls import reverse

        self.page = page
        self.client = Client()
        self.client.force_login(user)
        self.change_url = reverse("admin:projects_programpage_change", args=[page.pk])
        self.preview_url = reverse("admin:projects_programpage_preview", args=[page.pk])

    def open_form(self) -> dict:
        response = self.client.get(self.change_url)
        assert response.status_code == 200, response.status_code
        data = form_data(response.content.decode(), "programpage_form")
        assert "seen_version" in data and "achievements_text" in data, sorted(data)
        return data

    def preview(self, data):
        response = self.client.post(self.preview_url, data)
        assert response.status_code == 200, response.status_code
        return response

    def save(self, data):
        response = self.client.post(self.change_url, {**data, "_save": "저장"})
        # A refused form (stale version, unreadable text) answers 200 with the form again.
        assert response.status_code == 302 and response["Location"] == self.change_url, (
            response.status_code, response.content.decode()[:2000])
        return response


def stopwatch(call, collect=True) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of call(), after a gc.collect()."""
    if collect:
        gc.collect()
    started, started_cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000


timed = stopwatch  # the measured request's; --profile wraps it


def counted(call) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return [query["sql"] for query in captured.captured_queries]


def measure(kind: str, repeat: int, warm_up: int, number: str | None = None) -> dict:
    django_setup()
    from projects.models import AchievementItem, ProgramPage

    page, sizes = chosen_page(number)
    user = editor_of(page)
    editor = Editor(page, user)
    runs = {"wall_ms": [], "cpu_ms": [], "open_wall_ms": [], "open_cpu_ms": [], "warm_up_wall_ms": []}
    version_before = ProgramPage.objects.get(pk=page.pk).version
    history_before = AchievementItem.history.filter(page_id=page.pk).count()
    opened = editor.open_form()
    open_queries = counted(editor.open_form)

    def prepare(n, record):
        """The POST data of request n: for a save a fresh form (its GET, what follows each save's
        redirect, is timed apart as 'open'), for the preview the opened form with the typed line."""
        data = opened
        if kind != "preview":
            holder = {}
            wall, cpu = stopwatch(lambda: holder.update(data=editor.open_form()))
            data = holder["data"]
            if record:
                runs["open_wall_ms"].append(wall)
                runs["open_cpu_ms"].append(cpu)
        if kind != "save_unchanged":
            typed = with_line_in_the_middle(data["achievements_text"], f"{TYPED_LINE} {n}")
            data = {**data, "achievements_text": typed}
        return data

    def history_count():
        return AchievementItem.history.filter(page_id=page.pk).count()

    def check(n, response, history_before_request):
        typed = AchievementItem.objects.filter(page_id=page.pk, text=f"{TYPED_LINE} {n}")
        written = history_count() - history_before_request
        if kind == "preview":
            result = json.loads(response.content)
            assert not any(result["errors"].values()), result["errors"]
            assert f"{TYPED_LINE} {n}" in result["html"]
            assert not typed.exists() and written == 0
        elif kind == "save_insert":
            assert typed.count() == 1 and written == 1, (typed.count(), written)  # one row, one record
            typed.delete()  # untimed: the next save edits the same page again
        else:
            assert written == 0

    def send(n, wrap, record=False):
        data = prepare(n, record)
        post = editor.preview if kind == "preview" else editor.save
        holder, history_before_request = {}, history_count()
        measured = wrap(lambda: holder.update(response=post(data)))
        check(n, holder["response"], history_before_request)
        return measured

    for n in range(warm_up):  # the first after only the form's GET: this view's code and templates are cold
        runs["warm_up_wall_ms"].append(send(-1 - n, timed)[0])
    queries = send(0, counted)
    for n in range(1, repeat + 1):
        wall, cpu = send(n, timed, record=True)
        runs["wall_ms"].append(wall)
        runs["cpu_ms"].append(cpu)

    page.refresh_from_db()
    return {
        "kind": kind, "page": page.unit.number, "page_title": page.unit.name, "sizes": sizes,
        "user": user.username, "superuser": user.is_superuser, **runs,
        "queries": len(queries), "query_sql": queries, "open_queries": len(open_queries),
        # What the requests left: for save_insert two 추진실적 history records a save (the line's
        # creation, and its untimed deletion); the page's version goes up once a save
        # (claim_version), and once more for each line written or deleted (line_changed).
        "achievement_history_records": history_count() - history_before,
        "versions": page.version - version_before,
    }


def profile(kind: str, repeat: int, warm_up: int, number: str | None):
    """--profile KIND: the timed requests under pyinstrument (for finding where the time goes; the
    milliseconds printed with it are slowed by the profiler)."""
    from pyinstrument import Profiler

    global timed
    profiler = Profiler(interval=0.0005)

    def profiled(call):
        gc.collect()
        profiler.start()
        try:
            return stopwatch(call, collect=False)
        finally:
            profiler.stop()

    measure(kind, 0, warm_up, number)  # warm, unprofiled
    timed = profiled
    measure(kind, repeat, 0, number)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


# --- the report -----------------------------------------------------------------------------

def nearest_rank(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def stats(values) -> dict:
    return {"median": statistics.median(values), "p95": nearest_rank(values, 0.95), "max": max(values)}


def summarise(result: dict) -> dict:
    kind = result["kind"]
    wall, cpu = stats(result["wall_ms"]), stats(result["cpu_ms"])
    return {
        "kind": kind, "goal_p95_ms": GOALS_MS[kind], "met": wall["p95"] <= GOALS_MS[kind],
        "wall_ms": wall, "cpu_ms": cpu, "queries": result["queries"], "runs": len(result["wall_ms"]),
        "achievement_history_records": result["achievement_history_records"], "versions": result["versions"],
    }


def row(label, wall, cpu, queries="", goal="") -> str:
    return (f"| {label} | {wall['median']:.1f} / {cpu['median']:.1f} | {wall['p95']:.1f} / {cpu['p95']:.1f} "
            f"| {wall['max']:.1f} / {cpu['max']:.1f} | {queries} | {goal} |")


def markdown(summaries: list[dict], opened) -> str:
    lines = [
        "| 요청 | 중앙값 ms (경과 / CPU) | p95 ms (경과 / CPU) | 최대 ms (경과 / CPU) | 쿼리 | 목표 (p95 경과) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for s in summaries:
        verdict = f"≤ {s['goal_p95_ms']} ms {'맞음' if s['met'] else '못 맞춤'}"
        lines.append(row(LABELS[s["kind"]], s["wall_ms"], s["cpu_ms"], s["queries"], verdict))
    if opened:
        lines.append(row(LABELS["open"], *opened))
    return "\n".join(lines)


def results_path(page: str | None) -> Path:
    return RESULTS_PATH if page is None else BENCH_DIR / f"editor-results-{page}.json"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=60,
                        help="timed requests of each kind (default 60; the goals are read from at least 50)")
    parser.add_argument("--warm-up", type=int, default=5, help="untimed requests of each kind first (default 5)")
    parser.add_argument("--keep-db", action="store_true", help="reuse var/bench/editor.sqlite3 if it exists")
    parser.add_argument("--page", help="another 2024 page than the largest, e.g. 2-1 (results in "
                        "var/bench/editor-results-<page>.json)")
    parser.add_argument("--only", choices=KINDS, action="append", help="measure only this kind (repeatable)")
    parser.add_argument("--profile", choices=KINDS, help="profile one kind with pyinstrument (not in requirements.txt)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, repeat, warm_up, page = args.child[0], int(args.child[1]), int(args.child[2]), args.child[3] or None
        if kind.startswith("profile:"):
            profile(kind.split(":", 1)[1], repeat, warm_up, page)
        else:
            print(json.dumps(measure(kind, repeat, warm_up, page), ensure_ascii=False))
        return

    set_up_database(args.keep_db)
    if args.profile:
        result = subprocess.run([sys.executable, __file__, "--child", f"profile:{args.profile}", str(args.repeat),
                                 str(args.warm_up), args.page or ""], cwd=ROOT, env=bench_env())
        raise SystemExit(result.returncode)

    results = []
    for kind in args.only or KINDS:
        print(f"{LABELS[kind]}: 데우기 {args.warm_up}회, 측정 {args.repeat}회 …", flush=True)
        results.append(run_child("--child", kind, str(args.repeat), str(args.warm_up), args.page or ""))
    summaries = [summarise(result) for result in results]
    saves = [r for r in results if r["kind"] != "preview"]
    opened = [stats([ms for r in saves for ms in r[key]]) for key in ("open_wall_ms", "open_cpu_ms")] if saves else None
    if opened:
        opened.append(results[0]["open_queries"])
    first = results[0]
    out = results_path(args.page)
    out.write_text(json.dumps({
        "cpus": os.cpu_count(), "load_average": os.getloadavg(), "repeat": args.repeat, "warm_up": args.warm_up,
        "page": first["page"], "page_title": first["page_title"], "user": first["user"],
        "superuser": first["superuser"], "sizes": first["sizes"], "goals_p95_ms": GOALS_MS,
        "summaries": summaries, "open": dict(zip(("wall_ms", "cpu_ms", "queries"), opened or ())), "runs": results,
    }, ensure_ascii=False, indent=2))

    size = first["sizes"][first["page"]]
    print(f"\n쪽: {first['page']} {first['page_title']} (저장된 줄 {size['lines']}개, 글 {size['text_lines']}줄, "
          f"{size['characters']}자), 편집자: {first['user']}{' (최고 관리자)' if first['superuser'] else ''}")
    print(markdown(summaries, opened))
    cold = ", ".join(f"{LABELS[r['kind']]} {r['warm_up_wall_ms'][0]:.0f} ms" for r in results if r["warm_up_wall_ms"])
    print(f"\n프로세스의 첫 요청(데우기 첫 회, 경과): {cold}")
    print(f"자세한 결과: {out.relative_to(ROOT)}")
    print(f"부하 평균(1/5/15분): {os.getloadavg()}, CPU {os.cpu_count()}개")
    if args.repeat < 50:
        print(f"측정 {args.repeat}회: p95를 목표와 견주려면 50회 이상 재세요.")
    missed = [s for s in summaries if not s["met"]]
    for s in missed:
        print(f"목표를 못 맞춤: {LABELS[s['kind']]} p95 {s['wall_ms']['p95']:.0f} ms > {s['goal_p95_ms']} ms "
              f"(CPU p95 {s['cpu_ms']['p95']:.0f} ms)")
    if missed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
