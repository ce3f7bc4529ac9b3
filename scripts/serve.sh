#!/usr/bin/env bash
# The production stack on this machine (`make serve`, after `make setup`): the settings with DEBUG
# off, static files collected for WhiteNoise, the cache table, then gunicorn on 127.0.0.1:$PORT and,
# beside it, the task worker (manage.py task_worker: large imports in the background).
#
#   SECRET_KEY    unset: one is generated into $SECRET_KEY_FILE (var/secret_key, mode 600) and reused
#   PLAIN_HTTP    1 (default here): a rehearsal over plain HTTP on loopback, no TLS proxy in front;
#                 set 0 behind the TLS proxy (HTTPS redirect, secure cookies, HSTS)
#   PORT, BIND, DATABASE_URL, REDIS_URL, WEB_CONCURRENCY …   see docs/deploy.md
#
# The two run together: Ctrl-C or SIGTERM to this script stops both, and when either ends the
# other is stopped too (the script then exits with the status of the one that ended first).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
export DEBUG=0
export PORT="${PORT:-8000}"
export PLAIN_HTTP="${PLAIN_HTTP:-1}"

if [[ -z "${SECRET_KEY:-}" ]]; then
    SECRET_KEY="$(scripts/secret_key.sh "${SECRET_KEY_FILE:-var/secret_key}")"
    export SECRET_KEY
fi

"$PY" manage.py check --deploy --fail-level WARNING
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py createcachetable -v 0
"$PY" manage.py task_worker --no-reload --interval 1 &
WORKER=$!
echo "gunicorn: http://${BIND:-127.0.0.1:${PORT}}/ (DEBUG 꺼짐, 작업 처리기 pid $WORKER, 중지는 Ctrl-C)"
.venv/bin/gunicorn -c python:sdf_intranet.gunicorn_conf sdf_intranet.wsgi:application &
WEB=$!

stop() {
    trap - INT TERM
    kill -TERM "$WEB" "$WORKER" 2>/dev/null || true
    wait "$WEB" 2>/dev/null || true
    wait "$WORKER" 2>/dev/null || true
}
trap 'stop; exit 143' INT TERM
status=0
wait -n "$WEB" "$WORKER" || status=$?
stop
exit "$status"
