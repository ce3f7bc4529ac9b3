"""Next year's edition and synthetic data are one walk of every app's copiers (reports.copying): a
synthetic copy at 1× prints what its source prints, and at 3× every total is three times as large
and still balanced. (What next year keeps and leaves behind: test_open_edition.py.)"""
import pytest

from budget import figures as budget_figures
from budget.models import UnitProgram
from projects.pages import programme_sections
from staffing import figures as staffing_figures
from staffing.models import OrgUnit, Person
from workreport.synthetic import make_synthetic_edition


def printed_figures(edition):
    """The tables of the report as the figures modules compute them (names and amounts)."""
    tree = budget_figures.programme_tree(edition)
    return {
        "revenue": budget_figures.revenue_summary(edition),
        "revenue detail": budget_figures.revenue_detail(edition),
        "expenditure": budget_figures.expenditure_summary(edition),
        "execution": budget_figures.execution_table(edition),
        "tree": [(p.name, p.total, [(u.number, u.name, u.total, [(d.name, d.amount, d.note) for d in u.details])
                                    for u in p.units]) for p in tree.policies],
        "org": staffing_figures.org_summary(edition),
        "duties": [(t.name, [(g.heading, [i.text for i in g.items.all()]) for g in t.duty_groups.all()])
                   for t in staffing_figures.teams_with_duties(edition)],
    }


def printed_pages(edition):
    return [
        (entry.number, entry.title, entry.total, entry.page.goal, entry.contacts,
         [(line.mark, line.text, line.period, [(r.label, r.content) for r in line.rows])
          for line in [*entry.overview_items, *entry.achievements, *entry.schedule]])
        for section in programme_sections(budget_figures.programme_tree(edition)) for entry in section["entries"]
    ]


def test_a_copy_at_one_times_prints_what_its_source_prints(edition):
    copy = make_synthetic_edition(edition, 2098, factor=1)

    assert printed_figures(copy) == printed_figures(edition)
    assert printed_pages(copy) == printed_pages(edition)
    assert copy.figures_as_of == edition.figures_as_of


def test_a_copy_at_three_times_triples_what_grows_and_stays_balanced(edition):
    copy = make_synthetic_edition(edition, 2097, factor=3)

    def count(model, **filters):
        return model.objects.filter(**filters).count()

    assert count(UnitProgram, policy__edition=copy, policy__category="programme") == 3 * 10
    assert count(OrgUnit, edition=copy, kind=OrgUnit.Kind.TEAM) == 3 * count(OrgUnit, edition=edition, kind=OrgUnit.Kind.TEAM)
    assert count(OrgUnit, edition=copy) - count(OrgUnit, edition=edition) == 2 * count(OrgUnit, edition=edition, kind="team")
    assert count(Person, edition=copy) > 2 * count(Person, edition=edition)
    revenue, expenditure = budget_figures.revenue_summary(copy)[0], budget_figures.expenditure_summary(copy)[0]
    assert revenue.current == expenditure.current == 3 * 10_699_686
    assert budget_figures.execution_totals(copy).committed == 3 * 8_639_754
    numbers = [entry.number for section in programme_sections(budget_figures.programme_tree(copy))
               for entry in section["entries"]]
    assert numbers[:3] == ["1-1", "1-2", "1-3"] and len(numbers) == len(set(numbers)) == 30


def test_a_copy_is_refused_over_an_existing_year(edition):
    with pytest.raises(Exception, match="2024년 연도판이 이미 있습니다"):
        make_synthetic_edition(edition, 2024, factor=1)
