"""What staffing adds to a year's report: the organisation, people and headcounts (staffing.yaml).

No check of its own: the database refuses a negative 정원, 현원 or 계약직 count.
"""
from reports.parts import ReportPart
from staffing import copying, loading

PART = ReportPart(name="staffing", load=loading.load, copiers=copying.COPIERS)
