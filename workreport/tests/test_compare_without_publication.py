"""A year never published, and a first year: the 신구대조 says plainly there is nothing to compare with."""
from workreport.tests.compare_helpers import comparison_html, compare_url, pdf_text, without_spaces


def test_it_says_the_year_was_never_published(client_in, edition):
    html = client_in.get(compare_url()).content.decode()
    assert "2024년 업무보고는 발행된 적이 없습니다." in comparison_html(html, "published")


def test_it_says_last_year_has_no_such_programme(client_in, edition):
    html = client_in.get(compare_url()).content.decode()
    assert "전년도 업무보고에 같은 사업이 없습니다(2023년 1-1)." in comparison_html(html, "previous_year")


def test_the_pdf_says_so_too(client_in, edition):
    text = without_spaces(pdf_text(client_in.get(compare_url(pdf=True)).content))
    assert "발행된적이없습니다" in text and "전년도업무보고에같은사업이없습니다" in text
