"""What budget adds to a year's report: 세입·세출, the programme tree and its execution (budget.yaml)."""
from budget import checks, copying, figures, loading
from reports.parts import ReportPart

PART = ReportPart(name="budget", load=loading.load, checks=checks.CHECKS, copiers=copying.COPIERS,
                  figures=figures.EditionBudget)
