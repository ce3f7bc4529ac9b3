"""The HWPX downloads beside the PDF links, and build_report --format hwpx: the same readers as the
PDF, a Korean file name as the PDF's, never kept by a cache, a valid 한글 package."""
from urllib.parse import quote

from django.core.management import call_command
from django.urls import reverse
from hwpx.tools.package_validator import validate_package

from workreport.tests.hwpx_helpers import hwpx_text


def test_a_logged_in_reader_downloads_the_whole_report_as_hwpx(client_in, edition):
    response = client_in.get("/report/2024/hwpx/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/hwp+zip"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"report-2024.hwpx\"; filename*=UTF-8''" + quote("2024년 주요 업무보고.hwpx", safe=""))
    assert response["Cache-Control"] == "private, no-store"
    assert validate_package(response.content).ok
    assert "세출예산 집행현황" in hwpx_text(response.content)


def test_one_programme_downloads_as_its_page(client_in, edition):
    response = client_in.get("/report/2024/unit/1-1/hwpx/")

    assert response.status_code == 200
    assert quote("2024년 주요 업무보고 1-1 AI 행정서비스 연구개발.hwpx", safe="") in response["Content-Disposition"]
    assert 'filename="report-2024-1-1.hwpx"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert hwpx_text(response.content).startswith("1-1. AI 행정서비스 연구개발")


def test_an_unknown_programme_or_year_is_not_found(client_in, edition):
    assert client_in.get("/report/2024/unit/9-9/hwpx/").status_code == 404
    assert client_in.get("/report/1999/hwpx/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_as_for_the_pdf(client, edition):
    for url in ("/report/2024/hwpx/", "/report/2024/unit/1-1/hwpx/"):
        assert client.get(url)["Location"] == f"/login/?next={quote(url, safe='/')}"


def test_the_preview_links_each_hwpx_beside_its_pdf(client_in, edition):
    html = client_in.get(reverse("workreport:report_preview", args=[2024])).content.decode()

    assert 'href="/report/2024/hwpx/">한글 문서(HWPX) 내려받기</a>' in html
    assert 'href="/report/2024/unit/1-1/pdf/">이 사업 PDF</a> <a class="unit-pdf-link" ' \
           'href="/report/2024/unit/1-1/hwpx/">이 사업 HWPX</a>' in html


def test_build_report_writes_the_hwpx_of_the_report_and_of_one_programme(edition, tmp_path, capsys):
    whole, one = tmp_path / "report.hwpx", tmp_path / "1-1.hwpx"

    call_command("build_report", "2024", "--format", "hwpx", "-o", str(whole))
    call_command("build_report", "2024", "--format", "hwpx", "--unit", "1-1", "-o", str(one))

    assert "한글 문서(HWPX)를 만들었습니다" in capsys.readouterr().out
    assert validate_package(whole.read_bytes()).ok and validate_package(one.read_bytes()).ok
    assert "IV. 2024 세입 · 세출예산 세부현황" in hwpx_text(whole.read_bytes())
    assert hwpx_text(one.read_bytes()).startswith("1-1. AI 행정서비스 연구개발")
