"""The settings of the test suite (pytest.ini): the site's own settings with DEBUG on unless the
environment says otherwise, as on a developer's machine. Django's test runner still runs every
test with DEBUG off; what DEBUG chooses here is what is read once at start (no HTTPS redirect,
static files served as they are, the development SECRET_KEY)."""
import os

os.environ.setdefault("DEBUG", "1")

from sdf_intranet.settings import *  # noqa: E402,F401,F403
