"""Writing a 현원 조사 (HeadcountCensus) as a whole: every grade's 현원 and the 계약직 count of one date.

The service of the census form, the YAML loader and tests. A new census is checked as a whole
(HeadcountCensus.validate_counts) before anything is written, so it never lacks a grade; each
row is then checked for its own fields and constraints and saved with its history.
"""
from django.db import transaction

from staffing.models import ContractStaffCount, CurrentHeadcount, Grade, HeadcountCensus


def census_counts(census):
    """(현원 per grade id, 계약직 count or None) of a saved census."""
    counts = dict(census.rows.values_list("grade_id", "count"))
    contract = ContractStaffCount.objects.filter(census=census).values_list("count", flat=True).first()
    return counts, contract


def previous_census(before=None):
    """The latest census (before a date, if given) that has rows: what a new census form starts from."""
    censuses = HeadcountCensus.objects.filter(rows__isnull=False).distinct().order_by("-as_of")
    if before is not None:
        censuses = censuses.filter(as_of__lt=before)
    return censuses.first()


@transaction.atomic
def record_census(*, as_of, counts, contract_staff, note="", census=None):
    """Write the census of `as_of`: `counts` (grade id → 현원) for every grade and the 계약직 count.

    A new date becomes a new census (`census`, if given, is the unsaved one to save: the admin's);
    an existing census has its rows brought to `counts`, only the changed rows saved (each change
    in its history). contract_staff None leaves the
    census without a 계약직 count (only data that never had one; check_report names it).
    """
    HeadcountCensus.validate_counts(as_of, counts)
    if census is None:
        census = HeadcountCensus.objects.filter(as_of=as_of).first() or HeadcountCensus(as_of=as_of)
    census.note = note
    census.full_clean()
    census.save()
    existing = {row.grade_id: row for row in CurrentHeadcount.objects.filter(census=census)}
    for grade in Grade.objects.order_by("order"):
        row = existing.get(grade.pk) or CurrentHeadcount(census=census, grade=grade, as_of=census.as_of, count=None)
        if row.count == counts[grade.pk]:
            continue
        row.count = counts[grade.pk]
        save_in_census(row)
    if contract_staff is not None:
        contract = ContractStaffCount.objects.filter(census=census).first() or ContractStaffCount(
            census=census, as_of=census.as_of, count=None)
        if contract.count != contract_staff:
            contract.count = contract_staff
            save_in_census(contract)
    return census


def save_in_census(row):
    """A row of a census checked as a whole: its fields and constraints are validated, not clean()
    (the rule for a row written alone, which the first row of a new census would not pass)."""
    row.clean_fields()
    row.validate_unique()
    row.validate_constraints()
    row.save()
