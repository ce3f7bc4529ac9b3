"""The printable 주요 업무보고: HTML from the report templates, and the PDF WeasyPrint makes of it.

Every figure comes from the figures modules (budget.figures, staffing.figures) and is
printed by reports.formatting; section III's pages come from projects.pages. This module
only gathers them, arranges the rows of the 사업 및 예산 table (rowspans) and has the charts
drawn. The queries are a fixed number whatever the size of the data.

WeasyPrint renders with reports.safety.static_only_fetcher(): the stylesheet is the
only URL the document names, and nothing leaves the machine. The PDF is tagged, its bookmarks
are the contents (contents_of), and a PrintStamp says which copy it is: a draft (초안 and when)
or a published edition (판 and 발행일, PDF/A). docs/print.md says how and why.
"""
import datetime
import sys
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from budget import figures as budget_figures
from projects.pages import programme_sections, strategy_of, unit_entries
from reports import charts
from reports.formatting import format_as_of, format_date, format_moment
from reports.models import ReportEdition
from reports.safety import REPORT_BASE_URL, static_only_fetcher
from reports.typesetting import keep_words_together
from staffing import figures as staffing_figures


def document_title(edition: ReportEdition, unit=None) -> str:
    title = f"{edition.year}년 {edition.title}"
    return f"{title} · {unit.number}. {unit.name}" if unit is not None else title


# PDF/A-2u: PDF/A-2 (ISO 19005-2, fonts embedded, sRGB output intent, XMP metadata, no
# encryption) at level U, every glyph mapped to its Unicode text (WeasyPrint writes a ToUnicode map
# for every font), which is what an archive searches and copies. Level A would also promise a
# complete, correct logical structure, which WeasyPrint's tags (pdf_tags) do not yet give for the
# inline SVG charts (no alternative text) — see docs/print.md.
ARCHIVAL_PDF_VARIANT = "pdf/a-2u"


# ---------------------------------------------------------------- which copy a PDF is

@dataclass(frozen=True)
class PrintStamp:
    """Which copy of the report a PDF is, printed on every page and in its metadata.

    A draft (issue None) says 초안 and the moment it was made; a published edition says its 판
    (제1판, 제2판 … of its year) and 발행일, and is rendered as PDF/A. The moment is the only
    input besides the data and the code, so a published file can be rendered again byte for byte.
    """

    made_at: datetime.datetime
    issue: int | None = None

    @classmethod
    def draft(cls, made_at=None):
        return cls(made_at=(made_at or timezone.now()).replace(microsecond=0))

    @classmethod
    def published(cls, issue: int, published_at: datetime.datetime):
        return cls(made_at=published_at.replace(microsecond=0), issue=issue)

    @property
    def is_draft(self) -> bool:
        return self.issue is None

    @property
    def issue_label(self) -> str:
        return "초안" if self.is_draft else f"제{self.issue}판"

    @property
    def mark(self) -> str:
        """The line on every page: '초안 · 2026. 12. 1. 14:30 작성' or '제1판 · 발행일 2026. 12. 1.'."""
        if self.is_draft:
            return f"초안 · {format_moment(self.made_at)} 작성 · 발행본 아님"
        return f"{self.issue_label} · 발행일 {format_date(timezone.localtime(self.made_at))}"

    @property
    def css_mark(self) -> str:
        return css_string(self.mark)

    @property
    def moment_iso(self) -> str:
        """The moment in W3C form for the PDF's ModDate (local time with its offset)."""
        return timezone.localtime(self.made_at).isoformat()


def css_string(text: str) -> str:
    """Text as a quoted CSS string: every character but ASCII letters, digits and Hangul escaped,
    so that no typed text can end the string or the <style> element it stands in."""
    return '"' + "".join(
        char if (char.isascii() and char.isalnum()) or "\uac00" <= char <= "\ud7a3"
        else f"\\{ord(char):x} " for char in text
    ) + '"'


# ---------------------------------------------------------------- contents and bookmarks

@dataclass(frozen=True)
class ContentsEntry:
    """One line of the 목차, and the PDF bookmark at the same place (the outline is the contents).

    level 1 is a part (I … IV), 2 a heading or a 정책사업 of III, 3 a 단위사업's page.
    """

    level: int
    anchor: str
    label: str

    @property
    def css_label(self) -> str:
        return css_string(self.label)


def contents_of(edition, sections) -> list[ContentsEntry]:
    """The 목차 of the whole report: parts, their headings, and III's 정책사업 with their pages."""
    year = edition.year
    entries = [
        ContentsEntry(1, "part-1", "I. 일반 현황"),
        ContentsEntry(2, "general-purpose", "설립목적 및 사업"),
        ContentsEntry(2, "org", "조직"),
        ContentsEntry(2, "staffing", "인력"),
        ContentsEntry(2, "duties", "팀별 주요업무"),
        ContentsEntry(2, "budget-summary", f"{year}년도 세입·세출 예산현황"),
        ContentsEntry(2, "programme-budget", f"{year}년 사업 및 예산"),
        ContentsEntry(1, "part-2", "II. 정책목표 및 추진전략"),
        ContentsEntry(2, "issues", "주요 현안업무"),
        ContentsEntry(1, "programmes", "III. 주요 현안업무"),
    ]
    for section in sections:
        policy = section["policy"]
        entries.append(ContentsEntry(2, f"policy-{policy.number}", f"{policy.number}. {policy.name}"))
        entries += [ContentsEntry(3, f"unit-{entry.number}", f"{entry.number}. {entry.title}")
                    for entry in section["entries"]]
    return entries + [
        ContentsEntry(1, "part-4", f"IV. {year} 세입·세출예산 세부현황"),
        ContentsEntry(2, "budget-detail", "세입예산"),
        ContentsEntry(2, "execution", "세출예산 집행현황"),
    ]


# ---------------------------------------------------------------- section I tables

# The head of a 재단 stands at the top of its chart; teams directly under it are staff units
# (감사팀), drawn beside the line, not in the row of the 실 and 본부.
HEAD_OF = {"foundation": "이사장"}
STAFF_KIND = "team"


def org_charts(org_tree) -> list[dict]:
    """Each root of the org tree as the chart draws it: its head, its staff units, its line units."""
    return [{
        "head": HEAD_OF.get(root.kind, root.name),
        "name": root.name,
        "staff": [child for child in root.children if child.kind == STAFF_KIND],
        "line": [child for child in root.children if child.kind != STAFF_KIND],
    } for root in org_tree]



def programme_rows(tree) -> list[dict]:
    """Rows of the 사업 및 예산 table with the rowspans of its 정책사업 and 단위사업 cells.

    A group whose only 단위사업 carries the group's own name (행정 운영 경비) prints one
    merged cell across both columns, as the source does.
    """
    rows = []
    for policy in tree.policies:
        merged = len(policy.units) == 1 and policy.units[0].name == policy.name
        policy_rowspan = sum(1 + len(unit.details) for unit in policy.units)
        policy_cell = {"name": policy.name, "rowspan": policy_rowspan, "colspan": 2 if merged else 1}
        for unit in policy.units:
            unit_cell = None if merged else {"name": unit.name, "rowspan": 1 + len(unit.details)}
            rows.append({"kind": "subtotal", "policy_cell": policy_cell, "unit_cell": unit_cell,
                         "name": "소 계", "amount": unit.total, "note": ""})
            policy_cell = None
            for detail in unit.details:
                rows.append({"kind": "detail", "policy_cell": None, "unit_cell": None,
                             "name": detail.name, "amount": detail.amount,
                             "note": "명시이월 사업" if detail.carried_over else detail.note})
    rows.append({"kind": "grand-total", "policy_cell": None, "unit_cell": None,
                 "name": tree.grand_total_label, "amount": tree.grand_total, "note": ""})
    return rows


def year_labels(edition) -> dict:
    year, prior = edition.year, edition.year - 1
    return {
        "current": f"{year} 예산현액",
        "prior": f"{prior} 최종예산",
        "current_short": f"’{year % 100:02d}년 예산현액",
        "prior_short": f"’{prior % 100:02d}년 최종예산",
        "versus_prior": f"’{prior % 100:02d}년 대비",
    }


def report_charts(headcount_rows, tree, execution_rows) -> dict:
    grades = [row for row in headcount_rows if not row.is_total]
    units = [unit for policy in tree.programmes for unit in policy.units]
    details = [row for row in execution_rows if row.level == 2]
    return {
        "headcount": charts.headcount_chart(
            [r.grade for r in grades], [r.authorised for r in grades], [r.current for r in grades]),
        "unit_budget": charts.unit_budget_chart(
            [f"{u.number} {u.name}" for u in units], [u.total for u in units]),
        "execution": charts.execution_rate_chart(
            [d.name for d in details], [d.committed_rate for d in details], [d.spent_rate for d in details]),
    }


def report_context(edition) -> dict:
    """Everything the whole report prints, from the figures modules."""
    as_of = edition.figures_as_of
    headcount_rows = staffing_figures.headcount_table(as_of)
    contract_staff = staffing_figures.contract_staff(as_of)
    org_tree = staffing_figures.org_tree(edition)
    tree = budget_figures.programme_tree(edition)
    execution_rows = budget_figures.execution_table(edition)
    sections = programme_sections(tree)
    return {
        "body_template": "report/report.html",
        "purpose_businesses": list(edition.purpose_businesses.order_by("order", "pk")),
        "org_summary": staffing_figures.org_summary_of(org_tree),
        "org_tree": org_tree,
        "org_charts": org_charts(org_tree),
        "headcount_rows": headcount_rows,
        "contract_staff": contract_staff,
        "total_staff": staffing_figures.total_staff_of(headcount_rows, contract_staff),
        "teams": staffing_figures.teams_with_duties(edition),
        "revenue_summary": budget_figures.revenue_summary(edition),
        "expenditure_summary": budget_figures.expenditure_summary(edition),
        "composition_sentence": tree.composition_sentence,
        "programme_rows": programme_rows(tree),
        "strategy": strategy_of(edition),
        "programme_sections": sections,
        "contents": contents_of(edition, sections),
        "revenue_detail": budget_figures.revenue_detail(edition),
        "execution_rows": execution_rows,
        "charts": report_charts(headcount_rows, tree, execution_rows),
    }


def unit_context(edition, unit) -> dict:
    """One 단위사업's page(s) of section III."""
    tree = budget_figures.programme_tree(edition)
    pages = unit_entries(tree, unit)
    return {"body_template": "report/unit.html", "programme_pages": pages,
            "contents": [ContentsEntry(1, f"unit-{entry.number}", f"{entry.number}. {entry.title}")
                         for entry in pages]}


def document_subject(edition, unit=None) -> str:
    """The PDF's Subject: what the document is and the date its figures stand on."""
    what = (f"{unit.number}. {unit.name} (주요 현안업무)" if unit is not None
            else "일반현황, 정책목표 및 추진전략, 주요 현안업무, 세입·세출예산 세부현황")
    return f"{edition.organisation_name} {edition.year}년 {edition.title}: {what}, {format_as_of(edition.figures_as_of)} 기준"


def document_keywords(edition, stamp) -> str:
    return ", ".join((edition.title, f"{edition.year}년", edition.organisation_name, "주요 현안업무",
                      "세입·세출 예산", stamp.issue_label))


def document_context(edition, unit=None, *, stamp=None) -> dict:
    """What the report's templates print, for every format of the report (the HTML and PDF here,
    the HWPX of workreport.hwpx): the whole report (unit=None) or one 단위사업's pages.

    stamp: which copy it is (PrintStamp); a draft made now unless given.
    """
    stamp = stamp or PrintStamp.draft()
    context = {
        "edition": edition,
        "unit": unit,
        "stamp": stamp,
        "document_title": document_title(edition, unit),
        "document_subject": document_subject(edition, unit),
        "document_keywords": document_keywords(edition, stamp),
        "as_of_caption": format_as_of(edition.figures_as_of),
        "labels": year_labels(edition),
    }
    context.update(unit_context(edition, unit) if unit is not None else report_context(edition))
    return context


def render_report_html(edition, unit=None, *, for_print=True, request=None, extra_context=None, stamp=None) -> str:
    """The report as HTML: the whole report (unit=None) or one 단위사업's pages.

    for_print=True gives the standalone document WeasyPrint renders; False gives the
    preview inside the site (report/preview.html, with the site's header and links).
    stamp: which copy it is (PrintStamp); a draft made now unless given.
    """
    context = document_context(edition, unit, stamp=stamp)
    context["for_print"] = for_print
    context.update(extra_context or {})
    template = "report/print_base.html" if for_print else "report/preview.html"
    return render_to_string(template, context, request=request)


def pdf_options(archival: bool) -> dict:
    """Tagged always (a structure tree for screen readers and reflow); PDF/A when archival."""
    options = {"pdf_tags": True}
    if archival:
        options["pdf_variant"] = ARCHIVAL_PDF_VARIANT
    return options


def weasyprint_imported() -> bool:
    return "weasyprint" in sys.modules


def import_weasyprint():
    """Import WeasyPrint and the report's URL fetcher now (render_document would on first use): a
    process about to fork typesetting children does it once, and they share it."""
    import weasyprint  # noqa: F401

    static_only_fetcher()


def render_document(html: str):
    """WeasyPrint's laid-out document of report HTML, fetching only our own static files.

    Every text of the document is set word by word (어절) here, in one pass over the HTML
    (reports.typesetting), whichever template printed it. WeasyPrint is imported here, by the
    processes that typeset (0.45 s), not by every one that imports this module.
    """
    from weasyprint import HTML

    return HTML(string=keep_words_together(html), base_url=REPORT_BASE_URL,
                url_fetcher=static_only_fetcher()).render()


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    """The PDF of report HTML: tagged, and PDF/A (ARCHIVAL_PDF_VARIANT) when archival."""
    return render_document(html).write_pdf(**pdf_options(archival))


def unit_page_range(page_anchors, unit) -> tuple[int, int] | None:
    """(first, end) page indexes of one 단위사업 in the whole report, given each page's anchors:
    from the page of its anchor up to the next page where something else starts (an anchor not
    on its first page: the page's own anchor is on each page it runs over); None if not printed."""
    anchor = f"unit-{unit.number}"
    first = next((index for index, anchors in enumerate(page_anchors) if anchor in anchors), None)
    if first is None:
        return None
    own = set(page_anchors[first])
    end = next((index for index in range(first + 1, len(page_anchors)) if set(page_anchors[index]) - own),
               len(page_anchors))
    return first, end


def unit_pages(document, unit) -> list:
    """The pages of one 단위사업 in the laid-out whole report (unit_page_range)."""
    first, end = unit_page_range([page.anchors for page in document.pages], unit)
    return document.pages[first:end]


def build_report_pdf(edition, unit=None, *, stamp=None) -> bytes:
    """The PDF of the whole report of an edition, or of one 단위사업's pages.

    One 단위사업's PDF is its pages cut from the laid-out whole report, so they carry the page
    numbers they have there ("- 14 -"), not "- 1 -"; it costs the layout of the whole report.
    stamp: a published edition's PrintStamp (then the file is PDF/A); a draft made now if None.
    """
    stamp = stamp or PrintStamp.draft()
    options = pdf_options(archival=not stamp.is_draft)
    document = render_document(render_report_html(edition, for_print=True, stamp=stamp))
    if unit is None:
        return document.write_pdf(**options)
    if not unit_entries(budget_figures.programme_tree(edition), unit):
        # a 단위사업 without a page: the report has no page of it (unit.html prints none)
        return html_to_pdf(render_report_html(edition, unit, for_print=True, stamp=stamp), archival=not stamp.is_draft)
    part = document.copy(unit_pages(document, unit))
    part.metadata.title = document_title(edition, unit)
    part.metadata.description = document_subject(edition, unit)
    return part.write_pdf(**options)
