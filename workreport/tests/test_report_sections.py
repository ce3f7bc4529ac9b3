"""The draft merged from sections (workreport.sections) reads exactly as the one-pass render of the
same data, and an edit of one programme page typesets only the run of programme pages it is printed in."""
import datetime
import io
import re
import shutil

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from budget.models import UnitProgram
from projects.models import AchievementItem
from reports.models import ReportEdition
from workreport import sections
from workreport.rendering import PrintStamp, build_report_pdf, render_report_html
from workreport.tests import pdf_helpers
from workreport.tests.pdf_helpers import pages_text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 필요"),
]

SEOUL = datetime.timezone(datetime.timedelta(hours=9))
STAMP = PrintStamp.draft(datetime.datetime(2024, 11, 4, 9, 5, tzinfo=SEOUL))


def outline_of(pdf: bytes) -> list[tuple[int, str, int]]:
    return pdf_helpers.outline_of(PdfReader(io.BytesIO(pdf)))


def links_of(pdf: bytes) -> list[tuple[int, int]]:
    """(page of the link, page it opens) of every internal link, in order (the contents')."""
    reader = PdfReader(io.BytesIO(pdf))
    number = {page.indirect_reference.idnum: index + 1 for index, page in enumerate(reader.pages)}
    named = reader.named_destinations
    found = []
    for index, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            dest = annotation.get_object().get("/Dest")
            if dest is None:
                continue
            target = named[str(dest)].page if isinstance(dest, str) else dest[0]
            found.append((index, number[target.idnum]))
    return found


def footers(texts: list[str]) -> list[str]:
    """The page number printed at the foot of each page ('- 14 -' reads '-14-'), or '' (cover, dividers)."""
    found = []
    for text in texts:
        last = next((line for line in reversed(text.splitlines()) if line.strip()), "")
        match = re.search(r"-\s*(\d+)\s*-\s*$", last)
        found.append(match.group(1) if match else "")
    return found


def assert_reads_alike(merged: bytes, one_pass: bytes):
    merged_text, one_pass_text = pages_text(merged), pages_text(one_pass)
    assert len(merged_text) == len(one_pass_text)
    assert footers(merged_text) == footers(one_pass_text)
    assert sum(bool(line) for line in footers(merged_text)) > len(merged_text) // 2
    for number, (got, expected) in enumerate(zip(merged_text, one_pass_text), start=1):
        assert got == expected, f"{number}쪽이 한 번에 만든 PDF와 다릅니다"
    assert outline_of(merged) == outline_of(one_pass)
    assert len(links_of(one_pass)) >= 25 and links_of(merged) == links_of(one_pass)
    merged_meta, one_pass_meta = PdfReader(io.BytesIO(merged)).metadata, PdfReader(io.BytesIO(one_pass)).metadata
    for field in ("/Title", "/Author", "/Subject", "/Keywords", "/CreationDate", "/ModDate"):
        assert merged_meta.get(field) == one_pass_meta.get(field), field
    assert PdfReader(io.BytesIO(merged)).trailer["/Root"]["/Lang"] == "ko"


@pytest.fixture
def typeset(monkeypatch):
    """What each call of sectioned_pdf typeset, counted in the parent: per call the sorted
    (kind, key) of its jobs — ("section", index), ("contents", 0), ("numbers", first page)."""
    calls, real = [], sections.render_jobs

    def counting(jobs):
        if jobs:
            calls.append(sorted((job.kind, job.key) for job in jobs))
        return real(jobs)

    monkeypatch.setattr(sections, "render_jobs", counting)
    cache.clear()
    yield calls
    cache.clear()


def typeset_kinds(calls) -> set:
    return {job for call in calls for job in call}


def section_of(edition, page) -> int:
    """The index of the section that prints a programme page."""
    _, bodies, _ = sections.split_sections(render_report_html(edition, stamp=STAMP))
    return next(index for index, body in enumerate(bodies) if f'id="unit-{page.unit.number}"' in body)


def lengthen(item, times):
    item.text += " 이 문장은 쪽수가 바뀌도록 덧붙인 구역 시험용 추진실적 설명입니다." * times
    item.save()


def test_the_sectioned_draft_reads_as_one_pass(edition, typeset):
    merged = sections.sectioned_pdf(edition, stamp=STAMP)
    assert_reads_alike(merged, build_report_pdf(edition, stamp=STAMP))
    count = len(sections.split_sections(render_report_html(edition, stamp=STAMP))[1])
    assert count > 5  # III is cut in runs of programme pages
    # every section once, wherever it lands; then the contents with their numbers and one number sheet
    assert typeset[0] == [("section", index) for index in range(1, count)]
    assert typeset[1] == [("contents", 0), ("numbers", 1)]
    assert len(typeset) == 2


def test_a_typesetting_process_typesets_the_draft_this_process_would(edition, typeset):
    """build_report's Typesetter (forked first, importing WeasyPrint on its own) typesets the same
    jobs into the same draft as children forked from this process; unused, it is just stopped."""
    forked_here = sections.sectioned_pdf(edition, stamp=STAMP)
    cache.clear()
    started = sections.Typesetter()
    token = sections.TYPESETTER.set(started)
    try:
        through_it = sections.sectioned_pdf(edition, stamp=STAMP)
    finally:
        sections.TYPESETTER.reset(token)
        started.close()
    assert_reads_alike(through_it, forked_here)
    assert typeset[2:] == typeset[:2]  # the same jobs, sent to it
    sections.Typesetter().close()


def test_an_edit_of_one_programme_page_typesets_only_its_run_of_pages(edition, typeset):
    sections.sectioned_pdf(edition, stamp=STAMP)
    typeset.clear()
    assert sections.sectioned_pdf(edition, stamp=STAMP)  # unchanged: every section from the cache
    assert typeset == []

    item = AchievementItem.objects.filter(page__unit__policy__edition=edition).exclude(marker="table").first()
    item.text = "구역 캐시 시험으로 고친 추진실적 문장"
    item.save()
    merged = sections.sectioned_pdf(edition, stamp=STAMP)

    # the run of III that holds the page; its page count did not change, so the contents stand
    assert typeset == [[("section", section_of(edition, item.page))]]
    assert "구역 캐시 시험으로 고친 추진실적 문장" in "".join(pages_text(merged)).replace("\n", "")
    assert_reads_alike(merged, build_report_pdf(edition, stamp=STAMP))


def test_an_edit_that_adds_a_page_typesets_its_section_and_the_contents_only(edition, typeset):
    before = sections.sectioned_pdf(edition, stamp=STAMP)
    typeset.clear()
    item = AchievementItem.objects.filter(page__unit__policy__edition=edition).exclude(marker="table").first()
    lengthen(item, 40)
    merged = sections.sectioned_pdf(edition, stamp=STAMP)

    assert len(pages_text(merged)) > len(pages_text(before))
    # the pages after it move (their footers, the contents' numbers, the bookmarks) untypeset
    assert typeset == [[("section", section_of(edition, item.page))], [("contents", 0)]]
    assert_reads_alike(merged, build_report_pdf(edition, stamp=STAMP))


def test_a_new_release_typesets_everything_again(edition, typeset, monkeypatch):
    sections.sectioned_pdf(edition, stamp=STAMP)
    first = typeset_kinds(typeset)
    typeset.clear()
    monkeypatch.setattr("reports.release.current_release", lambda: "another-release")
    merged = sections.sectioned_pdf(edition, stamp=STAMP)
    assert typeset_kinds(typeset) == first
    assert_reads_alike(merged, build_report_pdf(edition, stamp=STAMP))


def test_one_programme_pdf_is_cut_from_the_cached_sections_as_from_one_pass(edition, typeset):
    unit = UnitProgram.objects.get(policy__edition=edition, number="2-2")
    sections.sectioned_pdf(edition, stamp=STAMP)
    typeset.clear()
    cut = sections.programme_pdf(edition, unit, stamp=STAMP)
    assert typeset == []  # every page from the draft's cache
    one_pass = build_report_pdf(edition, unit, stamp=STAMP)
    assert pages_text(cut) == pages_text(one_pass)
    assert outline_of(cut) == outline_of(one_pass) == [(1, "2-2. 도시데이터 활용 컨설팅", 1)]
    cut_meta, one_pass_meta = PdfReader(io.BytesIO(cut)).metadata, PdfReader(io.BytesIO(one_pass)).metadata
    for field in ("/Title", "/Author", "/Subject", "/Keywords"):
        assert cut_meta.get(field) == one_pass_meta.get(field), field


def test_at_ten_times_the_data_an_edit_that_adds_a_page_reads_as_one_pass(edition, typeset):
    from django.core.management import call_command

    call_command("make_synthetic_data", "--source", "2024", "--year", "2099", "--factor", "10", verbosity=0)
    big = ReportEdition.objects.get(year=2099)
    sections.sectioned_pdf(big, stamp=STAMP)
    typeset.clear()
    item = AchievementItem.objects.filter(page__unit__policy__edition=big).exclude(marker="table").last()
    lengthen(item, 40)
    merged = sections.sectioned_pdf(big, stamp=STAMP)
    assert typeset[0] == [("section", section_of(big, item.page))] and len(typeset) <= 2
    assert len(pages_text(merged)) > 2 * sections.NUMBER_SHEET_PAGES  # three number sheets
    assert_reads_alike(merged, build_report_pdf(big, stamp=STAMP))


def test_build_report_uses_the_draft_cache_and_no_cache_renders_one_pass(edition, monkeypatch, tmp_path):
    from django.core.management import call_command

    from workreport.management.commands import build_report

    calls = []
    monkeypatch.setitem(build_report.BUILDERS, "pdf", (lambda e, u=None: calls.append("draft") or b"%PDF-d", "PDF"))
    monkeypatch.setattr(build_report, "build_report_pdf", lambda e, u=None: calls.append("one pass") or b"%PDF-1")
    call_command("build_report", "2024", "-o", str(tmp_path / "a.pdf"))
    call_command("build_report", "2024", "--no-cache", "-o", str(tmp_path / "b.pdf"))
    assert calls == ["draft", "one pass"]
    assert (tmp_path / "b.pdf").read_bytes() == b"%PDF-1"
