"""Auditors see every change of report data since the last published edition, per programme,
with who made it, when and which fields changed; nobody else opens the page."""
import datetime

import pytest
from django.utils import timezone

from budget.models import DetailProgram, ExecutionRecord, PolicyProgram, UnitProgram
from projects.models import AchievementItem, AchievementTableRow, ProgramPage, ScheduleItem
from reports.models import PublishedEdition
from staffing.models import ContractStaffCount, CurrentHeadcount, Grade, Person
from tests.helpers import assert_query_count_does_not_grow
from workreport.audit import change_audit

URL = "/audit/changes/"


def edit_as(user, obj, **values):
    """A save as made through the admin: HistoryRequestMiddleware sets the user the same way."""
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()


@pytest.fixture
def programme(edition):
    return ProgramPage.objects.get(unit__number="1-1", unit__policy__edition=edition)


def test_the_page_lists_each_change_under_its_programme_with_who_and_which_fields(
        client, edition, programme, team_lead, budget_officer, hr_officer, auditor):
    item = programme.achievements.order_by("order").first()
    edit_as(team_lead, item, text="어르신 디지털상담 챗봇 정식 오픈")
    detail = DetailProgram.objects.get(unit=programme.unit, name="AI 모델 연구개발")
    edit_as(budget_officer, detail, note="감사 확인용 비고")
    contract = ContractStaffCount.objects.get()
    edit_as(hr_officer, contract, count=12)
    client.force_login(auditor)

    response = client.get(URL)

    assert response.status_code == 200
    groups = {group.unit.number: group for group in response.context["audit"].programmes}
    assert set(groups) == {"1-1"}
    [page_change] = groups["1-1"].page_changes
    assert (page_change.who, page_change.kind_label, page_change.model) == ("고설태 (teamlead)", "수정", "추진실적")
    assert [(c.field, c.new) for c in page_change.changes] == [("내용", "어르신 디지털상담 챗봇 정식 오픈")]
    [budget_change] = groups["1-1"].budget_changes
    assert budget_change.who == "finance" and budget_change.changes[0].field == "비고"
    [other] = response.context["audit"].other_changes
    assert (other.who, other.changes[0].old, other.changes[0].new) == ("hr", "11", "12")
    page = response.content.decode()
    assert "1-1. AI 행정서비스 연구개발" in page and "어르신 디지털상담 챗봇 정식 오픈" in page


def test_without_a_publication_the_load_itself_is_not_listed(edition, auditor):
    audit = change_audit(edition)

    assert audit.since_publication is None
    assert audit.count == 0


def test_changes_before_the_last_publication_are_left_out(edition, programme, team_lead, superuser):
    edit_as(team_lead, programme, goal="발행 전에 바꾼 목표")
    PublishedEdition.objects.create(
        edition=edition, file="published/x.pdf", sha256="0" * 64, size=1, published_by=superuser,
        published_at=timezone.now(),
    )
    assert change_audit(edition).count == 0

    later = programme.schedule.order_by("order").first()
    edit_as(team_lead, later, text="발행 뒤에 바꾼 일정")

    audit = change_audit(edition)
    assert [e.label for g in audit.programmes for e in g.page_changes] == ["1-1 '발행 뒤에 바꾼 일정'"]


def test_added_and_deleted_lines_are_listed(edition, programme, team_lead):
    new = AchievementItem(page=programme, order=99, text="새로 넣은 실적")
    new._history_user = team_lead
    new.save()
    old = programme.achievements.order_by("order").first()
    old._history_user = team_lead
    old.delete()

    [group] = change_audit(edition).programmes

    assert sorted(e.kind_label for e in group.page_changes) == ["삭제", "추가"]


def test_the_query_count_does_not_grow_with_the_changes(edition, team_lead, django_assert_max_num_queries):
    for page in ProgramPage.objects.all():
        for item in page.achievements.all()[:3]:
            edit_as(team_lead, item, text=item.text + " (수정)")

    with django_assert_max_num_queries(40):
        audit = change_audit(edition)

    assert len(audit.programmes) == 10


@pytest.mark.parametrize("role", ["team_lead", "hr_officer", "budget_officer", "publisher"])
def test_only_auditors_and_superusers_open_the_page(client, edition, request, role, superuser):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    client.force_login(superuser)
    assert client.get(URL).status_code == 200


def test_the_menu_links_the_page_for_auditors_only(client, edition, auditor, team_lead):
    client.force_login(auditor)
    assert 'href="/audit/changes/"' in client.get("/").content.decode()
    client.force_login(team_lead)
    assert 'href="/audit/changes/"' not in client.get("/").content.decode()


def test_a_choice_is_shown_by_its_korean_label(edition, programme, team_lead):
    item = programme.achievements.filter(marker="bullet").order_by("order").first()
    edit_as(team_lead, item, marker="arrow")

    [group] = change_audit(edition).programmes

    assert [(c.field, c.old, c.new) for c in group.page_changes[0].changes] == [("기호", "- 항목", "▶ 흐름")]


def test_a_period_is_one_field_printed_as_the_report_prints_it(edition, programme, team_lead):
    item = programme.schedule.exclude(ends_on=None).order_by("order").first()
    edit_as(team_lead, item, precision="day")

    [group] = change_audit(edition).programmes

    assert [(c.field, c.old, c.new) for c in group.page_changes[0].changes] == [("기간", "10~12월", "10.1~12.31")]


# ------------------------------------------------------------------ what an auditor reads

@pytest.fixture
def published(edition, superuser):
    """A publication now: what follows is what the auditor checks against the printed report."""
    return PublishedEdition.objects.create(
        edition=edition, file="published/x.pdf", sha256="0" * 64, size=1, published_by=superuser,
        published_at=timezone.now(),
    )


def audit_page(client, auditor):
    client.force_login(auditor)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_an_added_execution_record_is_named_by_its_programme_and_date_with_amounts_as_printed(
        client, edition, published, budget_officer, auditor):
    detail = DetailProgram.objects.get(unit__policy__edition=edition, name="해외 전시 서울관 조성 및 운영")
    record = ExecutionRecord(detail=detail, as_of=datetime.date(2024, 11, 30),
                             committed_amount=532_634, spent_amount=358_474)
    record._history_user = budget_officer
    record.save()

    [group] = change_audit(edition).programmes
    [entry] = group.budget_changes

    assert (entry.model, entry.label, entry.kind_label) == ("집행 실적", "해외 전시 서울관 조성 및 운영 2024. 11. 30.", "추가")
    values = {c.field: c.new for c in entry.changes}
    assert values["기준일"] == "2024. 11. 30."
    assert values["원인행위 누계액 (천원)"] == "532,634" and values["지출 누계액 (천원)"] == "358,474"
    page = audit_page(client, auditor)
    assert "집행 실적 · 해외 전시 서울관 조성 및 운영 2024. 11. 30." in page and "532,634" in page
    assert "#" + str(record.pk) not in page and "새 항목" not in page


def test_an_amount_change_is_printed_with_separators_and_a_budget_amount_in_천원(edition, published, budget_officer):
    detail = DetailProgram.objects.get(unit__policy__edition=edition, name="AI 모델 연구개발")
    old = detail.budget_amount
    edit_as(budget_officer, detail, budget_amount=old + 1_000_000)

    [group] = change_audit(edition).programmes

    [change] = group.budget_changes[0].changes
    assert (change.field, change.old, change.new) == ("예산현액", f"{old:,}천원", f"{old + 1_000_000:,}천원")


def test_a_headcount_is_named_by_grade_and_census_date(edition, published, hr_officer):
    row = CurrentHeadcount.objects.get(grade__name="7급", as_of=datetime.date(2024, 10, 18))
    edit_as(hr_officer, row, count=row.count + 1)

    [entry] = change_audit(edition).other_changes

    assert (entry.model, entry.label, entry.who) == ("현원", "7급 2024. 10. 18. 조사", "hr")
    assert [(c.old, c.new) for c in entry.changes] == [(str(row.count - 1), str(row.count))]


def test_a_deleted_line_shows_what_it_said_and_a_table_is_named_by_its_rows(client, edition, published, team_lead, auditor):
    line = ProgramPage.objects.get(unit__number="1-1").achievements.exclude(text="").order_by("order").first()
    text = line.text
    line._history_user = team_lead
    line.delete()
    table = AchievementItem.objects.get(page__unit__number="1-2", marker="table")
    edit_as(team_lead, table, level=3)

    groups = {group.unit.number: group for group in change_audit(edition).programmes}

    [deleted] = groups["1-1"].page_changes
    assert deleted.kind_label == "삭제" and ("내용", text) in [(c.field, c.new) for c in deleted.changes]
    [changed] = groups["1-2"].page_changes
    assert changed.label == "1-2 (표) 교육 완료 외 1행"
    page = audit_page(client, auditor)
    assert f"<del>{text}</del>" in page and "추진실적 · 1-2 (표) 교육 완료 외 1행" in page


def test_the_page_names_the_publisher_and_dates_as_the_report_does(client, edition, published, auditor):
    page = audit_page(client, auditor)

    local = timezone.localtime(published.published_at)
    assert f"{local.year}. {local.month}. {local.day}. {local:%H:%M} 발행(root) 이후" in page


def grow_changes(edition, user, times):
    """`times` more changes of every kind that is named from other tables: a line and a table row
    of a new programme page, an execution record of a new 세부사업, a 현원 saved again."""
    policy = PolicyProgram.objects.filter(edition=edition, category=PolicyProgram.Category.PROGRAMME).first()
    account = DetailProgram.objects.filter(unit__policy__edition=edition).first().account
    headcount = CurrentHeadcount.objects.get(grade__name="7급", as_of=datetime.date(2024, 10, 18))
    start = UnitProgram.objects.filter(policy=policy).count()
    for n in range(start, start + times):
        unit = UnitProgram.objects.create(policy=policy, number=f"9-{n}", name=f"늘린 사업 {n}", order=100 + n)
        page = ProgramPage.objects.create(unit=unit, goal="목표", background="배경", content="내용")
        detail = DetailProgram.objects.create(unit=unit, account=account, name=f"늘린 세부사업 {n}", order=n)
        table = AchievementItem(page=page, order=2, marker="table", text="")
        made = [
            AchievementItem(page=page, order=1, text="추진실적 줄"),
            ScheduleItem(page=page, text="향후일정 줄", ends_on=datetime.date(2024, 12, 31)),
            table,
            ExecutionRecord(detail=detail, as_of=datetime.date(2024, 11, 30), committed_amount=n, spent_amount=0),
        ]
        for obj in made:
            obj._history_user = user
            obj.save()
        row = AchievementTableRow(item=table, label="교육 완료", content="3회")
        row._history_user = user
        row.save()
        edit_as(user, headcount, count=headcount.count + 1)


def test_the_query_count_does_not_grow_with_the_records_named(
        client, edition, published, superuser, auditor, django_assert_num_queries):
    client.force_login(auditor)

    assert_query_count_does_not_grow(
        client, URL, lambda times: grow_changes(edition, superuser, times), django_assert_num_queries
    )
    assert client.get(URL).content.decode().count("집행 실적 · 늘린 세부사업") == 100


def test_a_grade_is_shown_by_its_name(edition, published, hr_officer):
    person = Person.objects.filter(edition=edition, grade=None).order_by("name").first()
    edit_as(hr_officer, person, grade=Grade.objects.get(name="6급"))

    [entry] = change_audit(edition).other_changes

    assert (entry.model, entry.label) == ("직원", person.name)
    assert [(c.field, c.old, c.new) for c in entry.changes] == [("직급", "(없음)", "6급")]
