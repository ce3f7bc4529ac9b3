"""The 신구대조표 pages: who may read them, and a year or number that is not there."""
import pytest
from django.urls import reverse


def compare_url(year=2024, number="1-1", pdf=False):
    return reverse("workreport:compare_pdf" if pdf else "workreport:compare_page", args=[year, number])


@pytest.mark.parametrize("pdf", [False, True])
def test_it_asks_for_a_login(client, edition, pdf):
    response = client.get(compare_url(pdf=pdf))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anyone_who_reads_the_report_preview_reads_the_comparison(client_in, edition):
    assert client_in.get(reverse("workreport:report_preview", args=[2024])).status_code == 200
    response = client_in.get(compare_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "신구대조표" in html and "1-1. " in html
    assert "현행" in html and "개정안" in html


@pytest.mark.parametrize("year, number", [(2019, "1-1"), (2024, "9-9"), (2024, "1-1%3Cx%3E")])
@pytest.mark.parametrize("pdf", [False, True])
def test_an_unknown_year_or_number_is_not_found(client_in, edition, year, number, pdf):
    assert client_in.get(compare_url(year, number, pdf)).status_code == 404


def test_it_refuses_a_post(client_in, edition):
    assert client_in.post(compare_url()).status_code == 405
