"""Copying one edition's records into another: next year's edition, or a synthetic one N times larger.

Both kinds of copy walk the same records in the same order, one copier per model family in each
app (staffing.copying, budget.copying, projects.copying, listed in each app's part). An
`EditionCopy` is the plan they share: which edition to copy into, how many copies of what grows
with the organisation, how to write the new rows, and the new row of every source row copied so
far, so that a copier maps its foreign keys through the copiers that ran before it.

What the two kinds do differently is decided where it matters, in each copier, on `next_year`:
- next year (open_edition): one copy, written with change history, dates one year on; this year's
  amounts become next year's prior-year figures and the new amounts start empty; 추진실적,
  향후일정 and 집행 실적 stay with their year;
- synthetic data (make_synthetic_data, benchmarks and query-budget tests): `factor` copies of
  teams, people, 단위사업 and pages, numbered "(2)", "(3)" …; administration amounts multiplied so
  that the totals stay balanced; everything copied as it is, in bulk and without history.
"""
import datetime
from dataclasses import dataclass, field

from reports.models import PurposeBusiness, ReportEdition


def one_year_later(date: datetime.date) -> datetime.date:
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28)


def years_later(date: datetime.date, years: int) -> datetime.date:
    for _ in range(years):
        date = one_year_later(date)
    return date


def copy_name(name: str, copy: int) -> str:
    """The first copy keeps the source name; later copies are numbered: "AI전환팀 (2)"."""
    return name if copy == 0 else f"{name} ({copy + 1})"


@dataclass
class EditionCopy:
    source: ReportEdition
    target: ReportEdition
    factor: int = 1
    next_year: bool = True
    copied: dict = field(default_factory=dict)  # model → one {source pk: new row} per copy

    @classmethod
    def start(cls, source: ReportEdition, year: int, *, factor: int = 1, next_year: bool = True):
        """Create the target edition (with the source's 목적사업) and the plan that copies into it.

        Next year's dates move on by the years between the editions; a synthetic edition keeps the
        source's dates, so that the dated 정원/현원 shared by every year print the same.
        """
        shift = year - source.year if next_year else 0
        target = ReportEdition(
            year=year, title=source.title,
            issued_on=years_later(source.issued_on, shift), figures_as_of=years_later(source.figures_as_of, shift),
            organisation_name=source.organisation_name, purpose=source.purpose, purpose_source=source.purpose_source,
        )
        target.full_clean()
        target.save()
        plan = cls(source=source, target=target, factor=factor, next_year=next_year)
        plan.save(PurposeBusiness, [
            PurposeBusiness(edition=target, order=business.order, text=business.text)
            for business in source.purpose_businesses.order_by("order", "pk")
        ])
        return plan

    @property
    def copies_progress(self) -> bool:
        """추진실적, 향후일정 and 집행 실적 belong to their year: a synthetic edition copies them, next year does not."""
        return not self.next_year

    def copy_numbers(self, grows: bool = True) -> range:
        """The copies a record gets: `factor` of what grows with the organisation, one of the rest."""
        return range(self.factor if grows else 1)

    def name(self, name: str, copy: int) -> str:
        return copy_name(name, copy)

    def times(self, amount, scale=None):
        """An amount multiplied by `scale` (default: the factor); None ("no amount") stays None."""
        return None if amount is None else amount * (self.factor if scale is None else scale)

    def save(self, model, rows) -> list:
        """Write new rows: one by one with their change history for next year (real data an auditor
        reads), in one bulk insert without history for synthetic data."""
        rows = list(rows)
        if self.next_year:
            for row in rows:
                row.save()
            return rows
        return model.objects.bulk_create(rows)

    def remember(self, model, copy: int, sources, new_rows) -> None:
        """Record the new row of each source row in copy `copy`."""
        copies = self.copied.setdefault(model, [])
        while len(copies) <= copy:
            copies.append({})
        copies[copy].update({source.pk: new for source, new in zip(sources, new_rows, strict=True)})

    def new(self, model, source_pk, copy: int = 0):
        """The new row of a source row in copy `copy` (a row that does not grow has one copy for all);
        None when the source row was not copied (a parent outside the edition, as the old code had it)."""
        for mapping in self.copied.get(model, [])[copy:copy + 1] + self.copied.get(model, [])[:1]:
            if source_pk in mapping:
                return mapping[source_pk]
        return None

    def copies_of(self, model) -> list:
        """[{source pk: new row}] per copy, for the copiers of rows hanging from `model`."""
        return self.copied.get(model, [])
