"""A part 확정 in the round in progress is read-only (issue 14: "editing a confirmed page is refused
until it is reopened"): its admin pages show it as to a reader with the reason, every write is
refused on the server, a desk section takes no import; reopening gives it back."""
import datetime

import pytest

from budget.models import ExecutionRecord
from projects.models import ProgramPage, ScheduleItem
from tests.helpers import admin_url
from workreport import review
from workreport.models import Desk

DUE = datetime.date(2024, 11, 8)


@pytest.fixture
def round_(edition, publisher):
    return review.open_round(user=publisher, edition=edition, title="2024년 11월 업무보고", due_on=DUE)


def confirm(round_, owner, publisher, **which):
    part = round_.reviews.get(**which)
    review.submit(user=owner, review_id=part.pk)
    review.confirm(user=publisher, review_id=part.pk)
    return part


def test_a_confirmed_page_and_its_lines_are_read_only_until_reopened(client, round_, team_lead, publisher):
    part = confirm(round_, team_lead, publisher, page__unit__number="1-1")
    page = part.page
    line = ScheduleItem.objects.filter(page=page).first()
    client.force_login(team_lead)

    form = client.get(admin_url(ProgramPage, "change", page.pk))
    assert form.status_code == 200 and "확정되어 고칠 수 없습니다" in form.content.decode()
    assert 'name="_save"' not in form.content.decode()
    refused = client.post(admin_url(ScheduleItem, "change", line.pk), {"text": "바뀐 줄", "page": page.pk})
    assert refused.status_code == 403
    assert client.post(admin_url(ScheduleItem, "delete", line.pk), {"post": "yes"}).status_code == 403
    assert ScheduleItem.objects.filter(pk=line.pk, text=line.text).exists()

    review.reopen(user=publisher, review_id=part.pk)
    assert 'name="_save"' in client.get(admin_url(ProgramPage, "change", page.pk)).content.decode()


def test_another_page_of_the_team_stays_editable(client, round_, team_lead, publisher):
    confirm(round_, team_lead, publisher, page__unit__number="1-1")
    other = round_.reviews.get(page__unit__number="1-2").page
    client.force_login(team_lead)

    assert 'name="_save"' in client.get(admin_url(ProgramPage, "change", other.pk)).content.decode()


def test_a_confirmed_desk_section_takes_no_edit_and_no_import(client, round_, budget_officer, publisher):
    confirm(round_, budget_officer, publisher, desk=Desk.EXECUTION)
    record = ExecutionRecord.objects.first()
    client.force_login(budget_officer)

    listing = client.get(admin_url(ExecutionRecord, "changelist"))
    assert "집행현황은(는)" in listing.content.decode() and "확정되어 고칠 수 없습니다" in listing.content.decode()
    assert client.get(admin_url(ExecutionRecord, "add")).status_code == 403
    assert client.post(admin_url(ExecutionRecord, "delete", record.pk), {"post": "yes"}).status_code == 403
    assert client.get(admin_url(ExecutionRecord, "import")).status_code == 403
    assert ExecutionRecord.objects.filter(pk=record.pk).exists()


def test_an_open_round_without_confirmed_parts_locks_nothing(client, round_, budget_officer):
    client.force_login(budget_officer)
    assert client.get(admin_url(ExecutionRecord, "add")).status_code == 200
