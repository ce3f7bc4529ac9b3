"""Who last changed what on a programme page, from its history: per section for the home page
(section_changes), and the page's latest change for a stale save's message (last_change)."""
import datetime

import pytest
from django.utils import timezone

from projects.changes import Change, excerpt, last_change, section_changes
from projects.models import AchievementItem, Marker, ProgramContact, ProgramPage, ScheduleItem
from workreport.synthetic import make_synthetic_edition


@pytest.fixture
def page(edition):
    return ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-2")


@pytest.fixture
def lead(make_user):
    user = make_user("lead-for-history", person="고설태")
    user.last_name = "고설태"
    user.save()
    return user


@pytest.fixture
def colleague(make_user):
    return make_user("colleague")  # no name: shown by their login


def saved_by(user, obj):
    obj._history_user = user  # what simple_history's middleware sets from the request
    obj.save()
    return obj.history.latest("history_date").history_date


def deleted_by(user, obj):
    obj._history_user = user
    obj.delete()


def test_each_section_has_its_own_last_change(page, lead, colleague):
    line = page.achievements.order_by("order").first()
    line.text = "AI 기반 행정 서비스 모델 개발 등 AI 연구 (수정)"
    achievements_at = saved_by(lead, line)
    schedule_at = saved_by(colleague, page.schedule.order_by("order").first())

    changes = section_changes([page])[page.pk]

    assert changes["achievements"] == Change("고설태", achievements_at, "추진실적 줄 'AI 기반 행정 서비스 모델 개발 등…' 수정")
    assert changes["schedule"] == Change("colleague", schedule_at, "향후일정 줄 '공공기관 맞춤형 데이터 행정교육 추진…' 수정")
    # 1-2 has no 사업내용 sub-item: its 사업개요 was last written when 2024 was loaded, by no user
    assert changes["overview"].what == "사업개요 작성"
    assert changes["overview"].user_name == "(시스템: 불러오기·명령)"
    assert changes["overview"].changed_at < achievements_at


def test_a_page_saved_without_a_new_overview_text_is_no_overview_change(page, lead):
    before = section_changes([page])[page.pk]["overview"]
    saved_by(lead, page)  # the admin saves the page whenever it saves a line of it

    assert section_changes([page])[page.pk]["overview"] == before

    page.goal, page.content = "새 목표", "새 사업내용"
    moment = saved_by(lead, page)

    assert section_changes([page])[page.pk]["overview"] == Change("고설태", moment, "사업개요 목표·사업내용")


def test_a_line_of_the_overview_counts_for_the_overview(edition, lead):
    page = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="2-8")
    item = page.overview_items.order_by("order").first()
    moment = saved_by(lead, item)

    change = section_changes([page])[page.pk]["overview"]

    assert (change.changed_at, change.what) == (moment, f"사업내용 항목 {excerpt(item.text)} 수정")


def test_a_deleted_line_counts_as_a_change(page, lead):
    line = page.schedule.order_by("order").last()
    deleted_by(lead, line)

    change = section_changes([page])[page.pk]["schedule"]

    assert change.user_name == "고설태"
    assert change.what == "향후일정 줄 '성과리뷰 및 사업완료 보고' 삭제"
    assert change.changed_at > timezone.now() - datetime.timedelta(minutes=1)


def test_a_table_row_counts_for_the_achievements_of_its_page(page, lead):
    row = page.achievements.get(marker=Marker.TABLE).rows.order_by("order").last()
    row.content = "표 행만 고침"
    moment = saved_by(lead, row)

    change = section_changes([page])[page.pk]["achievements"]

    assert change == Change("고설태", moment, f"추진실적 표 행 {excerpt(row.label)} 수정")


def test_a_deleted_table_is_a_change_of_its_page(page, lead, edition):
    other = ProgramPage.objects.get(unit__policy__edition=edition, unit__number="1-1")
    deleted_by(lead, page.achievements.get(marker=Marker.TABLE))  # its rows go first, then the line

    changes = section_changes([page, other])

    assert (changes[page.pk]["achievements"].user_name, changes[page.pk]["achievements"].what) == ("고설태", "추진실적 표 삭제")
    assert changes[other.pk]["achievements"].user_name == "(시스템: 불러오기·명령)"


def test_the_rows_of_a_deleted_table_are_found_through_the_lines_history(page, colleague):
    table = page.achievements.get(marker=Marker.TABLE)
    row = table.rows.order_by("order").last()
    row.content = "지우기 전에 고친 행"
    moment = saved_by(colleague, row)
    table.rows.all().delete()
    AchievementItem.objects.filter(pk=table.pk).delete()
    # the deletions above were made by no user; keep only the row's edit as the newest record
    AchievementItem.history.filter(id=table.pk, history_type="-").delete()
    row.history.model.objects.filter(item_id=table.pk, history_type="-").delete()

    assert section_changes([page])[page.pk]["achievements"] == Change(
        "colleague", moment, f"추진실적 표 행 {excerpt(row.label)} 수정"
    )


def test_a_page_without_any_history_has_no_changes(page):
    page.history.all().delete()
    for model in (AchievementItem, ScheduleItem):
        model.history.filter(page_id=page.pk).delete()
    for item in page.achievements.all():
        item.rows.model.history.filter(item_id=item.pk).delete()
    page.overview_items.model.history.filter(page_id=page.pk).delete()

    assert section_changes([page]) == {page.pk: {"overview": None, "achievements": None, "schedule": None}}
    assert section_changes([]) == {}


def test_five_queries_whatever_the_number_of_pages(edition, django_assert_num_queries):
    pages = list(ProgramPage.objects.filter(unit__policy__edition=edition))
    with django_assert_num_queries(5):
        section_changes(pages[:1])
    with django_assert_num_queries(5):
        section_changes(pages)
    synthetic = make_synthetic_edition(edition, 2091, 3)
    many = list(ProgramPage.objects.filter(unit__policy__edition=synthetic))
    assert len(many) > len(pages)
    with django_assert_num_queries(5):
        section_changes(many)


# ---------------------------------------------------------------- last_change

def test_the_last_change_is_the_latest_of_the_page_and_its_lines(page, lead, colleague):
    saved_by(lead, page.achievements.order_by("order").first())
    contact = page.contacts.order_by("order").first()
    moment = saved_by(colleague, contact)

    assert last_change(page) == Change("colleague", moment, f"연락처 {contact.get_role_display()} 수정")


def test_since_a_version_only_later_changes_count(page, lead, colleague, django_assert_num_queries):
    page.version = 2
    page.goal = "2판 목표"
    saved_by(lead, page)  # the save that made version 2, which the stale form was opened at
    with django_assert_num_queries(7):
        assert last_change(page, since_version=2) is None

    line = page.achievements.order_by("order").first()
    line.text = "동료가 따로 고친 줄"
    moment = saved_by(colleague, line)

    assert last_change(page, since_version=2) == Change("colleague", moment, "추진실적 줄 '동료가 따로 고친 줄' 수정")
    assert last_change(page, since_version=1) == last_change(page)
    with django_assert_num_queries(6):
        last_change(page)


def test_a_version_older_than_the_history_counts_everything(page):
    assert last_change(page, since_version=0) == last_change(page) is not None


def test_a_deleted_contact_is_a_change_of_the_page(page, lead):
    contact = ProgramContact.objects.filter(page=page, role=ProgramContact.Role.OFFICER).first()
    deleted_by(lead, contact)

    assert last_change(page).what == "연락처 담당 삭제"
