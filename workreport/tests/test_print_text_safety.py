"""Text that cannot print right is caught: bidi controls never reorder a printed line, and
characters the report's fonts lack are named by check_report (field and record) before printing."""
import re
import shutil
import subprocess

import pytest

from budget.models import UnitProgram
from projects.models import ProgramPage
from reports import glyphs
from reports.safety import strip_bidi_controls
from reports.typesetting import keep_words_together
from staffing.models import Person
from workreport.checks import check_printable_text, check_year
from workreport.rendering import build_report_pdf

BIDI_CONTROLS = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
BOX = "\N{PARTY POPPER}"  # in neither NanumGothic nor DejaVu Sans: an empty box on paper
OTHER_TYPEFACE = "\N{GRINNING FACE}"  # not in NanumGothic, drawn from DejaVu Sans


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def test_every_bidi_control_is_dropped_from_print_text_and_from_the_html():
    text = "고설태" + "".join(BIDI_CONTROLS) + " ☎4642"
    assert strip_bidi_controls(text) == "고설태 ☎4642"
    html = f"<p>{text}</p><svg><text>{BIDI_CONTROLS[4]}차트</text></svg>"
    assert not any(control in keep_words_together(html) for control in BIDI_CONTROLS)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 필요")
def test_a_right_to_left_override_in_a_name_does_not_reverse_the_contact_line(edition):
    Person.objects.filter(edition=edition, name="고설태").update(name="고설태\u202e")
    unit = UnitProgram.objects.get(policy__edition=edition, number="1-1")

    text = pdf_text(build_report_pdf(edition, unit))

    assert re.search(r"AI전환팀장\s*:\s*고설태 ☎4642", text)
    assert "2464" not in text


def test_the_2024_text_prints_in_the_report_font():
    assert glyphs.unprintable("서울디지털재단 ☎570-4612 ※ ▶ ○ □ △ ① ’24.10.18. ~ · AI") == ([], [])


def test_check_report_names_the_field_and_record_of_a_character_no_font_has(edition):
    ProgramPage.objects.filter(unit__policy__edition=edition, unit__number="1-1").update(
        goal=f"생성형 AI 기반 공공서비스 {BOX} 개발확산")

    errors, warnings = check_year(edition)

    [error] = [e for e in errors if BOX in e]
    assert "주요 현안업무" in error and "1-1" in error and "의 목표에" in error
    assert f"'{BOX}'(U+1F389)" in error and "빈 네모로 인쇄됩니다" in error


def test_check_report_warns_of_a_character_printed_in_another_typeface_and_of_bidi_controls(edition):
    Person.objects.filter(edition=edition, name="고설태").update(name=f"고설태\u202e{OTHER_TYPEFACE}")

    errors, warnings = check_printable_text(edition)

    assert errors == []
    assert any("'고설태" in w and "'고설태😀'의 성명의 글자" in w and "(U+1F600)" in w and "다른 글꼴로" in w
               for w in warnings), warnings
    assert any("'고설태😀'의 성명에" in w and "U+202E" in w and "빼고 찍습니다" in w for w in warnings), warnings
    assert not any("\u202e" in message for message in warnings)
