"""Reminders by e-mail (issue 14, part 4), with Django's locmem backend: who gets what, and once."""
import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from workreport import review
from workreport.models import Desk
from workreport.reminders import send_reminders

DUE = datetime.date(2024, 11, 8)


@pytest.fixture
def people(team_lead, other_team_lead, hr_officer, budget_officer, publisher):
    for user in (team_lead, other_team_lead, hr_officer, budget_officer, publisher):
        user.email = f"{user.username}@sdf.example"
        user.save()
    return {user.username: user for user in (team_lead, other_team_lead, hr_officer, budget_officer, publisher)}


@pytest.fixture
def round_(edition, people):
    return review.open_round(user=people["publisher"], edition=edition, title="2024년 11월 업무보고", due_on=DUE)


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_three_days_before_the_owners_of_unsubmitted_parts_get_one_mail_each(round_, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    review.submit(user=people["teamlead"], review_id=round_.reviews.get(page__unit__number="1-1").pk)

    send_reminders(today=DUE - datetime.timedelta(days=3))

    [lead] = mails_to("teamlead@sdf.example")
    assert "제출 기한 2024. 11. 8.이 다가옵니다" in lead.subject and "1-2." in lead.body
    assert "1-1." not in lead.body  # submitted already
    [hr] = mails_to("hr@sdf.example")
    assert "인력(정원·현원)" in hr.body and "주요 현안업무" not in hr.body
    [finance] = mails_to("finance@sdf.example")
    assert "세입·세출 예산" in finance.body and "집행현황" in finance.body
    [reviewer_mail] = [m for m in mails_to("publisher@sdf.example") if "검토를 기다리는" in m.subject]
    assert "1-1." in reviewer_mail.body  # the reviewer hears of the submitted page


def test_each_reminder_goes_once_and_the_due_day_sends_its_own(round_, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_reminders(today=DUE - datetime.timedelta(days=3))
    first = len(mail.outbox)
    send_reminders(today=DUE - datetime.timedelta(days=3))
    send_reminders(today=DUE - datetime.timedelta(days=2))
    assert len(mail.outbox) == first  # no reviewer mail: nothing waits; due-soon sent already

    send_reminders(today=DUE)
    assert [m.subject for m in mails_to("teamlead@sdf.example")][-1].endswith("(제출할 항목 2건)")
    assert "오늘이 제출 기한입니다" in mails_to("teamlead@sdf.example")[-1].subject


def test_nothing_is_sent_outside_the_days_or_for_a_closed_round(round_, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_reminders(today=DUE - datetime.timedelta(days=10))
    assert mail.outbox == []
    review.close_round(round_)
    send_reminders(today=DUE)
    assert mail.outbox == []


def test_a_confirmed_desk_section_is_not_reminded(round_, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    staffing = round_.reviews.get(desk=Desk.STAFFING)
    review.submit(user=people["hr"], review_id=staffing.pk)
    review.confirm(user=people["publisher"], review_id=staffing.pk)

    send_reminders(today=DUE)

    assert mails_to("hr@sdf.example") == []


def test_the_command_names_people_without_an_address(round_, people, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people["teamlead2"].email = ""
    people["teamlead2"].save()

    call_command("send_review_reminders")  # today is not near the 2024 due date: nothing due

    assert "보낼 알림이 없습니다." in capsys.readouterr().out
    outcome = send_reminders(today=DUE)
    assert "teamlead2" in outcome.without_address
    assert ("기한 당일", "teamlead", "teamlead@sdf.example", 2) in outcome.sent
