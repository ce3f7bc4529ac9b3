#!/usr/bin/env bash
# The whole suite on SQLite, then on PostgreSQL when a server answers on PG_HOST:PG_PORT.
# pytest-django creates and drops its own test_<name> database through the `postgres`
# maintenance database, so the database named in PG_TEST_URL need not exist.
# Extra arguments go to pytest. Exits non-zero when any run fails.
set -uo pipefail
cd "$(dirname "$0")/.."

PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_TEST_URL="${PG_TEST_URL:-postgres://postgres@${PG_HOST}:${PG_PORT}/sdf_intranet_ci}"
PYTEST=.venv/bin/pytest

declare -a summary=()
failed=0

run_suite() {  # name, then env assignments for that run
    local name="$1"; shift
    echo
    echo "=== 테스트: ${name} ==="
    if env -u DATABASE_URL "$@" "$PYTEST" "${pytest_args[@]}"; then
        summary+=("${name}: 통과")
    else
        summary+=("${name}: 실패")
        failed=1
    fi
}

postgres_answers() {
    if command -v pg_isready >/dev/null; then
        pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3
    else
        .venv/bin/python - "$PG_HOST" "$PG_PORT" <<'PY'
import sys, psycopg
try:
    psycopg.connect(host=sys.argv[1], port=int(sys.argv[2]), user="postgres", dbname="postgres", connect_timeout=3).close()
except psycopg.OperationalError:
    sys.exit(1)
PY
    fi
}

# -rfEs: list failures, errors and skips (with reasons) at the end of each run;
# a module that fails to import is reported without hiding the results of all the others.
# -n: one pytest worker per core (pytest-xdist; each worker has its own test database), unless
# PYTEST_WORKERS says otherwise (PYTEST_WORKERS=0: one process, e.g. to debug a test).
pytest_args=(-rfEs --continue-on-collection-errors -n "${PYTEST_WORKERS:-auto}" "$@")

# The declared layers first (docs/architecture.md): a broken contract fails the run like a test.
echo "=== 계층 점검: lint-imports (.importlinter) ==="
if .venv/bin/lint-imports --no-cache; then
    summary+=("계층 (import-linter): 통과")
else
    summary+=("계층 (import-linter): 실패")
    failed=1
fi

run_suite "SQLite"

if postgres_answers; then
    # Two runs on one machine would share test_<name> and drop it under each other:
    # wait for the other one (helpers and CI may run `make test` at the same time).
    lock="${TMPDIR:-/tmp}/sdf_intranet-pg-tests.lock"
    exec 9>"$lock"
    if command -v flock >/dev/null && ! flock -n 9; then
        echo "다른 PostgreSQL 테스트 실행이 끝나기를 기다립니다 ($lock)…"
        flock 9
    fi
    run_suite "PostgreSQL (${PG_HOST}:${PG_PORT})" DATABASE_URL="$PG_TEST_URL"
    exec 9>&-
else
    summary+=("PostgreSQL: 건너뜀 — ${PG_HOST}:${PG_PORT}에서 응답하는 서버가 없습니다")
fi

echo
echo "=== 테스트 요약 ==="
printf '  %s\n' "${summary[@]}"
exit "$failed"
