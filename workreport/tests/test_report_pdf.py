"""The printed 2024 report: every figure of the seed's tables (sections I and IV) in its row,
the programme pages, and a Korean font embedded in the PDF.

The PDF is built once for the module (a few seconds) and read back as text with pdftotext
-layout, which keeps a table row on one line. A row matches when its label is followed by
exactly the figures the seed prints, in order; pdftotext may drop the spaces of a spaced
label ("정 원" comes back as "정원"), so labels are compared without spaces.
"""
import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from reports.models import ReportEdition
from workreport.rendering import build_report_pdf

# django_db on every test also makes pytest-django create the test database when this module runs alone
# (the module fixture alone would read the development database).
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 필요"),
]


@pytest.fixture(scope="module")
def report_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return build_report_pdf(ReportEdition.objects.get(year=2024))


def pdf_pages_text(pdf: bytes) -> list[str]:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8").split("\f")


@pytest.fixture(scope="module")
def pages(report_pdf):
    return pdf_pages_text(report_pdf)


def part(pages, start_heading, end_heading=None) -> list[str]:
    """The lines of the pages from the page whose first heading line is start_heading up to end_heading."""
    def first_page(heading, after=0):
        for index in range(after, len(pages)):
            if any(line.strip().startswith(heading) for line in pages[index].splitlines()[:6]):
                return index
        raise AssertionError(f"'{heading}'로 시작하는 쪽이 없습니다.")

    start = first_page(start_heading, after=2)  # after the cover and the contents
    end = first_page(end_heading, after=start + 1) if end_heading else len(pages)
    return "\n".join(pages[start:end]).splitlines()


@pytest.fixture(scope="module")
def section_one(pages):
    return part(pages, "I. 일반 현황", "II. 정책목표 및 추진전략")


@pytest.fixture(scope="module")
def section_four(pages):
    return part(pages, "IV. 2024 세입 · 세출예산 세부현황")


def row_figures(lines, label, count):
    """Every run of `count` tokens that follows `label` (spaces ignored) on a line."""
    wanted = label.replace(" ", "")
    found = []
    for line in lines:
        tokens = line.split()
        for start in range(len(tokens)):
            joined = ""
            for end in range(start, len(tokens)):
                joined += tokens[end]
                if joined == wanted:
                    found.append(tokens[end + 1:end + 1 + count])
                if len(joined) >= len(wanted):
                    break
    return found


def assert_row(lines, label, *figures):
    found = row_figures(lines, label, len(figures))
    assert list(figures) in found, f"'{label}' 행에 {figures}가 없습니다. 찾은 행: {found}"


# ---------------------------------------------------------------- section I

HEADCOUNT_ROWS = {
    "정 원": ("45", "1", "1", "1", "3", "8", "16", "13", "2"),
    "현 원": ("45", "1", "-", "-", "4", "8", "20", "11", "1"),
    "과부족": ("-", "-", "△1", "△1", "+1", "-", "+4", "△2", "△1"),
}


@pytest.mark.parametrize("label", HEADCOUNT_ROWS)
def test_headcount_table_rows(section_one, label):
    assert_row(section_one, label, *HEADCOUNT_ROWS[label])


def test_headcount_table_header_lists_grades_in_print_order(section_one):
    assert_row(section_one, "구 분", "계", "이사장", "1급", "2급", "3급", "4급", "5급", "6급", "7급")


def test_staffing_and_organisation_headlines(section_one):
    text = "\n".join(section_one)
    assert "□ 인 력 : 56명" in text
    assert "※ 정원 외 인력 : 계약직 11명" in text
    assert "□ 조 직 : 1실 1본부 7팀" in text
    for unit in ("서울디지털재단", "경영혁신실", "스마트사업본부", "AI전환팀", "감사팀"):
        assert unit in text


REVENUE_SUMMARY_ROWS = [
    ("서울시출연금", "8,193,261", "7,889,247", "304,014", "3.9%"),
    ("잉여금(이월금)수입", "717,332", "1,217,617", "△500,285", "△41.1%"),
    ("사업수입", "1,649,000", "702,350", "946,650", "134.8%"),
    ("보조금수입", "139,210", "0", "139,210", "순증"),
    ("기타영업외수익", "61", "3,075", "△3,014", "△98.0%"),
    ("자본잉여금(보조금)수입", "0", "201,340", "△201,340", "△100.0%"),
    ("보조금사용잔액", "822", "0", "822", "순증"),
]
EXPENDITURE_SUMMARY_ROWS = [
    ("인건비", "2,290,031", "2,461,588", "△171,557", "△7.0%"),
    ("경비", "1,620,851", "1,589,349", "31,502", "2.0%"),
    ("사업비", "6,707,360", "5,562,040", "1,145,320", "20.6%"),
    ("정부보조금반환", "884", "0", "884", "순증"),
    ("예비비", "80,560", "400,652", "△320,092", "△79.9%"),
]


@pytest.mark.parametrize("row", REVENUE_SUMMARY_ROWS + EXPENDITURE_SUMMARY_ROWS, ids=lambda row: row[0])
def test_budget_summary_rows(section_one, row):
    assert_row(section_one, *row)


def test_budget_summary_totals_and_captions(section_one):
    totals = row_figures(section_one, "계", 4)
    assert totals.count(["10,699,686", "10,013,629", "686,057", "6.9%"]) == 2  # 세입 총괄, 세출 총괄
    captions = [line for line in section_one if "기준, 단위 : 천원, %" in line]
    assert len(captions) == 2
    assert all("(’24.10.18. 기준" in line for line in captions)


PROGRAMME_DETAIL_ROWS = [
    ("AI 모델 연구개발", "496,800"),
    ("AI·빅데이터 전문가 양성", "139,210"),
    ("공공데이터 분석 역량 제고", "160,580"),
    ("공공데이터 활용 확산", "66,350"),
    ("빅데이터 분석", "254,080"),
    ("어르신 디지털나들이 지원단 운영", "807,850"),
    ("디지털포용 콘텐츠 개발 및 플랫폼 운영", "74,970"),
    ("디지털오픈랩 프로그램 운영", "264,960"),
    ("서울스마트시티센터 활성화", "79,500"),
    ("서울스마트시티센터 인프라 운영", "278,360"),
    ("해외 전시 서울관 조성 및 운영", "550,950"),
    ("글로벌 도시간 교차실증 지원", "318,620"),
    ("메타버스 서울 시민참여 문화 조성", "9,790"),
    ("인력운영비", "2,290,031"),
    ("기본경비", "1,620,851"),
    ("반환금", "884"),
    ("일반예비비", "80,560"),
    ("총 예산 계", "10,699,686"),
]


@pytest.mark.parametrize("row", PROGRAMME_DETAIL_ROWS, ids=lambda row: row[0])
def test_programme_budget_detail_rows(section_one, row):
    assert_row(section_one, *row)


def test_programme_budget_subtotals_in_order(section_one):
    subtotals = [figures[0] for figures in row_figures(section_one, "소 계", 1)]
    assert subtotals == [
        "636,010", "226,930", "275,350", "254,080", "882,820", "622,820", "869,570",
        "2,603,090", "280,000", "56,690", "3,910,882", "884", "80,560",
    ]


def test_programme_budget_notes_and_count_sentence(section_one):
    text = "\n".join(section_one)
    assert "○ 2개 정책사업, 10개 단위사업, 18개 세부사업으로 구성" in text
    assert_row(section_one, "디지털 돌봄 체험버스", "-", "명시이월")
    assert_row(section_one, "해외도시 디지털 정책교류", "280,000", "서울시", "기금")


# ---------------------------------------------------------------- section IV

REVENUE_DETAIL_ROWS = [
    ("계", "10,699,686", "10,013,629", "686,057", "6.9%"),
    ("서울시출연금", "8,193,261", "7,889,247", "304,014", "3.9%"),
    # The source printed 100.0% here; one rule everywhere: prior 0 → 순증 (SEED_NOTES).
    ("보조금수익", "139,210", "0", "139,210", "순증"),
    ("관리사업수익", "0", "2,350", "△2,350", "△100.0%"),
    ("대행사업수익", "1,649,000", "700,000", "949,000", "135.6%"),
    ("기타영업수익", "61", "3,075", "△3,014", "△98.0%"),
    ("자본잉여금수입", "0", "201,340", "△201,340", "△100.0%"),
    ("잉여금(이월금)수입", "717,332", "1,217,617", "△500,285", "△41.1%"),
    ("보조금사용잔액", "822", "0", "822", "순증"),
]

EXECUTION_ROWS = [
    ("계", "10,699,686", "8,639,754", "6,494,590", "80.7%", "60.7%"),
    ("인건비", "2,290,031", "1,767,395", "1,767,395", "77.2%", "77.2%"),
    ("경비", "1,620,851", "1,172,595", "1,063,817", "72.3%", "65.6%"),
    ("사업비", "6,707,360", "5,698,880", "3,662,494", "85.0%", "54.6%"),
    ("AI 모델 연구개발", "496,800", "399,110", "207,117", "80.3%", "41.7%"),
    ("AI·빅데이터 전문가 양성", "139,210", "136,605", "90,963", "98.1%", "65.3%"),
    ("공공데이터 분석 역량 제고", "160,580", "153,598", "1,644", "95.7%", "1.0%"),
    ("공공데이터 활용 확산", "66,350", "58,858", "45,126", "88.7%", "68.0%"),
    ("디지털 정책연구", "275,350", "141,804", "134,234", "51.5%", "48.8%"),
    ("빅데이터 분석", "254,080", "203,253", "152,449", "80.0%", "60.0%"),
    ("어르신 디지털나들이 지원단 운영", "807,850", "757,998", "454,630", "93.8%", "56.3%"),
    ("디지털포용 콘텐츠 개발 및 플랫폼 운영", "74,970", "64,444", "44,252", "86.0%", "59.0%"),
    ("디지털오픈랩 프로그램 운영", "264,960", "228,203", "90,913", "86.1%", "34.3%"),
    ("서울스마트시티센터 활성화", "79,500", "64,179", "6,679", "80.7%", "8.4%"),
    ("서울스마트시티센터 인프라 운영", "278,360", "157,257", "155,607", "56.5%", "55.9%"),
    ("해외 전시 서울관 조성 및 운영", "550,950", "502,634", "338,474", "91.2%", "61.4%"),
    ("글로벌 도시간 교차실증 지원", "318,620", "2,647", "247", "0.8%", "0.1%"),
    ("서울 스마트라이프 위크 운영", "2,603,090", "2,519,311", "1,765,148", "96.8%", "67.8%"),
    ("해외도시 디지털 정책교류", "280,000", "280,078", "146,110", "100.0%", "52.2%"),
    ("메타버스 서울 시민참여 문화 조성", "9,790", "6,201", "6,201", "63.3%", "63.3%"),
    ("사회적약자를 위한 증강현실 서비스 운영", "46,900", "22,700", "22,700", "48.4%", "48.4%"),
    ("반환금(정부보조금반환)", "884", "884", "884", "100.0%", "100.0%"),
    ("예비비", "80,560", "0", "0", "0.0%", "0.0%"),
]


@pytest.mark.parametrize("row", REVENUE_DETAIL_ROWS, ids=lambda row: row[0])
def test_revenue_detail_rows(section_four, row):
    assert_row(section_four, *row)


@pytest.mark.parametrize("row", EXECUTION_ROWS, ids=lambda row: row[0])
def test_execution_rows(section_four, row):
    assert_row(section_four, *row)


def test_execution_table_says_which_basis_each_rate_uses(section_four):
    text = "\n".join(section_four)
    assert "원인행위 집행률 = 원인행위액 ÷ 예산현액" in text
    assert "지출 집행률 = 지출액 ÷ 예산현액" in text


def test_detail_programme_carried_over_has_no_execution_line(section_four):
    assert not any("디지털 돌봄 체험버스" in line for line in section_four)


# ---------------------------------------------------------------- structure and pages

def test_cover_and_contents(pages):
    cover = "".join(pages[0].split())  # letter-spaced cover lines come back with stray spaces
    assert "2024년주요업무보고" in cover and "2024.11." in cover and "서울디지털재단" in cover
    contents = pages[1]
    for heading in ("I. 일반 현황", "II. 정책목표 및 추진전략", "III. 주요 현안업무", "1-1. AI 행정서비스 연구개발"):
        line = next(line for line in contents.splitlines() if heading in line)
        assert re.search(r"\d+\s*$", line), f"목차의 '{heading}'에 쪽 번호가 없습니다: {line}"


def test_running_header_and_page_numbers_on_content_pages_not_on_cover_or_dividers(pages):
    content_page = next(page for page in pages if "□ 설립목적 및 사업" in page)
    assert content_page.lstrip().startswith("2024년 주요 업무보고")
    # the foot of a page: the draft's mark (초안 …) on the left, the page number in the middle
    assert re.search(r"^\s*초안 · .* 작성 · 발행본 아님\s+-\s*4\s*-\s*$", content_page, re.M)
    cover, divider = pages[0], pages[2]
    for page in (cover, divider):
        assert not re.search(r"-\s*\d+\s*-\s*$", page, re.M)
    assert divider.split()[:2] == ["I", "일반현황"] and divider.split()[2] == "초안"


def test_programme_page_contact_goal_budget_and_schedule(pages):
    page = next(p for p in pages if "1-1. AI 행정서비스 연구개발" in p and "□ 사업개요" in p)
    contact = next(line for line in page.splitlines() if "☎570-4612" in line)
    assert re.search(r"경영혁신실장\s*:\s*주성환 ☎570-4612", contact)
    assert re.search(r"AI전환팀장\s*:\s*고설태 ☎4642", contact)
    assert re.search(r"담당\s*:\s*김영현 ☎4633", contact)
    assert "생성형 AI 기반 공공서비스 개발확산" in page
    assert "(사업예산) 636,010천원" in page
    assert "□ 추진실적" in page and "□ 향후일정" in page
    assert re.search(r"재단-Laval Univ\. AI 영향평가 지표개발 연구보고서 발간 : 11월", page)


def test_officers_sharing_a_phone_print_on_one_entry(pages):
    page = next(p for p in pages if "2-5. 스마트도시 솔루션 해외진출" in p and "□ 사업개요" in p)
    assert "김종호, 정규정 ☎4654" in page
    assert "11.5~11.7" in page


def test_budget_note_of_the_carried_over_bus(pages):
    page = next(p for p in pages if "2-3. 디지털 약자 역량 강화" in p and "□ 사업개요" in p)
    assert re.search(r"\(사업예산\) 총 882,820천원 ※ 디지털 돌봄 체험버스\(373,502천원\) 미포함", page)


# ---------------------------------------------------------------- charts

def test_charts_are_inline_svg_with_the_same_bytes_for_the_same_figures():
    from decimal import Decimal

    from reports import charts

    details, committed, spent = ["AI 모델 연구개발", "예비 사업"], [Decimal("80.3"), None], [Decimal("41.7"), None]
    first = charts.execution_rate_chart(details, committed, spent)
    assert charts.draw_execution_rate_chart(tuple(details), tuple(committed), tuple(spent)) == first  # drawn again
    assert first.startswith("<svg") and "<!--" not in first
    assert "AI 모델 연구개발" in first and "80.3%" in first and "NanumGothic" in first
    assert charts.execution_rate_chart(details, [Decimal("80.4"), None], spent) != first


# ---------------------------------------------------------------- fonts

def embedded_fonts(pdf: bytes) -> dict:
    """BaseFont name → whether a font file is embedded, for every font the pages use."""
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptors = [d.get_object()["/FontDescriptor"] for d in font.get("/DescendantFonts", [])]
            if "/FontDescriptor" in font:
                descriptors.append(font["/FontDescriptor"])
            embedded = any(
                key in descriptor.get_object() for descriptor in descriptors
                for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def test_pdf_embeds_a_korean_font_and_only_embedded_fonts(report_pdf):
    fonts = embedded_fonts(report_pdf)
    korean = [name for name in fonts if "Nanum" in name or "NotoSansCJK" in name]
    assert korean, f"한글 글꼴이 없습니다: {fonts}"
    assert all(fonts.values()), f"내장되지 않은 글꼴: {[n for n, e in fonts.items() if not e]}"


def test_every_korean_character_of_the_report_survives_extraction(pages):
    text = "".join(pages)
    # A glyph missing from the font would come back as U+FFFD or a .notdef box.
    assert "\ufffd" not in text and "□ 사업개요" in text and "☎" in text and "△" in text
