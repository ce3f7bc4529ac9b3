"""What projects adds to a year's report: the strategy and the 주요 현안업무 pages (projects.yaml)."""
from projects import checks, copying, loading
from reports.parts import ReportPart

PART = ReportPart(name="projects", load=loading.load, checks=checks.CHECKS, copiers=copying.COPIERS)
