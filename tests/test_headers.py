"""The headers a browser and a proxy act on: a Content-Security-Policy that runs only the site's
own scripts and stylesheets, a Permissions-Policy that switches off the features the intranet never
uses, and `Cache-Control: private, no-store` on every PDF and spreadsheet, which hold names and
amounts. No template a browser shows carries an inline script or style, which the policy would refuse."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import loader
from django.urls import reverse

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style|\sstyle=\"", re.IGNORECASE)
# The templates of the site's frame (base, login, lockout, error pages): no inline style either.
FRAME_TEMPLATES = ["base.html", "403.html", "404.html", "500.html", "registration/login.html",
                   "registration/locked_out.html"]
# What only WeasyPrint reads (the print's head sets the copy's mark and the bookmarks in CSS).
PRINT_ONLY_TEMPLATES = {"report/print_base.html"}


def policy(response) -> dict:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_a_page_runs_only_the_sites_own_scripts(client_in):
    directives = policy(client_in.get("/staffing/"))

    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]  # no 'unsafe-inline': no style attribute or element
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_the_login_page_has_the_policy_too(client, db):
    assert policy(client.get("/login/"))["script-src"] == ["'self'"]


def test_features_the_intranet_never_uses_are_switched_off(client_in):
    header = client_in.get("/").headers["Permissions-Policy"]

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


def assert_not_stored(response):
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Expires" not in response


def test_a_draft_pdf_is_never_stored_by_a_cache(superuser_client, edition, monkeypatch):
    monkeypatch.setattr("workreport.draft_views.cached_draft_pdf", lambda edition, unit=None: b"%PDF-1.7 draft")

    assert_not_stored(superuser_client.get(reverse("workreport:report_pdf", args=[2024])))
    assert_not_stored(superuser_client.get(reverse("workreport:unit_pdf", args=[2024, "1-1"])))


def test_a_published_pdf_is_never_stored_by_a_cache(superuser_client, stand_in_publication):
    response = superuser_client.get(reverse("workreport:published_download", args=[stand_in_publication.pk]))

    assert_not_stored(response)


@pytest.mark.parametrize("url", [
    "/staffing/people/?_export=xlsx",
    "/staffing/?_export=csv&table=grades",
    "/staffing/templates/people.xlsx",
    "/budget/templates/execution.xlsx",
])
def test_a_desk_spreadsheet_is_never_stored_by_a_cache(superuser_client, edition, url):
    assert_not_stored(superuser_client.get(url))


def test_an_admin_export_is_never_stored_by_a_cache(superuser_client, edition):
    response = superuser_client.post("/admin/staffing/currentheadcount/export/", {
        "format": "0", "resource": "0", "currentheadcountresource_grade": "on"})

    assert_not_stored(response)


def test_an_ordinary_page_is_not_a_download(client_in):
    assert "no-store" not in client_in.get("/staffing/").get("Cache-Control", "")


def templates():
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*.html")):
            yield path.relative_to(directory), path.read_text(encoding="utf-8")


def test_no_template_has_an_inline_script_or_an_event_attribute():
    found = [f"{name}: {match.group(0)}" for name, text in templates()
             for match in [*INLINE_SCRIPT.finditer(text), *EVENT_ATTRIBUTE.finditer(text)]]

    assert found == []


def test_no_template_a_browser_shows_has_an_inline_style():
    found = [f"{name}: {match.group(0)}" for name, text in templates() if str(name) not in PRINT_ONLY_TEMPLATES
             for match in INLINE_STYLE.finditer(text)]

    assert found == []


def test_the_export_page_binds_its_select_all_toggle_from_a_script_file(superuser_client, edition):
    html = superuser_client.get("/admin/budget/executionrecord/export/").content.decode()

    assert 'id="select-all-toggle"' in html and "admin_extra/export_fields.js" in html
    assert not EVENT_ATTRIBUTE.search(html) and not INLINE_STYLE.search(html)


@pytest.mark.parametrize("name", FRAME_TEMPLATES)
def test_the_sites_frame_has_no_inline_style(name):
    assert not INLINE_STYLE.search((TEMPLATE_DIRS[0] / name).read_text(encoding="utf-8"))


def test_the_500_page_is_styled_by_the_stylesheet():
    html = loader.get_template("500.html").render()

    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert '<body class="error-page">' in html
