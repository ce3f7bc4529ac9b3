"""2025 opened from 2024: the 신구대조 of 2025's 1-1 stands 2024's page (현행) beside 2025's (개정안)."""
import pytest

from projects.models import AchievementItem, ProgramPage
from workreport.rollover import open_next_edition
from workreport.tests.compare_helpers import comparison_html, compare_url, pdf_text, rows_of, without_spaces


@pytest.fixture
def next_year(edition):
    open_next_edition(edition)
    page = ProgramPage.objects.get(unit__policy__edition__year=2025, unit__number="1-1")
    AchievementItem.objects.create(page=page, order=1, level=1, text="AI 기반 행정 서비스 모델 고도화 등 AI 연구")
    return page


def test_it_compares_with_the_same_programme_of_last_year(client_in, next_year):
    html = comparison_html(client_in.get(compare_url(2025)).content.decode(), "previous_year")
    assert "2024년 1-1. AI 행정서비스 연구개발" in html and "2025년 현재" in html
    rows = rows_of(html)
    assert ("changed", "○ AI 기반 행정 서비스 모델 <del>개발</del> 등 AI 연구",
            "○ AI 기반 행정 서비스 모델 <ins>고도화</ins> 등 AI 연구") in rows
    # the 목표 and 추진배경 were copied: the same on both sides
    assert ("same", "○ (추진배경) 서울시 AI 활성화를 위한 서비스 개발 요구 증대",
            "○ (추진배경) 서울시 AI 활성화를 위한 서비스 개발 요구 증대") in rows


def test_last_years_lines_not_written_again_stand_beside_deleted(client_in, next_year):
    rows = rows_of(comparison_html(client_in.get(compare_url(2025)).content.decode(), "previous_year"))
    assert ("changed", "<del>○ 서울형 sLM 개발 및 생성형 AI 서비스 시범운영 : 10~12월</del>",
            '<span class="compare-absent">〈삭제〉</span>') in rows


def test_last_years_page_itself_has_no_previous_year(client_in, next_year):
    html = comparison_html(client_in.get(compare_url(2024)).content.decode(), "previous_year")
    assert "전년도 업무보고에 같은 사업이 없습니다(2023년 1-1)." in html


def test_the_pdf_holds_both_years(client_in, next_year):
    text = without_spaces(pdf_text(client_in.get(compare_url(2025, pdf=True)).content))
    assert "AI기반행정서비스모델개발등AI연구" in text
    assert "AI기반행정서비스모델고도화등AI연구" in text
    assert "서울형sLM개발및생성형AI서비스시범운영:10~12월" in text
