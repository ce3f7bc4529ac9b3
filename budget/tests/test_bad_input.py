"""Bad budget input is refused with a Korean message and leaves the data as it was."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from budget.models import DetailProgram, ExecutionRecord, ExpenditureAccount, RevenueAccount, UnitProgram

NEGATIVE_AMOUNT = "금액은 0 이상이어야 합니다."
SPENT_OVER_COMMITTED = "지출 누계액이 원인행위 누계액보다 클 수 없습니다."

# (model, a lookup of one 2024 record, the amount field)
AMOUNT_FIELDS = [
    (DetailProgram, {"name": "디지털 정책연구"}, "budget_amount"),
    (RevenueAccount, {"name": "대행사업수익"}, "budget_amount"),
    (RevenueAccount, {"name": "대행사업수익"}, "prior_amount"),
    (ExpenditureAccount, {"name": "인건비"}, "prior_amount"),
    (ExecutionRecord, {"detail__name": "디지털 정책연구"}, "committed_amount"),
    (ExecutionRecord, {"detail__name": "디지털 정책연구"}, "spent_amount"),
]
AMOUNT_IDS = [f"{model.__name__}.{field}" for model, _, field in AMOUNT_FIELDS]


@pytest.mark.parametrize("model, lookup, field", AMOUNT_FIELDS, ids=AMOUNT_IDS)
def test_negative_amount_is_refused_by_validation(edition, model, lookup, field):
    record = model.objects.get(**lookup)
    setattr(record, field, -1)

    with pytest.raises(ValidationError) as refused:
        record.full_clean()

    assert NEGATIVE_AMOUNT in refused.value.message_dict[field]


@pytest.mark.parametrize("model, lookup, field", AMOUNT_FIELDS, ids=AMOUNT_IDS)
def test_negative_amount_is_refused_by_the_database(edition, model, lookup, field):
    record = model.objects.get(**lookup)
    before = getattr(record, field)

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**{field: -1})

    record.refresh_from_db()
    assert getattr(record, field) == before


def test_spending_more_than_committed_is_refused_by_validation(edition):
    record = ExecutionRecord.objects.get(detail__name="디지털 정책연구")
    record.spent_amount = record.committed_amount + 1

    with pytest.raises(ValidationError) as refused:
        record.full_clean()

    assert SPENT_OVER_COMMITTED in refused.value.messages


def test_spending_more_than_committed_is_refused_by_the_database(edition):
    record = ExecutionRecord.objects.get(detail__name="디지털 정책연구")

    with pytest.raises(IntegrityError), transaction.atomic():
        ExecutionRecord.objects.filter(pk=record.pk).update(spent_amount=record.committed_amount + 1)

    record.refresh_from_db()
    assert (record.committed_amount, record.spent_amount) == (141804, 134234)


def test_spending_exactly_the_committed_amount_is_allowed(edition):
    record = ExecutionRecord.objects.get(detail__name="디지털 정책연구")
    record.spent_amount = record.committed_amount

    record.full_clean()


def test_detail_name_already_used_under_another_unit_of_the_edition_is_refused(edition):
    taken = DetailProgram.objects.get(unit__policy__edition=edition, name="빅데이터 분석")
    other_unit = UnitProgram.objects.get(policy__edition=edition, name="디지털 정책연구")
    twin = DetailProgram(unit=other_unit, account=taken.account, name="빅데이터 분석", budget_amount=1000)

    with pytest.raises(ValidationError) as refused:
        twin.full_clean()

    message = refused.value.message_dict["name"][0]
    assert "빅데이터 분석" in message
    assert "도시데이터 활용 컨설팅" in message  # names the 단위사업 that already holds it


def test_deleting_a_unit_program_with_details_is_refused(edition):
    unit = UnitProgram.objects.get(policy__edition=edition, name="AI 행정서비스 연구개발")
    details_before = unit.details.count()
    assert details_before == 2

    with pytest.raises(ProtectedError), transaction.atomic():
        unit.delete()

    assert UnitProgram.objects.filter(pk=unit.pk).exists()
    assert unit.details.count() == details_before


def test_deleting_a_detail_program_with_execution_records_is_refused(edition):
    detail = DetailProgram.objects.get(name="디지털 정책연구")

    with pytest.raises(ProtectedError), transaction.atomic():
        detail.delete()

    assert ExecutionRecord.objects.filter(detail=detail).exists()
