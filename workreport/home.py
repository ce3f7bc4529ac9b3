"""What the home page shows: the headline figures of the latest edition, check_report's findings,
and for a team lead their programmes, who last changed each section of each and when, and the
향후일정 lines due this month and next."""
import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts.roles import programme_team_scope
from budget import figures as budget_figures
from budget.figures import EditionBudget
from projects.changes import SECTIONS, Change, section_changes
from projects.models import ProgramPage, ScheduleItem
from reports.formatting import format_date
from reports.page_cache import cached_value
from staffing import figures as staffing_figures
from workreport import review
from workreport.checks import check_year
from workreport.models import ReviewStatus


def home_context(user, edition):
    """Everything the home page shows a user for an edition: the edition's figures and checks (the
    same for everyone, from the shared cache) and the user's own programmes and round."""
    return {"figures_html": edition_figures_html(edition), **team_lead_home(user, edition),
            **round_home(user, edition)}


def edition_figures_html(edition) -> str:
    """The headline figures and check_report's findings as the home page prints them, rendered
    without the request (nothing of the user can enter) and cached by the data's token, so a
    request runs check_report only after a write (issue 11, part 9)."""
    return mark_safe(cached_value("home-figures", (edition.pk, timezone.localdate()),
                                  lambda: render_edition_figures(edition)))


def render_edition_figures(edition) -> str:
    """Each budget figure computed once (budget.figures.EditionBudget), for the headline and the
    checks alike."""
    budget = EditionBudget(edition)
    return render_to_string("workreport/_home_figures.html", {
        "edition": edition, **headline_figures(edition, budget), **check_results(edition, budget),
    })


def round_home(user, edition):
    """The round in progress as this user takes part in it: the parts they submit (sent-back ones
    first, with the reason) and the due date; {} when no round is open."""
    round_ = review.open_round_of(edition)
    if round_ is None:
        return {}
    parts = review.my_parts(user, round_)
    return {
        "round": round_, "round_due": review.due_text(round_),
        "my_parts": [(part, review.allowed_actions(user, part)) for part in parts],
        "returned_parts": [part for part in parts if part.status == ReviewStatus.RETURNED],
        "is_reviewer": review.is_reviewer(user),
    }


def headline_figures(edition, budget):
    """The figures the home page shows, each taken from its figures module, never re-added here: as
    of the report's 기준일, and as of the latest data beside them when there is later data."""
    as_of = edition.figures_as_of
    headcount_rows = staffing_figures.headcount_table(as_of)
    contract = staffing_figures.contract_staff(as_of)
    return {
        "headcount": headcount_rows[0],
        # The 계 can be even while grades are not (2024: 1급 △1, 3급 +1 …): never "과부족 없음" then.
        "uneven_grades": [row for row in headcount_rows[1:] if row.gap],
        "total_staff": staffing_figures.total_staff_of(headcount_rows, contract),
        "budget_total": budget.expenditure_summary[0],
        "execution": budget.execution_table[0],
        **later_figures(edition),
    }


def later_figures(edition):
    """{"later_headcount": (date, 계 row, 인력 합계)} and {"later_execution": (date, 계 row)} when data
    dated after the report's 기준일 exists; nothing otherwise."""
    as_of, later = edition.figures_as_of, {}
    headcount_on = staffing_figures.latest_entry_date()
    if headcount_on and headcount_on > as_of:
        rows = staffing_figures.headcount_table(headcount_on)
        later["later_headcount"] = (headcount_on, rows[0], staffing_figures.total_staff_of(
            rows, staffing_figures.contract_staff(headcount_on)))
    execution_on = budget_figures.latest_execution_date(edition)
    if execution_on and execution_on > as_of:
        later["later_execution"] = (execution_on, budget_figures.execution_totals(edition, execution_on))
    return later


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


SECTION_HEADINGS = {"overview": "사업개요", "achievements": "추진실적", "schedule": "향후일정"}


@dataclass(frozen=True)
class SectionChange:
    """A section of a programme page and its last change (None: no change recorded)."""

    section: str
    change: Change | None

    @property
    def heading(self) -> str:
        return SECTION_HEADINGS[self.section]

    @property
    def changed_on(self) -> str:
        """The day of the change in the site's one date format ("2024. 10. 18.")."""
        return format_date(timezone.localtime(self.change.changed_at).date()) if self.change else ""


@dataclass(frozen=True)
class MyProgramme:
    """A team lead's programme page on the home page: each section's last change, and the latest of them."""

    page: ProgramPage
    sections: tuple[SectionChange, ...]

    @property
    def last_changed(self) -> datetime.datetime:
        moments = [s.change.changed_at for s in self.sections if s.change is not None]
        return max(moments) if moments else self.page.updated_at

    @property
    def last_changed_on(self) -> str:
        return format_date(timezone.localtime(self.last_changed).date())


def my_programmes(pages) -> list[MyProgramme]:
    """The pages with who last changed each section and when, from their history (projects.changes):
    a line deleted, or edited on its own admin page, counts too. Five queries."""
    changes = section_changes(pages)
    return [
        MyProgramme(page, tuple(SectionChange(section, changes[page.pk][section]) for section in SECTIONS))
        for page in pages
    ]


def team_lead_home(user, edition, today=None):
    """{"my_programmes": [MyProgramme…], "due_items": [DueItem…], "due_from", "due_until"} for a team
    lead, else {}."""
    teams = programme_team_scope(user)
    if teams is None or edition is None:
        return {}
    today = today or timezone.localdate()
    first, last = due_window(today)
    pages = list(
        ProgramPage.objects.filter(unit__policy__edition=edition, unit__owning_team__name__in=teams)
        .select_related("unit__policy__edition")  # a 향후일정 line's period is printed with its year
        .prefetch_related(Prefetch("schedule", queryset=ScheduleItem.objects.order_by("order", "pk")))
        .order_by("unit__policy__order", "unit__order")
    )
    due = [
        DueItem(page, item) for page in pages for item in page.schedule.all()
        if item.is_due_between(first, last, edition.figures_as_of)
    ]
    return {
        "my_programmes": my_programmes(pages), "due_items": due, "due_from": first, "due_until": last,
        "is_team_lead": True,
    }
