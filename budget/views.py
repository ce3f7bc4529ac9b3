"""The finance desk: 세입·세출 총괄, the programme tree with 소계, execution as of any date and by month.

Views only gather: every figure comes from budget.figures, every number is printed by
reports.formatting (through the table columns), and each page runs a fixed number of queries.
"""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django_tables2 import RequestConfig

from budget import figures
from budget.filters import DetailProgramFilter
from budget.models import DetailProgram, UnitProgram
from budget.resources import RESOURCES
from budget.tables import ComparisonTable, DetailExecutionTable, ExecutionSummaryTable, ProgrammeTreeTable
from reports import charts
from reports.chart_cache import cached_chart
from reports.desk import EXPORT_FORMATS, as_of_note, edition_and_date, edition_note, export_requested, no_edition
from reports.page_cache import cached_value
from reports.spreadsheets import blank_template_view


@login_required
def summary(request):
    form, edition, _ = edition_and_date(request, with_date=False)
    if edition is None:
        return no_edition(request)
    revenue = figures.revenue_summary(edition)
    expenditure = figures.expenditure_summary(edition)
    tables = {
        "revenue": ComparisonTable(revenue[1:], total=revenue[0], year=edition.year, prefix="revenue-",
                                   title="세입 총괄"),
        "expenditure": ComparisonTable(expenditure[1:], total=expenditure[0], year=edition.year, prefix="expenditure-",
                                       title="세출 총괄"),
    }
    for table in tables.values():
        RequestConfig(request, paginate=False).configure(table)
    exported = export_requested(request, tables, f"budget-summary-{edition.year}", basis=edition_note(edition))
    if exported:
        return exported
    return render(request, "budget/summary.html", {"form": form, "edition": edition, **tables})


def tree_rows(tree, team_names, units_shown=None):
    """The programme tree as table lines: 정책사업, then each 단위사업's 소계 line and its 세부사업."""
    rows = []
    for policy in tree.policies:
        units = [u for u in policy.units if units_shown is None or u.unit.pk in units_shown]
        if not units:
            continue
        rows.append({"kind": "policy", "policy": policy.name, "unit": "", "detail": "",
                     "amount": policy.total, "note": "", "team": ""})
        for unit in units:
            team = team_names.get(unit.unit.pk) or ""
            rows.append({"kind": "subtotal", "policy": "", "unit": str(unit.unit), "detail": "소계",
                         "amount": unit.total, "note": unit.budget_note, "team": team})
            rows.extend({"kind": "detail", "policy": "", "unit": "", "detail": d.name, "amount": d.amount,
                         "note": d.note, "team": ""} for d in unit.details)
    return rows


@login_required
def programmes(request):
    form, edition, _ = edition_and_date(request, with_date=False)
    if edition is None:
        return no_edition(request)
    details = DetailProgram.objects.filter(unit__policy__edition=edition)
    detail_filter = DetailProgramFilter(request.GET or None, queryset=details, edition=edition,
                                        with_over_committed=False)
    filtered = detail_filter.is_bound and any(detail_filter.form.cleaned_data.values()) if detail_filter.is_valid() else False
    units_shown = set(detail_filter.qs.values_list("unit_id", flat=True)) if filtered else None
    tree = figures.programme_tree(edition)
    total = None if filtered else {"policy": tree.grand_total_label, "amount": tree.grand_total}
    team_names = dict(UnitProgram.objects.filter(policy__edition=edition).values_list("pk", "owning_team__name"))
    table = ProgrammeTreeTable(tree_rows(tree, team_names, units_shown), total=total,
                               title="사업 및 예산 (조건에 맞는 단위사업)" if filtered else "사업 및 예산")
    RequestConfig(request, paginate=False).configure(table)
    exported = export_requested(request, {"tree": table}, f"programmes-{edition.year}", basis=edition_note(edition))
    if exported:
        return exported
    return render(request, "budget/programmes.html", {
        "form": form, "edition": edition, "filter": detail_filter, "table": table, "filtered": filtered,
        "composition": tree.composition_sentence,
    })


def execution_parts(request, edition, as_of):
    """(filter, {"details", "accounts"} tables, the cards' other context) of the execution page."""
    lines = figures.detail_execution(edition, as_of)
    rows = figures.execution_table_of(edition, lines)
    summary_table = ExecutionSummaryTable([r for r in rows[1:] if r.level == 1], total=rows[0], prefix="summary-",
                                          title="과목별 집행현황")
    detail_filter = DetailProgramFilter(
        request.GET or None, queryset=DetailProgram.objects.filter(unit__policy__edition=edition),
        edition=edition, executions=lines,
    )
    shown = set(detail_filter.qs.values_list("pk", flat=True))
    detail_table = DetailExecutionTable([line for line in lines if line.detail.pk in shown], title="세부사업별 집행현황")
    RequestConfig(request, paginate=False).configure(summary_table)
    RequestConfig(request, paginate=False).configure(detail_table)
    return detail_filter, {"details": detail_table, "accounts": summary_table}, lines


def render_execution(request, form, edition, as_of) -> dict:
    """{"filters_html", "cards_html"}: the page's form and cards as HTML. They depend on the data,
    the edition and date, and the query string (filters, sorting), never on the user: the shared
    cache keeps them by exactly those (reports.page_cache)."""
    detail_filter, tables, lines = execution_parts(request, edition, as_of)
    months = figures.execution_by_month(edition, as_of)
    context = {
        "form": form, "filter": detail_filter, "edition": edition, "as_of": as_of,
        "summary_table": tables["accounts"], "detail_table": tables["details"],
        "over_committed": [line for line in lines if line.over_committed],
        # our own SVG drawn from figures: its only text is month labels and amounts, escaped by matplotlib
        "progress_chart": mark_safe(cached_chart(charts.execution_progress_chart, months)) if months else "",
    }
    return {
        "filters_html": render_to_string("desk/_filter_with.html", context, request=request),
        "cards_html": render_to_string("budget/_execution_cards.html", context, request=request),
    }


@login_required
def execution(request):
    form, edition, as_of = edition_and_date(request)
    if edition is None:
        return no_edition(request)
    if request.GET.get("_export") in EXPORT_FORMATS:
        _, tables, _ = execution_parts(request, edition, as_of)
        return export_requested(request, tables, f"execution-{as_of}", basis=as_of_note(as_of))
    # django-tables2 renders each cell through templates: 200 ms at 10× data, so once per state
    # of the data and query string, not once a request (issue 11, part 9)
    parts = (edition.pk, as_of, request.path, sorted(request.GET.lists()))
    fragments = cached_value("budget-execution", parts, lambda: render_execution(request, form, edition, as_of))
    return render(request, "budget/execution.html", {
        "edition": edition, "as_of": as_of,
        "filters_html": mark_safe(fragments["filters_html"]), "cards_html": mark_safe(fragments["cards_html"]),
    })


# A blank xlsx with just the header row of an import (세부사업 예산, 집행 실적).
import_template = blank_template_view(RESOURCES, "budget")
