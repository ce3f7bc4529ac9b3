"""Censuses for tests: the 2024 census with a few grades changed, written as HR would (as a whole)."""
import datetime

from staffing.census import census_counts, record_census
from staffing.models import Grade, HeadcountCensus

CENSUS_2024 = datetime.date(2024, 10, 18)
GRADES = ["이사장", "1급", "2급", "3급", "4급", "5급", "6급", "7급"]


def census_like_2024(as_of, contract_staff=11, **changes):
    """A census on `as_of` with the 2024 counts, but for `changes` (grade name → 현원)."""
    counts, _ = census_counts(HeadcountCensus.objects.get(as_of=CENSUS_2024))
    for name, count in changes.items():
        counts[Grade.objects.get(name=name).pk] = count
    return record_census(as_of=as_of, counts=counts, contract_staff=contract_staff)


def rows_of_2024_with(as_of, **changes):
    """The rows of a 현원 file: (직급, 기준일, 현원) of every grade, 2024's counts but for `changes`."""
    counts = dict(zip(GRADES, [1, 0, 0, 4, 8, 20, 11, 1]))
    counts.update(changes)
    return [(name, as_of, count) for name, count in counts.items()]
