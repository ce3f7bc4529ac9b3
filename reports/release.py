"""The release fingerprint: a digest of what shapes cached output besides the data.

Cached drafts and charts are shared by every worker (and host) of one release, so the cache key
carries this digest: a deploy that changes a rounding rule, a print template or the stylesheet
never serves what the release before cached. The digest is of file contents, not modification
times, so two checkouts of one release agree.

This is the bottom layer: it names our apps through the app registry (those whose code lives
under BASE_DIR), never by importing them, so a new app is covered without a change here.
"""
import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings

# Folders of the project that shape output beside the apps: the templates, the stylesheets and
# scripts, the Korean translations.
SHARED_DIRS = ("templates", "static", "locale")
# The libraries that lay out and draw what is cached (a PDF, a chart, a page's cached tables and
# the form widgets drawn by Jinja2): an upgrade changes the bytes.
RENDERING_LIBRARIES = ("django", "weasyprint", "pydyf", "matplotlib", "fonttools", "django-tables2", "jinja2")
# Parts of an app that shape no output.
NOT_RELEASE_PARTS = frozenset({"tests", "migrations", "__pycache__"})


def project_app_dirs() -> list[str]:
    """The folders (relative to BASE_DIR) of the installed apps whose code is ours: under
    BASE_DIR, and not a library installed there (a virtualenv in .venv/)."""
    base = Path(settings.BASE_DIR).resolve()
    ours = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base):
            relative = path.relative_to(base)
            if not any(part.startswith(".") or part == "site-packages" for part in relative.parts):
                ours.append(str(relative))
    return sorted(ours)


def release_dirs() -> list[str]:
    """Our apps' folders and the shared folders, relative to a checkout's root."""
    return project_app_dirs() + list(SHARED_DIRS)


def release_files(base: Path):
    """Every file under the release's folders but tests, migrations and byte-code, in a fixed order."""
    for directory in release_dirs():
        for path in sorted((base / directory).rglob("*")):
            relative = path.relative_to(base)
            if path.is_file() and not NOT_RELEASE_PARTS.intersection(relative.parts) \
                    and path.suffix != ".pyc":
                yield path


def release_fingerprint(base: Path | None = None) -> str:
    """A 16-hex digest of the release's files (path and content) and the rendering libraries'
    versions; base is the checkout's root (BASE_DIR unless a test points at a copy)."""
    base = Path(base if base is not None else settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in release_files(base):
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    for library in RENDERING_LIBRARIES:
        digest.update(f"{library}={metadata.version(library)}\0".encode())
    return digest.hexdigest()[:16]


@cache
def current_release() -> str:
    """The running release's fingerprint, read once per process (a deploy restarts the workers)."""
    return release_fingerprint()
