"""Auditors see every change of report data since the last published edition, per programme,
with who made it, when and which fields changed; nobody else opens the page."""
import pytest
from django.utils import timezone

from workreport.audit import change_audit
from budget.models import DetailProgram
from projects.models import AchievementItem, ProgramPage
from reports.models import PublishedEdition
from staffing.models import ContractStaffCount

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
    assert (page_change.who, page_change.kind_label, page_change.model) == ("teamlead", "수정", "추진실적")
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
    assert [e.label for g in audit.programmes for e in g.page_changes] == ["발행 뒤에 바꾼 일정"]


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
    item = programme.schedule.exclude(ends_on=None).order_by("order").first()
    edit_as(team_lead, item, precision="day")

    [group] = change_audit(edition).programmes

    assert [(c.field, c.old, c.new) for c in group.page_changes[0].changes] == [("표기 단위", "월", "일")]
