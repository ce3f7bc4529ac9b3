"""With DEBUG off a template that names a static file collectstatic does not know fails to render
(the manifest is strict): every file named by a template's {% static %} or an admin's Media exists.
And the hashed URL of a file is worked out once per process (sdf_intranet.static_storage)."""
import json
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from sdf_intranet.static_storage import StaticFilesStorage

BASE_DIR = Path(settings.BASE_DIR)
IN_TEMPLATES = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]|static\(\s*['"]([^'"]+)['"]""")  # Django's, Jinja2's
IN_MEDIA = re.compile(r"""["']((?:admin_extra|css|report)/[\w./-]+\.(?:css|js))["']""")
APPS = ("reports", "staffing", "budget", "projects", "accounts", "workreport", "sdf_intranet")


def named_static_files():
    names = set()
    for template in (BASE_DIR / "templates").rglob("*.html"):
        names |= {(str(template.relative_to(BASE_DIR)), django or jinja)
                  for django, jinja in IN_TEMPLATES.findall(template.read_text("utf-8"))}
    for app in APPS:
        for module in (BASE_DIR / app).rglob("*.py"):
            if "tests" not in module.parts:
                names |= {(str(module.relative_to(BASE_DIR)), name) for name in IN_MEDIA.findall(module.read_text("utf-8"))}
    return sorted(names)


def test_templates_and_admins_name_static_files():
    assert len(named_static_files()) >= 8  # the scan is not vacuous


@pytest.mark.parametrize("where, name", named_static_files())
def test_every_named_static_file_exists(where, name):
    assert finders.find(name), f"{where}: static '{name}' 없음"


def test_a_hashed_url_is_worked_out_once_and_a_file_not_collected_is_refused_every_time(tmp_path):
    (tmp_path / "staticfiles.json").write_text(json.dumps(
        {"paths": {"css/site.css": "css/site.0123456789ab.css"}, "version": "1.1", "hash": "0"}))
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")

    with mock.patch.object(StaticFilesStorage, "stored_name", wraps=storage.stored_name) as stored_name:
        urls = [storage.url("css/site.css") for _ in range(3)]
        for _ in range(2):
            with pytest.raises(ValueError):
                storage.url("css/missing.css")

    assert urls == ["/static/css/site.0123456789ab.css"] * 3
    assert [call.args[0] for call in stored_name.call_args_list] == ["css/site.css", "css/missing.css", "css/missing.css"]
