"""The PDF as an archive and a screen reader find it: bookmarks that are the contents, metadata,
a structure tree, the 초안 mark of a draft, and a published edition's 판, 발행일 and PDF/A.
"""
import datetime
import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from budget.models import UnitProgram
from reports.models import ReportEdition
from workreport.rendering import ARCHIVAL_PDF_VARIANT, PrintStamp, build_report_pdf
from workreport.tests.pdf_helpers import outline_of, pages_text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 필요"),
]

SEOUL = datetime.timezone(datetime.timedelta(hours=9))
DRAFT_MADE_AT = datetime.datetime(2024, 11, 4, 9, 5, tzinfo=SEOUL)
PUBLISHED_AT = datetime.datetime(2024, 11, 12, 16, 40, 7, tzinfo=SEOUL)

CONTENTS = [
    (1, "I. 일반 현황"), (2, "설립목적 및 사업"), (2, "조직"), (2, "인력"), (2, "팀별 주요업무"),
    (2, "2024년도 세입·세출 예산현황"), (2, "2024년 사업 및 예산"),
    (1, "II. 정책목표 및 추진전략"), (2, "주요 현안업무"),
    (1, "III. 주요 현안업무"),
    (2, "1. 서울시 과학행정 선도"), (3, "1-1. AI 행정서비스 연구개발"), (3, "1-2. 공공데이터 활용·분석 지원"),
    (2, "2. 스마트시티 서울의 글로벌 경쟁력 강화"), (3, "2-1. 디지털 정책연구"), (3, "2-2. 도시데이터 활용 컨설팅"),
    (3, "2-3. 디지털 약자 역량 강화"), (3, "2-4. 서울스마트시티센터 운영"), (3, "2-5. 스마트도시 솔루션 해외진출"),
    (3, "2-6. 서울 스마트라이프 위크 운영"), (3, "2-7. 해외도시 디지털 정책교류"), (3, "2-8. 스마트도시 서비스 개발"),
    (1, "IV. 2024 세입·세출예산 세부현황"), (2, "세입예산"), (2, "세출예산 집행현황"),
]


def structure_types(reader) -> set[str]:
    """The /S of every element of the structure tree."""
    types, stack = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if "/S" in node:
            types.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids.get_object()
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object()
            if hasattr(kid, "keys") and ("/K" in kid or "/S" in kid):
                stack.append(kid)
    return types


@pytest.fixture(scope="module")
def draft(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        pdf = build_report_pdf(ReportEdition.objects.get(year=2024), stamp=PrintStamp.draft(DRAFT_MADE_AT))
    return {"pdf": pdf, "reader": PdfReader(io.BytesIO(pdf)), "pages": pages_text(pdf)}


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        pdf = build_report_pdf(ReportEdition.objects.get(year=2024), stamp=PrintStamp.published(2, PUBLISHED_AT))
    return {"pdf": pdf, "reader": PdfReader(io.BytesIO(pdf)), "pages": pages_text(pdf)}


# ---------------------------------------------------------------- bookmarks

def test_the_bookmarks_are_the_contents_in_shape_and_labels(draft):
    assert [(level, title) for level, title, _ in outline_of(draft["reader"])] == CONTENTS


def test_each_bookmark_opens_the_page_its_contents_line_names(draft):
    contents_page = draft["pages"][1]
    for level, title, page in outline_of(draft["reader"]):
        line = next(line for line in contents_page.splitlines() if line.strip().startswith(title))
        assert int(re.search(r"(\d+)\s*$", line).group(1)) == page, title


# ---------------------------------------------------------------- metadata and structure

def test_the_metadata_names_the_foundation_the_report_and_its_dates(draft):
    info = draft["reader"].metadata
    assert info["/Author"] == "서울디지털재단"
    assert info["/Title"] == "2024년 주요 업무보고"
    assert info["/Subject"].startswith("서울디지털재단 2024년 주요 업무보고:") and "’24.10.18. 기준" in info["/Subject"]
    assert "주요 업무보고" in info["/Keywords"] and "초안" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20241101")  # the edition's 발행월
    assert info["/ModDate"].startswith("D:20241104090500+09'00")  # when this draft was made
    assert draft["reader"].trailer["/Root"]["/Lang"] == "ko"


def test_the_pdf_is_tagged_with_headings_paragraphs_lists_and_tables(draft):
    root = draft["reader"].trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert {"/H1", "/H2", "/H3", "/H4", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD"} <= structure_types(draft["reader"])


# ---------------------------------------------------------------- drafts and published editions

def test_every_page_of_a_draft_says_it_is_a_draft_made_when(draft):
    unmarked = [number for number, text in enumerate(draft["pages"], 1)
                if "초안 · 2024. 11. 4. 09:05 작성 · 발행본 아님" not in text]
    assert unmarked == []
    assert "/Metadata" not in draft["reader"].trailer["/Root"]  # no PDF/A claim: a draft is no archive copy


def test_a_published_edition_carries_its_issue_and_date_on_the_cover_and_every_footer(published):
    cover, *others = published["pages"]
    assert "제2판 · 발행일 2024. 11. 12." in cover
    assert [n for n, text in enumerate(others, 2) if not re.search(r"제2판 · 발행일 2024\. 11\. 12\.", text)] == []
    assert not any("초안" in text for text in published["pages"])
    assert "제2판" in published["reader"].metadata["/Keywords"]


def test_a_published_edition_is_declared_pdf_a_with_every_font_embedded(published, tmp_path):
    assert ARCHIVAL_PDF_VARIANT == "pdf/a-2u"
    root = published["reader"].trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part="2"', xmp) and re.search(r'pdfaid:conformance="U"', xmp)
    assert "서울디지털재단" in xmp and "2024년 주요 업무보고" in xmp
    intents = [intent.get_object() for intent in root["/OutputIntents"]]
    assert [str(intent["/S"]) for intent in intents] == ["/GTS_PDFA1"]
    path = tmp_path / "published.pdf"
    path.write_bytes(published["pdf"])
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # the "emb" column


def test_the_same_data_and_stamp_give_the_same_bytes(edition):
    unit = UnitProgram.objects.get(policy__edition=edition, number="2-5")
    stamp = PrintStamp.published(1, PUBLISHED_AT)
    assert build_report_pdf(edition, unit, stamp=stamp) == build_report_pdf(edition, unit, stamp=stamp)


def test_a_single_programme_pdf_is_numbered_as_its_pages_are_in_the_report(draft, edition):
    page_in_report = next(page for _, title, page in outline_of(draft["reader"]) if title.startswith("2-2. "))
    unit = UnitProgram.objects.get(policy__edition=edition, number="2-2")

    pdf = build_report_pdf(edition, unit)

    [text] = pages_text(pdf)
    assert "2-2. 도시데이터 활용 컨설팅" in text and "2-1. 디지털 정책연구" not in text
    assert re.search(rf"-\s*{page_in_report}\s*-\s*$", text, re.M)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata["/Title"] == "2024년 주요 업무보고 · 2-2. 도시데이터 활용 컨설팅"
    assert [item.title for item in reader.outline] == ["2-2. 도시데이터 활용 컨설팅"]
