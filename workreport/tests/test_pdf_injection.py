"""Markup typed into any field of the report never makes the PDF renderer fetch or read anything.

A loopback HTTP listener started here counts the requests the renderer makes; /etc/passwd
stands for any file on the server. User text is escaped by the templates (it shows as
literal text), and the url_fetcher refuses every URL that is not one of our static files,
so even raw HTML (a template bug) loads nothing.
"""
import io
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils.html import escape
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from reports.safety import REPORT_BASE_URL, RefusedURL, sanitise_html, static_only_fetcher

PASSWD_LINE = "root:x:0:0"


class CountingHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.paths.append(self.path)
        body = b"body { background: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    server = HTTPServer(("127.0.0.1", 0), CountingHandler)
    server.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def attack_vectors(port: int) -> list[str]:
    """Every way a string could ask the renderer to load something, shortest first."""
    here = f"http://127.0.0.1:{port}"
    return [
        '<img src="file:///etc/passwd">',
        f"<iframe src={here}/i>",
        f"<object data={here}/o>",
        f"<link rel=stylesheet href={here}/z>",
        f"<style>@import url({here}/x);</style>",
        f'<div style="background:url({here}/y)">',
        '<a rel="attachment" href="file:///etc/passwd">',
    ]


def payload_for(port: int, max_length: int | None, start: int = 0) -> str:
    """As many vectors as fit the field (all of them in a text field), starting at a rotating one."""
    vectors = attack_vectors(port)
    vectors = vectors[start % len(vectors):] + vectors[: start % len(vectors)]
    chosen = ""
    for vector in vectors:
        if max_length is None or len(chosen) + len(vector) <= max_length:
            chosen += vector
    return chosen or vectors[0][:max_length]


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def embedded_files(pdf: bytes) -> list[bytes]:
    """The bytes of every file embedded in the PDF: document attachments and file annotations."""
    reader = PdfReader(io.BytesIO(pdf))
    blobs = [blob for blobs in reader.attachments.values() for blob in blobs]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                blobs.append(annotation["/FS"].get_object()["/EF"]["/F"].get_object().get_data())
    return blobs


def raw_malicious_html(port: int) -> str:
    return (
        "<html><head>"
        f"<link rel=stylesheet href=http://127.0.0.1:{port}/z>"
        f"<style>@import url(http://127.0.0.1:{port}/x); p {{ background: url(http://127.0.0.1:{port}/y) }}</style>"
        "</head><body><p>본문</p>"
        '<img src="file:///etc/passwd"><img src="/etc/passwd">'
        f'<iframe src="http://127.0.0.1:{port}/i"></iframe><object data="http://127.0.0.1:{port}/o"></object>'
        f'<div style="background:url(http://127.0.0.1:{port}/d)">x</div>'
        '<a rel="attachment" href="file:///etc/passwd">첨부</a>'
        f'<svg width="10" height="10"><image href="http://127.0.0.1:{port}/s" width="10" height="10"/></svg>'
        "</body></html>"
    )


# --- the fetcher alone ---------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "ftp://127.0.0.1/x",
    "https://example.org/static/report/report.css",
    "http://report.invalid/static/admin/css/base.css",
    f"{REPORT_BASE_URL}etc/passwd",
    f"{REPORT_BASE_URL}static/../reports/models.py",
    f"{REPORT_BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
    f"{REPORT_BASE_URL}static/admin/..%2f..%2f..%2fsdf_intranet/settings.py",
    f"{REPORT_BASE_URL}static/admin%5c..%5c..%5csettings.py",
    f"{REPORT_BASE_URL}static/no-such-file.css",
    "data:text/html,<script>alert(1)</script>",
])
def test_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(RefusedURL):
        static_only_fetcher()(url)


def test_fetcher_refuses_loopback_http_without_connecting(listener):
    port = listener.server_address[1]
    for url in (f"http://127.0.0.1:{port}/x", f"https://127.0.0.1:{port}/x", f"http://localhost:{port}/static/x.css"):
        with pytest.raises(RefusedURL):
            static_only_fetcher().fetch(url)
    assert listener.paths == []


def test_fetcher_serves_a_real_static_file_from_disk():
    on_disk = Path(finders.find("admin/css/base.css")).read_bytes()
    response = static_only_fetcher()(f"{REPORT_BASE_URL}static/admin/css/base.css", timeout=3)
    assert response.read() == on_disk
    assert response.content_type == "text/css"


def test_fetcher_serves_harmless_data_uris():
    response = static_only_fetcher().fetch("data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A//www.w3.org/2000/svg%22/%3E")
    assert response.read().startswith(b"<svg")
    assert response.content_type == "image/svg+xml"


def test_rich_text_if_ever_used_keeps_only_formatting():
    cleaned = sanitise_html('<p onclick="x()">사업 <strong>완료</strong><img src="file:///etc/passwd">'
                            '<a href="http://127.0.0.1/">링크</a><style>@import url(http://x)</style></p>')
    assert cleaned == "<p>사업 <strong>완료</strong>링크</p>"


# --- raw HTML: proves the fetcher, not the escaping -------------------------------------------

def test_the_listener_sees_an_unguarded_renderer(listener):
    """The control: WeasyPrint's default fetcher does call the listener and embeds the file."""
    port = listener.server_address[1]
    pdf = HTML(string=raw_malicious_html(port), url_fetcher=URLFetcher(timeout=3)).write_pdf()
    assert listener.paths, "the loopback listener must count a request from an unguarded renderer"
    assert any(PASSWD_LINE.encode() in data for data in embedded_files(pdf))


def test_raw_html_through_weasyprint_with_our_fetcher_loads_nothing(listener):
    port = listener.server_address[1]
    pdf = HTML(string=raw_malicious_html(port), base_url=REPORT_BASE_URL,
               url_fetcher=static_only_fetcher()).write_pdf()
    assert listener.paths == []
    assert PASSWD_LINE not in pdf_text(pdf)
    assert not any(PASSWD_LINE.encode() in data for data in embedded_files(pdf))
    assert "본문" in pdf_text(pdf)


def test_raw_html_through_html_to_pdf_loads_nothing(listener):
    """A template bug that lets markup through still cannot fetch: html_to_pdf uses the fetcher."""
    from workreport.rendering import html_to_pdf

    port = listener.server_address[1]
    pdf = html_to_pdf(raw_malicious_html(port))
    assert listener.paths == []
    assert PASSWD_LINE not in pdf_text(pdf)
    assert PASSWD_LINE.encode() not in pdf
    assert not any(PASSWD_LINE.encode() in data for data in embedded_files(pdf))


# --- every kind of user text that reaches the report ---------------------------------------

def injected_fields(edition):
    """(label, instance, field name) of one record of each kind of user text in the report."""
    from budget.models import DetailProgram, PolicyProgram, RevenueAccount, UnitProgram
    from projects.models import (
        AchievementItem, AchievementTableRow, CoreValue, MidTermGoal, OverviewSubItem, ProgramContact,
        ProgramPage, ScheduleItem, StrategicGoal, StrategicTask, Strategy,
    )
    from reports.models import PurposeBusiness
    from staffing.models import DutyGroup, DutyItem, Grade, OrgUnit

    in_pages = {"page__unit__policy__edition": edition}
    contact = ProgramContact.objects.filter(**in_pages).select_related("post__person").first()
    page = ProgramPage.objects.filter(unit__policy__edition=edition).first()
    strategy = Strategy.objects.get(edition=edition)
    records = [
        (page, "goal"), (page, "background"), (page, "content"),
        (AchievementItem.objects.filter(**in_pages).exclude(marker="table").first(), "text"),
        (AchievementTableRow.objects.filter(item__page__unit__policy__edition=edition).first(), "label"),
        (AchievementTableRow.objects.filter(item__page__unit__policy__edition=edition).last(), "content"),
        (ScheduleItem.objects.filter(**in_pages).first(), "text"),
        (OverviewSubItem.objects.filter(**in_pages).first(), "text"),
        (DutyItem.objects.filter(group__unit__edition=edition).first(), "text"),
        (DutyGroup.objects.filter(unit__edition=edition).exclude(heading="").first(), "heading"),
        (OrgUnit.objects.filter(edition=edition, kind=OrgUnit.Kind.TEAM).first(), "name"),
        (contact.post.person, "name"),
        (contact.post, "title"),
        (strategy, "mission"), (strategy, "vision"),
        (CoreValue.objects.filter(strategy=strategy).first(), "name"),
        (MidTermGoal.objects.filter(strategy=strategy).first(), "text"),
        (StrategicGoal.objects.filter(strategy=strategy).first(), "name"),
        (StrategicTask.objects.filter(goal__strategy=strategy).first(), "name"),
        (DetailProgram.objects.filter(unit__policy__edition=edition).exclude(note="").first(), "name"),
        (DetailProgram.objects.filter(unit__policy__edition=edition).exclude(note="").first(), "note"),
        (UnitProgram.objects.filter(policy__edition=edition).exclude(number="").first(), "name"),
        (RevenueAccount.objects.filter(edition=edition, parent__isnull=False).first(), "name"),
        (PolicyProgram.objects.filter(edition=edition, category="programme").first(), "name"),
        (Grade.objects.order_by("order").last(), "name"),
        (contact.post.person, "phone"),
        (edition, "purpose"), (edition, "purpose_source"), (edition, "title"), (edition, "organisation_name"),
        (PurposeBusiness.objects.filter(edition=edition).first(), "text"),
    ]
    missing = [f"{type(obj).__name__ if obj else '?'}.{name}" for obj, name in records if obj is None]
    assert not missing, f"2024 data has no record for {missing}"
    return records


def inject(edition, port):
    """Write an attack payload into each field; returns {label: payload}."""
    payloads = {}
    for index, (obj, name) in enumerate(injected_fields(edition)):
        field = obj._meta.get_field(name)
        payload = payload_for(port, field.max_length, start=index)
        type(obj).objects.filter(pk=obj.pk).update(**{name: payload})
        payloads[f"{type(obj).__name__}.{name}"] = payload
    edition.refresh_from_db()
    return payloads


def test_markup_in_every_user_field_is_escaped_in_the_report_html(edition, listener):
    from workreport.rendering import render_report_html

    payloads = inject(edition, listener.server_address[1])
    # the strategy boxes break their short texts into even lines (|balanced): read <br> as the space it replaced
    html = re.sub(r"</?span>", "", render_report_html(edition)).replace("<br>", " ")
    not_shown = [label for label, payload in payloads.items() if escape(payload) not in html]
    assert not not_shown, f"these fields do not reach the report escaped: {not_shown}"
    raw = [label for label, payload in payloads.items() if payload in html]
    assert not raw, f"these fields reach the report as raw markup: {raw}"


def test_markup_in_every_user_field_loads_nothing_and_prints_as_text(edition, listener):
    from workreport.rendering import build_report_pdf

    inject(edition, listener.server_address[1])
    pdf = build_report_pdf(edition)
    text = "".join(pdf_text(pdf).split())
    assert listener.paths == []
    assert PASSWD_LINE not in text
    assert not any(PASSWD_LINE.encode() in data for data in embedded_files(pdf))
    for literal in ("<iframe", "<object", "<link", "<style>@import", "<imgsrc=", "file:///etc/passwd"):
        assert literal in text, f"{literal!r} should print as literal text"


def test_dollar_signs_in_charted_names_print_as_typed(edition):
    """Chart labels are user text too: matplotlib must not read "$…$" as mathtext (garbled or a crash)."""
    import re

    from budget.models import DetailProgram, UnitProgram
    from workreport.rendering import render_report_html

    unit = UnitProgram.objects.filter(policy__edition=edition).exclude(number="").first()
    UnitProgram.objects.filter(pk=unit.pk).update(name="예산 $1 및 $2 사업")
    detail = DetailProgram.objects.filter(unit__policy__edition=edition, carried_over=False).first()
    DetailProgram.objects.filter(pk=detail.pk).update(name="잘못된 수식 $x^$ 사업")

    html = render_report_html(edition)
    charts_svg = "".join(re.findall(r"<svg.*?</svg>", html, flags=re.S))
    assert "예산 $1 및 $2 사업" in charts_svg
    assert "잘못된 수식 $x^$ 사업" in charts_svg
