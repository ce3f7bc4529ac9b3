"""A 추진실적 line of 1-1 changed after the report was published: the 신구대조 shows the published
line with the changed word struck through beside the new line with the new word underlined."""
import pytest

from projects.models import AchievementItem
from workreport.tests.compare_helpers import comparison_html, compare_url, pdf_text, rows_of, without_spaces

OLD_LINE = "sLM 기반 업무지원 서비스 프로토타입 시범 운영"
NEW_LINE = "sLM 기반 업무지원 서비스 프로토타입 정식 운영 확대"


@pytest.fixture
def changed_after_publication(stand_in_publication):
    item = AchievementItem.objects.get(page__unit__policy__edition__year=2024, page__unit__number="1-1",
                                       text=OLD_LINE)
    item.text = NEW_LINE
    item.save()
    return item


def test_it_shows_the_published_line_beside_the_new_one_with_the_words_marked(client_in, changed_after_publication):
    html = comparison_html(client_in.get(compare_url()).content.decode(), "published")
    changed = [row for row in rows_of(html) if row[0] == "changed"]
    assert changed == [(
        "changed",
        "- sLM 기반 업무지원 서비스 프로토타입 <del>시범</del> 운영",
        "- sLM 기반 업무지원 서비스 프로토타입 <ins>정식</ins> 운영 <ins>확대</ins>",
    )]


def test_unchanged_lines_are_plain_on_both_sides(client_in, changed_after_publication):
    html = comparison_html(client_in.get(compare_url()).content.decode(), "published")
    same = [row for row in rows_of(html) if row[0] == "same"]
    assert ("same", "○ AI 기반 행정 서비스 모델 개발 등 AI 연구", "○ AI 기반 행정 서비스 모델 개발 등 AI 연구") in same
    assert ("same", "○ 서울형 sLM 개발 및 생성형 AI 서비스 시범운영 : 10~12월",
            "○ 서울형 sLM 개발 및 생성형 AI 서비스 시범운영 : 10~12월") in same
    assert not any("<del>" in old or "<ins>" in new for _, old, new in same)
    assert html.count("<del>") == 1 and html.count("<ins>") == 2


def test_it_names_the_publication_it_compares_with(client_in, changed_after_publication):
    html = client_in.get(compare_url()).content.decode()
    assert "2024년 제1판(" in html and "2024년 현재" in html
    assert "(바뀐 곳 없음)" in html  # 사업개요 and 향후일정


def test_the_pdf_holds_both_versions(client_in, changed_after_publication):
    response = client_in.get(compare_url(pdf=True))
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''2024%EB%85%84" in response["Content-Disposition"]
    assert 'filename="compare-2024-1-1.pdf"' in response["Content-Disposition"]
    text = without_spaces(pdf_text(response.content))
    assert without_spaces(OLD_LINE) in text
    assert without_spaces(NEW_LINE) in text
    assert "현행" in text and "개정안" in text and "신구대조표" in text


def test_the_pdf_is_a4_landscape_in_the_reports_font(client_in, changed_after_publication):
    import io

    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(client_in.get(compare_url(pdf=True)).content)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # the stylesheet reached WeasyPrint
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}
    assert fonts == {"NanumGothic", "NanumGothic-Bold"}


def test_weasyprint_reads_the_whole_stylesheet(client_in, changed_after_publication, caplog):
    """No rule of compare.css is dropped with a warning (a width media query once was, whole)."""
    with caplog.at_level("WARNING", logger="weasyprint"):
        client_in.get(compare_url(pdf=True))
    assert [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")] == []
