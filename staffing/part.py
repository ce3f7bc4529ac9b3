"""What staffing adds to a year's report: the organisation, people and headcounts (staffing.yaml).

The database refuses a negative 정원, 현원 or 계약직 count; check_census warns about a 현원 조사
that leaves a grade (or 계약직) out.
"""
from reports.parts import ReportPart
from staffing import checks, copying, loading

PART = ReportPart(name="staffing", load=loading.load, checks=checks.CHECKS, copiers=copying.COPIERS)
