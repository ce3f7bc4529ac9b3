"""Bad lines on a programme page are refused with a Korean message, whichever way they come."""
import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import AchievementItem, ProgramPage, ScheduleItem
from projects.periods import parse_period

PERIOD_REVERSED = "종료일이 시작일보다 앞설 수 없습니다."


@pytest.fixture
def page(edition):
    return ProgramPage.objects.filter(unit__policy__edition=edition).first()


def test_period_ending_before_it_starts_is_refused_by_validation(page):
    item = ScheduleItem(page=page, text="성과 공유회", starts_on=datetime.date(2024, 12, 1),
                        ends_on=datetime.date(2024, 11, 30))

    with pytest.raises(ValidationError) as refused:
        item.full_clean()

    assert PERIOD_REVERSED in refused.value.message_dict["ends_on"]


def test_period_ending_before_it_starts_is_refused_by_the_database(page):
    before = ScheduleItem.objects.filter(page=page).count()

    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleItem.objects.create(page=page, text="성과 공유회", starts_on=datetime.date(2024, 12, 1),
                                    ends_on=datetime.date(2024, 11, 30))

    assert ScheduleItem.objects.filter(page=page).count() == before


def test_period_of_one_day_is_allowed(page):
    day = datetime.date(2024, 11, 5)
    item = ScheduleItem(page=page, text="성과 공유회", starts_on=day, ends_on=day,
                        precision=ScheduleItem.Precision.DAY)

    item.full_clean()


def test_start_without_end_is_refused(page):
    item = ScheduleItem(page=page, text="성과 공유회", starts_on=datetime.date(2024, 11, 1))

    with pytest.raises(ValidationError) as refused:
        item.full_clean()

    assert refused.value.message_dict["ends_on"]


@pytest.mark.parametrize("level, marker, text, message", [
    (0, "bullet", "본문 밖 항목", "단계 0(본문 밖)은 ※ ▶ * 줄만 씁니다"),
    (1, "bullet", "※ 참고처럼 보이는 항목", "내용이 '※'(으)로 시작합니다"),
    (2, "bullet", "- 기호를 적은 항목", "내용이 '-'(으)로 시작합니다"),
    (2, "bullet", "표\t같은 줄", "줄바꿈이나 Tab 대신"),
])
def test_a_line_the_outline_could_not_print_as_typed_is_refused(edition, level, marker, text, message):
    page = ProgramPage.objects.get(unit__number="1-1")
    with pytest.raises(ValidationError, match=re.escape(message)):
        AchievementItem(page=page, order=999, level=level, marker=marker, text=text).full_clean()


def test_a_schedule_note_takes_no_period(edition):
    page = ProgramPage.objects.get(unit__number="1-1")
    note = ScheduleItem(page=page, order=999, level=2, marker="note", text="참고")
    note.period = parse_period("11월", 2024)
    with pytest.raises(ValidationError, match="※ 참고 줄에는 기간을 적지 않습니다"):
        note.full_clean()
