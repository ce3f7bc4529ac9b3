"""The settings of the test suite (pytest.ini): the site's own settings with DEBUG on unless the
environment says otherwise, as on a developer's machine. Django's test runner still runs every
test with DEBUG off; what DEBUG chooses here is what is read once at start (no HTTPS redirect,
static files served as they are, the development SECRET_KEY)."""
import os

os.environ.setdefault("DEBUG", "1")

from sdf_intranet.settings import *  # noqa: E402,F401,F403

# The suite's cache stays in each process, as it was before the site's became a table of the
# database: test modules empty it in fixtures that ask for no database. The table and Redis are
# tested for themselves (tests/test_shared_cache.py) and under make serve (tests/test_serve.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# No task worker runs beside the suite: /health/ leaves its heartbeat out unless a test turns the
# check on (tests/test_task_worker.py). Tasks go to the database backend as in production, and a
# test that queues one runs the worker itself (`task_worker --batch`, reports/tests/background_imports.py).
TASK_WORKER_HEARTBEAT_MAX_AGE = 0
