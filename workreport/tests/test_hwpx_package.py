"""The HWPX report is a valid 한글 package: python-hwpx's own validation passes, and its structure is
what 한글 opens (mimetype first and stored, the manifest, the header, the sections), on A4, in the
fonts 한글 knows, with real tables (header rows, merged cells, amounts aligned right), items with
hanging indents, and each part under its running header, with page numbers."""
import io
import re
import zipfile

import pytest
from hwpx import HwpxDocument
from hwpx.layout.lint import lint_layout
from hwpx.tools.package_validator import validate_editor_open_safety, validate_package

from budget.models import UnitProgram
from workreport.hwpx import build_report_hwpx
from workreport.tests.hwpx_helpers import section_xml


@pytest.fixture(scope="module")
def report(django_db_blocker):
    with django_db_blocker.unblock():
        from reports.models import ReportEdition
        return build_report_hwpx(ReportEdition.objects.get(year=2024))


def part(content, name):
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return package.read(name).decode()


def test_python_hwpx_validates_the_package_and_the_document(report):
    package = validate_package(report)
    assert package.ok, package.errors
    document = HwpxDocument.open(report).validate()
    assert document.ok, document.issues
    safety = validate_editor_open_safety(report)
    assert safety.ok, safety.summary


def test_the_mimetype_comes_first_uncompressed_then_manifest_header_and_sections(report):
    with zipfile.ZipFile(io.BytesIO(report)) as package:
        entries = package.infolist()
        assert entries[0].filename == "mimetype"
        assert entries[0].compress_type == zipfile.ZIP_STORED
        assert package.read("mimetype") == b"application/hwp+zip"
        names = package.namelist()
    assert {"META-INF/container.xml", "META-INF/manifest.xml", "Contents/content.hpf", "Contents/header.xml",
            "Contents/section0.xml", "version.xml"} <= set(names)
    content = part(report, "Contents/content.hpf")
    assert 'href="Contents/header.xml"' in content and 'href="Contents/section0.xml"' in content
    assert "Contents/content.hpf" in part(report, "META-INF/container.xml")


def test_every_part_is_a4_under_its_running_header_with_page_numbers(report):
    """Each part is a section (구역) of its own: cover (no header, no number), 목차, I, II, III, IV."""
    with zipfile.ZipFile(io.BytesIO(report)) as package:
        sections = [package.read(name).decode() for name in sorted(package.namelist())
                    if re.fullmatch(r"Contents/section\d+\.xml", name)]
    assert len(sections) == 6
    for section in sections:
        page = re.search(r'<hp:pagePr [^>]*width="(\d+)" height="(\d+)"', section)
        assert (int(page[1]), int(page[2])) == (59528, 84189)  # 210 × 297 mm in HWPUNIT (7200 an inch)
    assert "<hp:header " not in sections[0] and "<hp:pageNum " not in sections[0]
    for section, part in zip(sections[1:], ["목 차", "I. 일반 현황", "II. 정책목표 및 추진전략", "III. 주요 현안업무",
                                             "IV. 2024 세입·세출예산 세부현황"]):
        header = re.search(r"<hp:header .*?</hp:header>", section, re.S)[0]
        assert f"{part} 2024년 주요 업무보고 · 초안" in header
        assert re.search(r'<hp:pageNum pos="BOTTOM_CENTER"', section)


def test_the_text_is_set_in_nanum_gothic_with_hamchorom_dotum_for_a_missing_font(report):
    header = part(report, "Contents/header.xml")
    hangul = re.search(r'<hh:fontface lang="HANGUL".*?</hh:fontface>', header, re.S)[0]
    font = re.search(r'<hh:font id="(\d+)" face="나눔고딕"[^>]*isEmbedded="0".*?</hh:font>', hangul, re.S)
    assert font, "나눔고딕 is declared for Hangul, not embedded"
    assert 'face="함초롬돋움"' in font[0]
    assert re.search(rf'<hh:fontRef hangul="{font[1]}"', header)


def shape_of(report, text):
    """The paragraph shape (alignment, left margin, first-line indent) of the paragraph holding text."""
    section = section_xml(report)
    header = part(report, "Contents/header.xml")
    paragraph = next(p for p in re.findall(r'<hp:p [^>]*paraPrIDRef="(\d+)"[^>]*>((?:(?!<hp:p ).)*?)</hp:p>',
                                           section, re.S) if text in p[1])
    shape = re.search(rf'<hh:paraPr [^>]*\bid="{paragraph[0]}".*?</hh:paraPr>', header, re.S)[0]
    align = re.search(r'<hh:align horizontal="(\w+)"', shape)[1]
    indent = int(re.search(r'<hc:intent value="(-?\d+)"', shape)[1])
    left = int(re.search(r'<hc:left value="(-?\d+)"', shape)[1])
    return align, left, indent


def test_items_hang_under_their_text_one_step_further_in_per_level(report):
    _, left_1, indent_1 = shape_of(report, "○ (추진배경) 서울시 AI 활성화")
    _, left_2, indent_2 = shape_of(report, "- sLM 기반 업무지원 서비스")
    assert indent_1 < 0 and indent_2 < 0, "a negative first-line indent is 한글's 내어쓰기"
    assert left_2 > left_1


def test_tables_are_real_tables_with_header_rows_merged_cells_and_amounts_on_the_right(report):
    section = section_xml(report)
    tables = re.findall(r"<hp:tbl .*?</hp:tbl>", section, re.S)
    execution = next(t for t in tables if "원인행위액" in t and "예산현액" in t)
    assert 'repeatHeader="1"' in execution
    heads = re.findall(r'<hp:tc [^>]*header="1".*?</hp:tc>', execution, re.S)
    assert any("집행액" in cell and 'colSpan="2"' in cell for cell in heads)
    assert any("구 분" in cell and 'rowSpan="2"' in cell for cell in heads)
    programme_tree = next(t for t in tables if "세부사업명" in t)
    assert re.search(r'rowSpan="(\d+)"', programme_tree) and any(
        int(span) > 2 for span in re.findall(r'rowSpan="(\d+)"', programme_tree))
    assert shape_of(report, "10,699,686")[0] == "RIGHT"
    assert shape_of(report, "80.7%")[0] == "RIGHT"


def test_one_programme_is_its_page_alone(edition):
    unit = UnitProgram.objects.get(policy__edition=edition, number="1-1")
    content = build_report_hwpx(edition, unit)
    assert validate_package(content).ok
    text = HwpxDocument.open(content).text.plain()
    assert text.startswith("1-1. AI 행정서비스 연구개발")
    assert "1-2. 공공데이터" not in text and "세출예산 집행현황" not in text


def test_no_table_is_cut_at_the_foot_of_a_page(report):
    """python-hwpx's layout lint (no renderer): a table 한글 would not break across pages and that is
    taller than the page loses the rows past its foot. Every table flows across pages instead."""
    findings = lint_layout(report).findings
    assert [f.message for f in findings if f.severity == "error" or f.code == "TABLE_TALLER_THAN_PAGE"] == []
    section = section_xml(report)
    assert 'treatAsChar="1"' not in "".join(re.findall(r"<hp:tbl .*?<hp:pos [^>]*>", section, re.S))


def test_the_file_describes_itself_as_the_pdf_does(report):
    metadata = HwpxDocument.open(report).parts.metadata

    assert metadata.title == "2024년 주요 업무보고"
    assert metadata.creator == "서울디지털재단"
    assert metadata.subject.startswith("서울디지털재단 2024년 주요 업무보고: 일반현황")
    assert metadata.keyword == "주요 업무보고, 2024년, 서울디지털재단, 주요 현안업무, 세입·세출 예산, 초안"
    assert metadata.created_date == "2024-11-01T00:00:00Z"
