"""The release fingerprint (reports.release) that every shared cache key carries: a change to
anything that shapes cached output changes it, so a deploy never serves what the release before
cached; a change to what shapes no output (a test) keeps it, and two checkouts of one release agree."""
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from reports import release
from workreport.publishing import code_fingerprint


@pytest.fixture
def checkout(tmp_path):
    """A copy of the release's folders, to change one file at a time."""
    for directory in release.release_dirs():
        shutil.copytree(Path(settings.BASE_DIR) / directory, tmp_path / directory,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def changes_the_key(checkout, relative, text):
    before = release.release_fingerprint(checkout)
    path = checkout / relative
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return release.release_fingerprint(checkout) != before


def test_it_covers_every_app_of_ours_and_the_shared_folders_but_no_library():
    assert release.release_dirs() == [
        "accounts", "budget", "projects", "reports", "sdf_intranet", "staffing", "workreport",
        "templates", "static", "locale",
    ]


@pytest.mark.parametrize("relative", [
    "budget/figures.py",                      # a rounding rule
    "staffing/figures.py",
    "projects/periods.py",                    # how a period prints
    "reports/templatetags/report_format.py",  # a template filter
    "reports/charts.py",
    "workreport/rendering.py",
])
def test_a_changed_module_changes_the_key(checkout, relative):
    assert changes_the_key(checkout, relative, "\n# changed\n")


@pytest.mark.parametrize("relative", [
    "templates/report/print_base.html",       # a print template
    "templates/report/_programme_page.html",
    "static/report/report.css",
])
def test_a_changed_template_or_stylesheet_changes_the_key(checkout, relative):
    assert changes_the_key(checkout, relative, "\n/* changed */\n")


def test_a_new_file_changes_the_key(checkout):
    before = release.release_fingerprint(checkout)
    (checkout / "templates" / "report" / "_new_section.html").write_text("<p>새 절</p>", encoding="utf-8")
    assert release.release_fingerprint(checkout) != before


def test_a_changed_test_or_migration_keeps_the_key(checkout):
    assert not changes_the_key(checkout, "budget/tests/test_budget_figures.py", "\n# changed\n")
    migration = sorted((checkout / "budget" / "migrations").glob("0001_*.py"))[0]
    assert not changes_the_key(checkout, migration.relative_to(checkout), "\n# changed\n")


def test_two_checkouts_of_one_release_agree(checkout, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for directory in release.release_dirs():
        shutil.copytree(checkout / directory, elsewhere / directory)  # new modification times
    assert release.release_fingerprint(elsewhere) == release.release_fingerprint(checkout)


def test_the_draft_cache_key_uses_it():
    # __wrapped__: computed now, not the copy of the process's start (files may change in between)
    assert code_fingerprint.__wrapped__() == release.release_fingerprint()
