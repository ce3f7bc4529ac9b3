"""The HR desk: 정원·현원 as of any date and by quarter, people by unit, 팀별 주요업무.

Views only gather: every figure comes from staffing.figures, every number is printed by
reports.formatting (through the table columns), and each page runs a fixed number of queries.
"""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django_tables2 import RequestConfig

from reports import charts
from reports.chart_cache import cached_chart
from reports.desk import as_of_note, edition_and_date, edition_note, export_requested, no_edition
from reports.spreadsheets import blank_template_view
from staffing import figures
from staffing.filters import PostFilter
from staffing.models import Person, Post
from staffing.resources import RESOURCES
from staffing.tables import ContractStaffTable, DutyTable, HeadcountTable, PostTable, QuarterHistoryTable


@login_required
def headcount(request):
    form, edition, as_of = edition_and_date(request)
    if edition is None:
        return no_edition(request)
    rows = figures.headcount_table(as_of)
    contract = figures.contract_staff(as_of)
    table = HeadcountTable(rows[1:], total=rows[0], title="직급별 정원·현원")
    history = figures.headcount_history(as_of)
    history_table = QuarterHistoryTable(history, orderable=False, title="분기별 정원·현원")
    RequestConfig(request, paginate=False).configure(table)
    exported = export_requested(request, {"grades": table, "quarters": history_table}, f"headcount-{as_of}",
                                basis=as_of_note(as_of))
    if exported:
        return exported
    return render(request, "staffing/headcount.html", {
        "form": form, "edition": edition, "as_of": as_of, "table": table, "history_table": history_table,
        "contract_staff": contract, "total_staff": figures.total_staff_of(rows, contract),
        "census_date": figures.current_census_date(as_of),
        # our own SVG drawn from figures: its only text is quarter labels and numbers, escaped by matplotlib
        "history_chart": mark_safe(cached_chart(charts.headcount_history_chart, history)) if history else "",
    })


@login_required
def people(request):
    form, edition, _ = edition_and_date(request, with_date=False)
    if edition is None:
        return no_edition(request)
    posts = (
        Post.objects.filter(unit__edition=edition, person__employment=Person.Employment.REGULAR)
        .select_related("unit", "person__grade")
        .order_by("unit__order", "unit__name", "order", "pk")
    )
    post_filter = PostFilter(request.GET or None, queryset=posts, edition=edition)
    table = PostTable(post_filter.qs, title="정규직(정원 내) · 조직별")
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    contract_people = (
        Person.objects.filter(edition=edition, employment=Person.Employment.CONTRACT)
        .prefetch_related("posts__unit").order_by("name")
    )
    contract_table = ContractStaffTable(contract_people, prefix="contract-", title="계약직(정원 외 인력)")
    RequestConfig(request, paginate={"per_page": 50}).configure(contract_table)
    exported = export_requested(request, {"regular": table, "contract": contract_table}, f"people-{edition.year}",
                                basis=edition_note(edition))
    if exported:
        return exported
    return render(request, "staffing/people.html", {
        "form": form, "edition": edition, "filter": post_filter, "table": table,
        "contract_table": contract_table, "contract_staff": figures.contract_staff(edition.figures_as_of),
    })


@login_required
def duties(request):
    form, edition, _ = edition_and_date(request, with_date=False)
    if edition is None:
        return no_edition(request)
    rows = [
        {"unit": team.name, "unit_order": team.order, "heading": group.heading,
         "items": [item.text for item in group.items.all()]}
        for team in figures.teams_with_duties(edition)
        for group in team.duty_groups.all()
    ]
    table = DutyTable(rows, title="팀별 주요업무")
    RequestConfig(request, paginate=False).configure(table)
    exported = export_requested(request, {"duties": table}, f"duties-{edition.year}", basis=edition_note(edition))
    if exported:
        return exported
    return render(request, "staffing/duties.html", {
        "form": form, "edition": edition, "table": table, "org_summary": figures.org_summary(edition),
    })


# A blank xlsx with just the header row of an import (직원, 정원, 현원).
import_template = blank_template_view(RESOURCES, "staffing")
