"""The home page: the headline figures of the latest report edition, for staff who are logged in."""
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render

from accounts.home import team_lead_home
from budget import figures as budget_figures
from reports.checks import check_year
from reports.models import ReportEdition
from staffing import figures as staffing_figures


class LoginForm(AuthenticationForm):
    """Django's login form with a plainer Korean refusal than the stock translation."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "아이디 또는 비밀번호가 올바르지 않습니다. 대문자와 소문자를 구분합니다.",
    }


def headline_figures(edition):
    """The figures the home page shows, each taken from its figures module, never re-added here."""
    headcount_total = staffing_figures.headcount_table(edition.figures_as_of)[0]
    return {
        "headcount": headcount_total,
        "total_staff": staffing_figures.total_staff(edition.figures_as_of),
        "budget_total": budget_figures.expenditure_summary(edition)[0],
        "execution": budget_figures.execution_totals(edition),
    }


def check_results(edition):
    """check_report's findings for the edition, shown so that nobody prints a wrong figure unawares."""
    errors, warnings = check_year(edition)
    return {"check_errors": errors, "check_warnings": warnings}


@login_required
def home(request):
    edition = ReportEdition.objects.order_by("-year").first()
    context = {"edition": edition}
    if edition is not None:
        context.update(headline_figures(edition))
        context.update(check_results(edition))
        context.update(team_lead_home(request.user, edition))
    return render(request, "home.html", context)
