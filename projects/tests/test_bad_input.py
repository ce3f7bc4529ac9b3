"""Bad schedule input on a programme page is refused with a Korean message."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import ProgramPage, ScheduleItem

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
