"""The printable 주요 업무보고: HTML from the report templates, and the PDF WeasyPrint makes of it.

Every figure comes from the figures modules (budget.figures, staffing.figures) and is
printed by reports.formatting; section III's pages come from projects.pages. This module
only gathers them, arranges the rows of the 사업 및 예산 table (rowspans) and has the charts
drawn. The queries are a fixed number whatever the size of the data.

WeasyPrint renders with reports.safety.static_only_url_fetcher: the stylesheet is the
only URL the document names, and nothing leaves the machine.
"""
from django.template.loader import render_to_string
from weasyprint import HTML

from budget import figures as budget_figures
from projects.pages import programme_sections, strategy_of, unit_entries
from reports import charts
from reports.formatting import format_as_of
from reports.models import ReportEdition
from reports.safety import REPORT_BASE_URL, static_only_url_fetcher
from reports.typesetting import keep_words_together
from staffing import figures as staffing_figures


def document_title(edition: ReportEdition, unit=None) -> str:
    title = f"{edition.year}년 {edition.title}"
    return f"{title} · {unit.number}. {unit.name}" if unit is not None else title


# ---------------------------------------------------------------- section I tables

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
    return {
        "body_template": "report/report.html",
        "purpose_businesses": list(edition.purpose_businesses.order_by("order", "pk")),
        "org_summary": staffing_figures.org_summary_of(org_tree),
        "org_tree": org_tree,
        "headcount_rows": headcount_rows,
        "contract_staff": contract_staff,
        "total_staff": staffing_figures.total_staff_of(headcount_rows, contract_staff),
        "teams": staffing_figures.teams_with_duties(edition),
        "revenue_summary": budget_figures.revenue_summary(edition),
        "expenditure_summary": budget_figures.expenditure_summary(edition),
        "composition_sentence": tree.composition_sentence,
        "programme_rows": programme_rows(tree),
        "strategy": strategy_of(edition),
        "programme_sections": programme_sections(tree),
        "revenue_detail": budget_figures.revenue_detail(edition),
        "execution_rows": execution_rows,
        "charts": report_charts(headcount_rows, tree, execution_rows),
    }


def unit_context(edition, unit) -> dict:
    """One 단위사업's page(s) of section III."""
    tree = budget_figures.programme_tree(edition)
    return {"body_template": "report/unit.html", "programme_pages": unit_entries(tree, unit)}


def render_report_html(edition, unit=None, *, for_print=True, request=None, extra_context=None) -> str:
    """The report as HTML: the whole report (unit=None) or one 단위사업's pages.

    for_print=True gives the standalone document WeasyPrint renders; False gives the
    preview inside the site (report/preview.html, with the site's header and links).
    """
    context = {
        "edition": edition,
        "unit": unit,
        "for_print": for_print,
        "document_title": document_title(edition, unit),
        "as_of_caption": format_as_of(edition.figures_as_of),
        "labels": year_labels(edition),
    }
    context.update(unit_context(edition, unit) if unit is not None else report_context(edition))
    context.update(extra_context or {})
    template = "report/print_base.html" if for_print else "report/preview.html"
    return render_to_string(template, context, request=request)


def html_to_pdf(html: str) -> bytes:
    """The PDF WeasyPrint makes of report HTML, fetching only our own static files.

    Every text of the document is set word by word (어절) here, in one pass over the HTML
    (reports.typesetting), whichever template printed it.
    """
    return HTML(string=keep_words_together(html), base_url=REPORT_BASE_URL,
                url_fetcher=static_only_url_fetcher).write_pdf()


def build_report_pdf(edition, unit=None) -> bytes:
    """The PDF of the whole report of an edition, or of one 단위사업's pages."""
    return html_to_pdf(render_report_html(edition, unit, for_print=True))
