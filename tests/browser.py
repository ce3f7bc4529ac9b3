"""What the browser tests share: Debian's Chromium driven by Playwright against pytest-django's
live_server, logging in, the text of a PDF, and axe-core's accessibility check of a page.

The fixtures `browser`, `site` and `new_page` are in the root conftest.py. A module of browser
tests sets `pytestmark = BROWSER_TEST`: it runs with a real transaction and ends with a flush,
after which the root conftest loads 2024 again.
"""
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

BROWSER_TEST = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian의 chromium(/usr/bin/chromium)이 없어 브라우저 테스트를 건너뜁니다 "
                                                     "(make system-packages-test로 설치)"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.flushes_database,
]


def log_in(page, site, username, password=PASSWORD):
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def axe_violations(page, impacts=("critical",)) -> list[str]:
    """axe-core's violations of the given impacts on the page as it is now, one line each:
    "label: Form elements must have labels (textarea#id_x, …)". `make test` installs axe-core
    (package.json); without it this fails rather than passing unchecked."""
    assert AXE.exists(), f"axe-core가 없습니다({AXE}): npm ci로 설치하세요 (make test가 설치합니다)"
    # Evaluated through the browser's DevTools, not as a <script> tag: the site's CSP runs no inline script.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    return [
        f"{v['id']}: {v['help']} ({', '.join(', '.join(n['target']) for n in v['nodes'][:5])})"
        for v in json.loads(result)["violations"] if v["impact"] in impacts
    ]
