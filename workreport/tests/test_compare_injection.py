"""Markup typed into a page's text is shown as text in the 신구대조표, on screen and in the PDF, and
makes the PDF renderer fetch nothing (a loopback listener counts its requests)."""
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from projects.models import AchievementItem, ProgramPage
from workreport.tests.compare_helpers import compare_url, pdf_text, without_spaces


class CountingHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { background: red }")

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


@pytest.fixture
def injected(stand_in_publication, listener):
    """Markup in a 추진실적 line and in the 목표 after publication: both sides of the table carry some."""
    here = f"http://127.0.0.1:{listener.server_address[1]}"
    line = f'<script>alert(1)</script> <img src={here}/img> <link rel=stylesheet href={here}/css> 운영'
    goal = f'<style>@import url({here}/import);</style><iframe src="{here}/frame"></iframe> 목표'
    page = ProgramPage.objects.get(unit__policy__edition__year=2024, unit__number="1-1")
    item = AchievementItem.objects.filter(page=page).order_by("order", "pk")[1]
    item.text = line  # saved (not updated) so that history holds it: it is the new side
    item.save()
    page.goal = goal
    page.save()
    return line, goal


def test_markup_in_a_line_is_escaped_on_screen(client_in, injected):
    html = client_in.get(compare_url()).content.decode()
    assert "<script>alert(1)" not in html and "<img src=http" not in html and "<iframe" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img" in html and "&lt;iframe src=&quot;" in html


def test_markup_in_a_line_loads_nothing_and_prints_as_text_in_the_pdf(client_in, injected, listener):
    response = client_in.get(compare_url(pdf=True))
    assert response.status_code == 200
    assert listener.paths == []
    text = without_spaces(pdf_text(response.content))
    for literal in ("<script>alert(1)</script>", "<imgsrc=http://127.0.0.1", "<linkrel=stylesheet",
                    "<style>@importurl(", "<iframesrc="):
        assert literal in text, f"{literal!r} should print as literal text"
