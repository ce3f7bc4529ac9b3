"""The release part of the draft cache key: every module, template and static file that shapes a
cached PDF is in it, so that a deploy which changes a rounding rule or a print template never
serves a draft cached by the release before. Files that shape no output (tests) are not."""
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from reports.release import release_dirs, release_fingerprint
from workreport.publishing import draft_cache_key


@pytest.fixture
def release(tmp_path):
    """A copy of the release's folders, to change one file at a time."""
    for directory in release_dirs():
        shutil.copytree(Path(settings.BASE_DIR) / directory, tmp_path / directory,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def changed(release, relative, text="\n# changed\n"):
    before = release_fingerprint(release)
    path = release / relative
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return release_fingerprint(release) != before


@pytest.mark.parametrize("relative", [
    "budget/figures.py",               # a rounding rule
    "staffing/figures.py",
    "projects/periods.py",             # how a period prints
    "projects/pages.py",               # section III as printed
    "reports/formatting.py",
    "reports/templatetags/report_format.py",
    "workreport/rendering.py",
    "templates/report/_programme_page.html",
    "templates/report/print_base.html",
    "static/report/report.css",
])
def test_a_change_to_what_shapes_the_pdf_changes_the_key(release, relative):
    assert changed(release, relative, "\n/* changed */\n" if relative.endswith((".css", ".html")) else "\n# changed\n")


def test_a_change_to_a_test_keeps_the_key(release):
    assert not changed(release, "budget/tests/test_budget_figures.py")


def test_the_same_release_has_the_same_key_wherever_it_is_checked_out(release, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for directory in release_dirs():
        shutil.copytree(release / directory, elsewhere / directory)  # new files, new modification times
    assert release_fingerprint(elsewhere) == release_fingerprint(release)


def test_the_draft_key_carries_the_release(edition, monkeypatch):
    monkeypatch.setattr("workreport.publishing.code_fingerprint", lambda: "release-one")
    first = draft_cache_key(edition)
    monkeypatch.setattr("workreport.publishing.code_fingerprint", lambda: "release-two")
    assert draft_cache_key(edition) != first
