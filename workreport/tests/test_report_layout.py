"""The layout of the printed report, measured on the PDF (pdftotext -bbox-layout): the org chart
headed by 이사장 with 감사팀 beside the line, the strategy diagram on one grid, ※ lines one step
under their item, 세부사업 one step under 사업비, and "-" for none in the headcount chart."""
import shutil
import subprocess
from xml.etree import ElementTree

import pytest

from reports import charts
from reports.models import ReportEdition
from workreport.rendering import build_report_pdf, render_report_html

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 필요"),
]

XHTML = "{http://www.w3.org/1999/xhtml}"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def lines(django_db_setup, django_db_blocker):
    """Every line of the 2024 PDF: (page, text, x of its left edge, x of its centre, y of its top)."""
    with django_db_blocker.unblock():
        pdf = build_report_pdf(ReportEdition.objects.get(year=2024))
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout
    found = []
    for number, page in enumerate(ElementTree.fromstring(xml).iter(f"{XHTML}page"), 1):
        for line in page.iter(f"{XHTML}line"):
            text = " ".join(word.text or "" for word in line.iter(f"{XHTML}word"))
            left, right = float(line.get("xMin")), float(line.get("xMax"))
            found.append((number, text, left, (left + right) / 2, float(line.get("yMin"))))
    return found


def line_starting(lines, start, page=None):
    return next(line for line in lines if line[1].startswith(start) and (page is None or line[0] == page))


def test_the_org_chart_has_the_head_on_top_and_the_audit_team_beside_the_line(edition):
    html = render_report_html(edition)
    chart = html[html.index('<div class="org-chart"'):html.index('id="staffing"')]
    assert chart.index("이사장") < chart.index("감사팀") < chart.index("경영혁신실")
    staff_row = chart[chart.index('class="org-staff-row"'):chart.index('class="org-children"')]
    assert "감사팀" in staff_row and "경영혁신실" not in staff_row
    assert "감사팀" not in chart[chart.index('class="org-children"'):]


def test_the_strategy_rows_stand_in_the_same_four_columns(lines):
    columns = [
        ("혁신과 융합", "AI·빅데이터·클라우드", "A·B·C를 통한"),
        ("연결과 미래", "글로벌 수준의", "스마트시티 글로벌"),
        ("공정과 소통", "디지털 약자의", "디지털 포용으로"),
        ("책임과 청렴", "ESG경영 실현", "지속가능 스마트"),
    ]
    page = line_starting(lines, "혁신과 융합")[0]
    for column in columns:
        centres = [line_starting(lines, start, page)[3] for start in column]
        assert max(centres) - min(centres) < 1.5 * MM, column


def test_a_note_stands_one_step_under_its_item(lines):
    # the - mark is a box of its own (pdftotext gives it apart): the item's text starts 5 mm after it
    item_text = line_starting(lines, "어르신 디지털상담 챗봇")
    note = line_starting(lines, "※ 어디나지원단 강사단")
    assert abs(note[2] - item_text[2]) < 0.5 * MM  # the ※ under the text of its item, not under its mark


def test_detail_programmes_stand_one_step_under_the_programme_account(lines):
    page = line_starting(lines, "□ 세출예산 집행현황")[0]
    account = line_starting(lines, "사업비", page)
    detail = line_starting(lines, "AI 모델 연구개발", page)
    assert detail[2] - account[2] >= 3 * MM


def test_the_headcount_chart_prints_a_dash_for_none_as_the_table_does():
    svg = charts.headcount_chart(["1급", "2급"], [1, 1], [0, 2])
    assert ">-<" in svg.replace(" ", "") and ">0<" not in svg.replace(" ", "")


def test_short_texts_of_the_strategy_boxes_get_even_lines_not_a_lone_last_word():
    from reports.templatetags.report_format import balanced

    assert balanced("글로벌 수준의 스마트시티 혁신 솔루션 300개 지원", "9") == "글로벌 수준의<br>스마트시티 혁신<br>솔루션 300개 지원"
    assert balanced("A·B·C를 통한 지능정보화선도", "8b") == "A·B·C를 통한<br>지능정보화선도"
    assert balanced("ESG 경영 추진", "9") == "ESG 경영 추진"
    assert balanced("<b>굵게</b> 쓴 글", "2") == "&lt;b&gt;굵게&lt;/b&gt;<br>쓴 글"


def test_the_preview_says_plainly_that_it_is_continuous_and_pages_are_the_pdfs(client_in, edition):
    from django.urls import reverse

    page = client_in.get(reverse("workreport:report_preview", args=[edition.year])).content.decode()
    assert "연속 미리보기입니다: 쪽은 PDF에서 나뉩니다" in page


def test_no_page_ends_with_a_heading(lines):
    # the last line above the foot (the copy's mark and the page number sit below 841.9 - 20 mm)
    foot = 841.9 - 20 * MM
    lowest = {}
    for page, text, _, _, top in lines:
        if top < foot and text.strip() and top >= lowest.get(page, (0, ""))[0]:
            lowest[page] = (top, text)
    headings = {page: text for page, (_, text) in lowest.items()
                if text.startswith(("□", "○ 설립목적", "○ 목적사업"))}
    assert headings == {}


def test_a_wrapped_item_hangs_under_its_text_not_under_its_mark(lines):
    first = line_starting(lines, "○ (추진배경) 서울시 고령층의 디지털 역량")  # 2-3, two lines
    wrapped = line_starting(lines, "역량강화 교육 필요", first[0])
    assert abs(wrapped[2] - (first[2] + 5 * MM)) < 0.5 * MM  # the mark's box is 5 mm wide
