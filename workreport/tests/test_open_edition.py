"""Opening 2025 from 2024: same organisation, programmes and accounts; 2024's budget becomes 2025's prior;
추진실적 and 향후일정 empty; nothing of 2024 changes; an existing year is refused."""
import pytest
from django.core.management import CommandError, call_command

from budget import figures as budget_figures
from budget.models import DetailProgram, ExecutionRecord
from projects.models import ProgramPage
from workreport.rollover import EditionAlreadyExists, open_next_edition
from reports.models import ReportEdition
from workreport.rendering import PrintStamp, render_report_html
from staffing import figures as staffing_figures
from staffing.models import OrgUnit, Person, Post


@pytest.fixture
def opened(edition):
    return open_next_edition(edition)


def test_2024_report_text_is_exactly_as_before(edition):
    stamp = PrintStamp.draft()  # the draft's moment printed on every page: the same for both renders
    before = render_report_html(edition, stamp=stamp)
    open_next_edition(edition)
    assert render_report_html(ReportEdition.objects.get(year=2024), stamp=stamp) == before


def test_2025_has_the_same_organisation_people_and_programme_tree(edition, opened):
    assert opened.year == 2025 and opened.figures_as_of.year == 2025
    assert staffing_figures.org_summary(opened) == staffing_figures.org_summary(edition) == "1실 1본부 7팀"
    assert budget_figures.composition_sentence(opened) == "2개 정책사업, 10개 단위사업, 18개 세부사업으로 구성"
    assert Person.objects.filter(edition=opened).count() == Person.objects.filter(edition=edition).count()
    head = Post.objects.get(unit__edition=opened, title="AI전환팀장")
    assert head.person.edition == opened and head.unit.parent.name == "경영혁신실"
    assert OrgUnit.objects.get(edition=opened, name="스마트정책팀").duty_groups.count() == 2


def test_2024_budget_becomes_2025_prior(edition, opened):
    current_2024 = {row.name: row.current for row in budget_figures.expenditure_summary(edition)}
    prior_2025 = {row.name: row.prior for row in budget_figures.expenditure_summary(opened)}
    assert prior_2025 == current_2024
    assert prior_2025["계"] == 10_699_686

    revenue_2025 = {row.name: row.prior for row in budget_figures.revenue_summary(opened)}
    assert revenue_2025["계"] == 10_699_686 and revenue_2025["사업수입"] == 1_649_000
    # next year's own budget is not known yet: it starts at 0, never as a copy of 2024
    assert {row.current for row in budget_figures.expenditure_summary(opened)} == {0}


def test_pages_keep_goal_and_content_but_start_without_achievements_or_schedule(edition, opened):
    old = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")
    new = ProgramPage.objects.get(unit__policy__edition=opened, unit__number="1-1")
    assert (new.goal, new.background, new.content) == (old.goal, old.background, old.content)
    assert old.achievements.exists() and old.schedule.exists()
    assert not new.achievements.exists() and not new.schedule.exists()
    assert [c.post.person.name for c in new.contacts.all()] == [c.post.person.name for c in old.contacts.all()]
    assert all(c.post.person.edition_id == opened.pk for c in new.contacts.all())


def test_execution_is_not_copied(edition, opened):
    assert ExecutionRecord.objects.filter(detail__unit__policy__edition=edition).exists()
    assert not ExecutionRecord.objects.filter(detail__unit__policy__edition=opened).exists()
    assert not DetailProgram.objects.filter(unit__policy__edition=opened, carried_over=True).exists()


def test_existing_year_is_refused_in_korean(edition, opened):
    with pytest.raises(EditionAlreadyExists, match="2025년 연도판이 이미 있습니다"):
        open_next_edition(edition)
    with pytest.raises(CommandError, match="2025년 연도판이 이미 있습니다"):
        call_command("open_edition", "2025", "--from", "2024")


def test_command_opens_the_year(edition, capsys):
    call_command("open_edition", "2025", "--from", "2024")
    assert ReportEdition.objects.filter(year=2025).exists()
    with pytest.raises(CommandError, match="2019년 연도판이 없습니다"):
        call_command("open_edition", "2020")


def test_admin_action_opens_the_next_year_once(admin_client, edition):
    url = "/admin/reports/reportedition/"
    data = {"action": "open_next_year", "_selected_action": [edition.pk]}

    page = admin_client.post(url, data, follow=True).content.decode()
    assert "2025년 연도판을 2024년에서 열었습니다" in page
    assert ReportEdition.objects.filter(year=2025).exists()

    page = admin_client.post(url, data, follow=True).content.decode()
    assert "2025년 연도판이 이미 있습니다" in page
    assert ReportEdition.objects.filter(year=2025).count() == 1
