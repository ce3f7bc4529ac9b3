"""Gathers the consistency checks of every app's part for one report edition (`check_report`)."""
from workreport.parts import PARTS


def check_year(edition, figures=None):
    """(errors, warnings) for the edition: Korean sentences naming the line and the figure.

    Errors mean a printed figure or page would be wrong; warnings are true figures a reader
    should notice (2024: 해외도시 디지털 정책교류 원인행위액 280,078 > 예산현액 280,000).
    `figures`: {part name: its figures of the edition} that the caller computed already (the home
    page shows some of them), so that no figure is computed twice.
    """
    figures = figures or {}
    errors, warnings = [], []
    for part in PARTS:
        subject = figures.get(part.name) or part.subject(edition)
        for check in part.checks:
            found_errors, found_warnings = check(subject)
            errors += found_errors
            warnings += found_warnings
    return errors, warnings
