"""What the home page shows: the headline figures of the latest edition, check_report's findings,
and for a team lead their programmes, when each was last updated, and the 향후일정 lines due this
month and next."""
import datetime
from dataclasses import dataclass

from django.db.models import Max, Prefetch
from django.utils import timezone

from accounts.roles import programme_team_scope
from budget.figures import EditionBudget
from projects.models import AchievementItem, AchievementTableRow, OverviewSubItem, ProgramPage, ScheduleItem
from staffing import figures as staffing_figures
from workreport.checks import check_year


def home_context(user, edition):
    """Everything the home page shows a user for an edition; each budget figure computed once
    (budget.figures.EditionBudget), for the headline and the checks alike."""
    budget = EditionBudget(edition)
    return {**headline_figures(edition, budget), **check_results(edition, budget), **team_lead_home(user, edition)}


def headline_figures(edition, budget):
    """The figures the home page shows, each taken from its figures module, never re-added here."""
    headcount_rows = staffing_figures.headcount_table(edition.figures_as_of)
    contract = staffing_figures.contract_staff(edition.figures_as_of)
    return {
        "headcount": headcount_rows[0],
        "total_staff": staffing_figures.total_staff_of(headcount_rows, contract),
        "budget_total": budget.expenditure_summary[0],
        "execution": budget.execution_table[0],
    }


def check_results(edition, budget):
    """check_report's findings for the edition, shown so that nobody prints a wrong figure unawares;
    the budget's checks read the figures the page shows (budget: budget.figures.EditionBudget)."""
    errors, warnings = check_year(edition, figures={"budget": budget})
    return {"check_errors": errors, "check_warnings": warnings}


@dataclass(frozen=True)
class DueItem:
    page: ProgramPage
    item: ScheduleItem


def due_window(today: datetime.date):
    """From the first day of this month to the last day of next month."""
    first = today.replace(day=1)
    after_next = (first + datetime.timedelta(days=64)).replace(day=1)
    return first, after_next - datetime.timedelta(days=1)


def last_changed(pages):
    """When anything of each page was last saved or deleted: the page itself or one of its lines
    (from their history, so a line edited on its own admin page counts too). Five queries."""
    ids = [page.pk for page in pages]
    latest = {}

    def take(rows):
        for page_id, moment in rows:
            if page_id is not None and moment is not None and (page_id not in latest or moment > latest[page_id]):
                latest[page_id] = moment

    take(ProgramPage.history.filter(id__in=ids).values("id").annotate(m=Max("history_date")).values_list("id", "m"))
    for line_model in (OverviewSubItem, AchievementItem, ScheduleItem):
        take(line_model.history.filter(page_id__in=ids).values("page_id")
             .annotate(m=Max("history_date")).values_list("page_id", "m"))
    item_pages = dict(AchievementItem.history.filter(page_id__in=ids).values_list("id", "page_id").distinct())
    take(
        (item_pages.get(item_id), moment)
        for item_id, moment in AchievementTableRow.history.filter(item_id__in=list(item_pages))
        .values("item_id").annotate(m=Max("history_date")).values_list("item_id", "m")
    )
    return latest


def team_lead_home(user, edition, today=None):
    """{"my_programmes": [...], "due_items": [...], "due_from", "due_until"} for a team lead, else {}."""
    teams = programme_team_scope(user)
    if teams is None or edition is None:
        return {}
    today = today or timezone.localdate()
    first, last = due_window(today)
    pages = list(
        ProgramPage.objects.filter(unit__policy__edition=edition, unit__owning_team__name__in=teams)
        .select_related("unit")
        .prefetch_related(Prefetch("schedule", queryset=ScheduleItem.objects.order_by("order", "pk")))
        .order_by("unit__policy__order", "unit__order")
    )
    last_changes = last_changed(pages)
    for page in pages:
        page.last_changed = last_changes.get(page.pk, page.updated_at)
    due = [DueItem(page, item) for page in pages for item in page.schedule.all() if item.is_due_between(first, last, edition.figures_as_of)]
    return {"my_programmes": pages, "due_items": due, "due_from": first, "due_until": last, "is_team_lead": True}
