"""The registry through which each domain app adds its part to a year's report.

An app (staffing, budget, projects) describes in its `part.py` how its records are loaded from
the year's YAML file, which checks `check_report` runs on them, and how they are copied into
another edition (next year's, or a synthetic one). workreport.parts lists the parts in the order
they depend on each other and composes them; nothing else needs to know an app's modules.
"""
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportPart:
    name: str
    """The app, and its file under fixtures/<year>/: "staffing" reads staffing.yaml."""

    load: Callable
    """load(edition, data): the records of the YAML file into the (new, empty) edition."""

    checks: tuple = ()
    """check(subject) → (errors, warnings), Korean sentences naming the line and the figure."""

    copiers: tuple = ()
    """copier(plan): the app's records of plan.source into plan.target (reports.copying.EditionCopy)."""

    figures: Callable | None = None
    """figures(edition) → the app's figures of an edition, computed once for all its checks (and for a
    page that shows them too); the checks' subject. Without it, the checks are given the edition."""

    def subject(self, edition):
        """What this part's checks read for an edition."""
        return self.figures(edition) if self.figures is not None else edition
