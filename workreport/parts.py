"""The parts of the report, in the order they depend on each other: budget names the teams of
staffing (담당 팀), projects names budget's 단위사업 and staffing's posts (연락처)."""
from budget.part import PART as BUDGET
from projects.part import PART as PROJECTS
from staffing.part import PART as STAFFING

PARTS = (STAFFING, BUDGET, PROJECTS)


def copy_parts(plan):
    """Every app's records of plan.source into plan.target (reports.copying.EditionCopy)."""
    for part in PARTS:
        for copier in part.copiers:
            copier(plan)
