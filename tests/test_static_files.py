"""With DEBUG off a template that names a static file collectstatic does not know fails to render
(the manifest is strict): every file named by a template's {% static %} or an admin's Media exists."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

BASE_DIR = Path(settings.BASE_DIR)
IN_TEMPLATES = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]""")
IN_MEDIA = re.compile(r"""["']((?:admin_extra|css|report)/[\w./-]+\.(?:css|js))["']""")
APPS = ("reports", "staffing", "budget", "projects", "accounts", "workreport", "sdf_intranet")


def named_static_files():
    names = set()
    for template in (BASE_DIR / "templates").rglob("*.html"):
        names |= {(str(template.relative_to(BASE_DIR)), name) for name in IN_TEMPLATES.findall(template.read_text("utf-8"))}
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
