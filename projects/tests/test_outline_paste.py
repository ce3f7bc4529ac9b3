"""Pasting each 2024 programme's 추진실적 and 향후일정 as the 2024 document gives them gives the stored lines.

The text is the seed document's own (a copy in projects/tests/data/2024-work-report.txt, the text
extracted from the 한글 file of the 2024 report), with the corrections of
SEED_NOTES.md ("방법순찰" is 방범순찰; the event is 서울 스마트라이프 위크 everywhere). Its
levels are "-" lines indented by one space, its tables tab-separated lines, its notes "※" lines,
and one table ends with a border row ("---------<TAB>---") as copied from a table.
"""
import re
from pathlib import Path

import pytest

from projects.models import Marker, ProgramPage
from projects.outline import ACHIEVEMENTS, SCHEDULE, parse_section, stored_lines

SEED = Path(__file__).parent / "data" / "2024-work-report.txt"
NUMBERS = ["1-1", "1-2", "2-1", "2-2", "2-3", "2-4", "2-5", "2-6", "2-7", "2-8"]
HEADING = {ACHIEVEMENTS: "추진실적", SCHEDULE: "향후일정"}
CORRECTIONS = [
    (re.compile(r"방법순찰"), "방범순찰"),
    (re.compile(r"(?:서울 )?스마트라이프 ?[워위]크"), "서울 스마트라이프 위크"),
]
# Where a section's lines end: the next heading, the next programme, or the next part of the report.
SECTION_END = re.compile(r"(□ )?(사업개요|추진실적|향후일정)$|\d-\d\. |IV$|[가-힣 ]+강화$")


def seed_section(number: str, section: str) -> str:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{number}. "))
    heading = next(i for i in range(start, len(lines)) if lines[i].lstrip("□ ").strip() == HEADING[section])
    body = []
    for line in lines[heading + 1:]:
        if SECTION_END.match(line):
            break
        body.append(line)
    text = "\n".join(body)
    for pattern, correct in CORRECTIONS:
        text = pattern.sub(correct, text)
    return text


def comparable(lines):
    """Line breaks inside a table cell: the document's text runs a cell's lines together with a
    space, which the stored cell keeps as separate lines."""
    return [
        (line.level, line.marker, line.text, line.period,
         tuple((label, " ".join(content.split())) for label, content in line.rows))
        for line in lines
    ]


@pytest.mark.parametrize("section", [ACHIEVEMENTS, SCHEDULE])
@pytest.mark.parametrize("number", NUMBERS)
def test_pasting_the_2024_document_gives_the_stored_lines(edition, number, section):
    page = ProgramPage.objects.select_related("unit__policy__edition").get(
        unit__policy__edition=edition, unit__number=number)
    pasted = parse_section(section, seed_section(number, section), 2024)
    assert comparable(pasted) == comparable(stored_lines(page, section))


def test_the_seed_text_is_what_the_test_pastes():
    text = seed_section("2-2", ACHIEVEMENTS)
    assert text.strip().splitlines()[0] == "- 심층 분석과제 기획·진행 : 11건 추진(5건 완료)"
    assert "방범순찰 필요지역 분석(자치경찰위원회)" in text and "---------\t---" in text
    assert seed_section("2-2", SCHEDULE).strip().splitlines()[-1].startswith("※ 2024 서울빅데이터포럼")
    tables = [line for line in parse_section(ACHIEVEMENTS, text, 2024) if line.marker == Marker.TABLE]
    assert [len(table.rows) for table in tables] == [3, 2, 1]
