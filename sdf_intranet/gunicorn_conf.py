"""gunicorn's settings for `make serve` and production (`gunicorn -c python:sdf_intranet.gunicorn_conf`).

Every value can be changed from the environment without editing this file (docs/deploy.md).
"""
import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Sync workers: each request holds one worker, and the slow ones (a PDF) are CPU-bound. Two per
# core plus one keeps the cores busy while a worker waits on the database; WEB_CONCURRENCY wins.
# Measured on 2 cores with 10 connections (bench/web, docs/performance.md): 2 workers left the
# cores idle during queries (/staffing/ p50 225 ms against 85–100 ms); 3, 5 and 8 were alike
# within the noise of a shared machine, so the rule stays.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))

# Publishing and the draft PDF after a change (8–9 s at 2024's size, up to 26 s at 10× data on two
# busy cores) run in the task worker, not in a request; the slowest requests left take seconds
# (an import under 2,000 rows, the whole report's HWPX). 60 s is ample; anything longer is a hung
# worker, killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5

# A worker is replaced after this many requests, so a slow leak in a library never grows for weeks.
# Not sooner: a new worker spends about a second of CPU importing the site and compiling templates,
# taken from the requests in flight; at 2,000 requests a worker under bench/web's load (300 pages a
# second on 2 cores) was replaced every few seconds, and those seconds were the p99.
max_requests = 20000
max_requests_jitter = 2000

# The site writes one line per request itself (sdf_intranet.request_log, with the user and the
# request id); gunicorn's own log goes to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# X-Forwarded-Proto is believed only from the TLS proxy (the same addresses as TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")

# No control socket: it sits in the home folder by default, shared by every gunicorn of the user.
control_socket_disable = True

# The heartbeat files on tmpfs when there is one, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_worker_init(worker):
    """With the site loaded (its modules, URLs and admin), the objects that live as long as the
    worker are set aside from the garbage collector (gc.freeze). A full collection then walks only
    what requests made: on the programme page it came every ~170 requests and took ~85 ms, a
    pause that was the p99 of whatever ran beside it; frozen, ~13 ms (docs/performance.md)."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # the URLconf imports the views and every admin module
    gc.freeze()
