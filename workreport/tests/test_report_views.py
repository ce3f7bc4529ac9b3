"""The report in the site: preview with charts, PDF downloads with a Korean file name (made by the task
worker the first time: workreport/tests/test_draft_pdf_*.py), login required."""
import io
from urllib.parse import quote

import pytest
from pypdf import PdfReader

from workreport.tests.report_task_helpers import draft_download

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model, edition):
    client.force_login(django_user_model.objects.create_user("reader", password="a-long-test-password-2024"))
    return client


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_report_root_opens_the_latest_edition(staff_client):
    response = staff_client.get("/report/")
    assert response.status_code == 302
    assert response["Location"] == "/report/2024/"


def test_preview_shows_the_report_with_its_charts_and_download_links(staff_client):
    response = staff_client.get("/report/2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 3  # 정원·현원, 단위사업별 예산, 집행률
    for text in ("I. 일반 현황", "□ 인 력 : 56명", "1-1. AI 행정서비스 연구개발", "세출예산 집행현황", "10,699,686"):
        assert text in html
    assert 'href="/report/2024/pdf/"' in html
    assert 'href="/report/2024/unit/2-3/pdf/"' in html


def test_preview_of_an_unknown_year_is_404(staff_client):
    assert staff_client.get("/report/1999/").status_code == 404


def test_whole_report_pdf_download_has_a_korean_rfc5987_file_name(staff_client):
    response = draft_download(lambda: staff_client.get("/report/2024/pdf/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"report-2024.pdf\"; filename*=UTF-8''" + quote("2024년 주요 업무보고.pdf", safe="")
    )
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "세출예산 집행현황" in text and "2-8. 스마트도시 서비스 개발" in text


def test_unit_pdf_holds_only_that_programme(staff_client):
    response = draft_download(lambda: staff_client.get("/report/2024/unit/1-1/pdf/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert 'filename="report-2024-1-1.pdf"' in disposition
    assert "filename*=UTF-8''" + quote("2024년 주요 업무보고 1-1 AI 행정서비스 연구개발.pdf", safe="") in disposition
    text = pdf_text(response.content)
    assert "1-1. AI 행정서비스 연구개발" in text
    assert "636,010천원" in text
    for other in ("1-2. 공공데이터", "2-1. 디지털 정책연구", "세출예산 집행현황", "I. 일반 현황"):
        assert other not in text


def test_unit_pdf_of_an_unknown_programme_is_404(staff_client):
    assert staff_client.get("/report/2024/unit/9-9/pdf/").status_code == 404
