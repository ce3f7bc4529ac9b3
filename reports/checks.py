"""Gathers the consistency checks of every app for one report edition (`check_report`)."""
from budget import checks as budget_checks
from projects import checks as projects_checks
from staffing import checks as staffing_checks

ALL_CHECKS = (*budget_checks.CHECKS, *staffing_checks.CHECKS, *projects_checks.CHECKS)


def check_year(edition):
    """(errors, warnings) for the edition: Korean sentences naming the line and the figure.

    Errors mean a printed figure or page would be wrong; warnings are true figures a reader
    should notice (2024: 해외도시 디지털 정책교류 원인행위액 280,078 > 예산현액 280,000).
    """
    errors, warnings = [], []
    for check in ALL_CHECKS:
        found_errors, found_warnings = check(edition)
        errors += found_errors
        warnings += found_warnings
    return errors, warnings
