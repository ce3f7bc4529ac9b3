"""`check_report` on the 2024 data: exactly one warning (the real over-commitment), no error;
a corrupted figure makes it fail and name the line and the figure."""
import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from budget.models import (
    DetailProgram, ExecutionRecord, ExpenditureAccount, PolicyProgram, RevenueAccount, UnitProgram,
)
from projects.models import ProgramPage
from workreport.checks import check_year

OVER_COMMITMENT = "해외도시 디지털 정책교류: 원인행위액 280,078 > 예산현액 280,000"


def run_check(year=2024):
    out = StringIO()
    try:
        call_command("check_report", str(year), stdout=out, no_color=True)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_2024_has_no_error_and_one_warning(edition):
    errors, warnings = check_year(edition)
    assert errors == []
    assert warnings == [OVER_COMMITMENT]


def test_command_prints_errors_and_warnings_apart_and_succeeds(edition):
    output, error = run_check()
    assert error is None
    assert "오류 0건" in output
    assert "경고 1건" in output
    assert output.count(OVER_COMMITMENT) == 1
    assert output.index("오류 0건") < output.index("경고 1건") < output.index(OVER_COMMITMENT)


def test_control_total_disagreeing_with_its_parts_fails(edition):
    RevenueAccount.objects.filter(edition=edition, name="사업수입", parent=None).update(budget_amount=1700000)
    output, error = run_check()
    assert error is not None and "오류 1건" in str(error)
    assert "오류 1건" in output
    assert "세입 총괄 '사업수입' 예산현액: 승인 총액 1,700,000 ≠ 세부 합계 1,649,000" in output


def test_matching_control_total_is_accepted(edition):
    RevenueAccount.objects.filter(edition=edition, name="사업수입", parent=None).update(
        budget_amount=1649000, prior_amount=702350)
    ExpenditureAccount.objects.filter(edition=edition, name="사업비").update(budget_amount=6707360)
    assert check_year(edition) == ([], [OVER_COMMITMENT])


def test_expenditure_control_total_and_unbalanced_budget(edition):
    ExpenditureAccount.objects.filter(edition=edition, name="사업비").update(budget_amount=6700000)
    DetailProgram.objects.filter(unit__policy__edition=edition, name="일반예비비").update(budget_amount=80000)
    errors, _ = check_year(edition)
    assert "세출 총괄 '사업비' 예산현액: 승인 총액 6,700,000 ≠ 세부 합계 6,707,360" in errors
    assert "세입 계 10,699,686 ≠ 세출 계 10,699,126 (예산현액)" in errors


def test_over_commitment_found_on_the_printed_record_only(edition):
    detail = DetailProgram.objects.get(unit__policy__edition=edition, name="공공데이터 활용 확산")
    ExecutionRecord.objects.filter(detail=detail).update(committed_amount=70000)
    # a later record is not the one printed as of 2024-10-18
    later = DetailProgram.objects.get(unit__policy__edition=edition, name="빅데이터 분석")
    ExecutionRecord.objects.create(detail=later, as_of=datetime.date(2024, 12, 31),
                                   committed_amount=300000, spent_amount=0)
    errors, warnings = check_year(edition)
    assert errors == []
    assert warnings == ["공공데이터 활용 확산: 원인행위액 70,000 > 예산현액 66,350", OVER_COMMITMENT]


def test_carried_over_detail_with_a_budget_is_an_error(edition):
    DetailProgram.objects.filter(name="디지털 돌봄 체험버스").update(budget_amount=373502)
    output, error = run_check()
    assert error is not None
    assert "디지털 돌봄 체험버스: 명시이월 사업인데 예산현액 373,502" in output


def test_page_without_contacts_or_team_is_an_error(edition):
    page = ProgramPage.objects.get(unit__number="2-7", unit__policy__edition=edition)
    page.contacts.all().delete()
    UnitProgram.objects.filter(pk=page.unit_id).update(owning_team=None)
    errors, _ = check_year(edition)
    assert errors == [
        "주요 현안업무 2-7. 해외도시 디지털 정책교류: 담당 팀이 없습니다",
        "주요 현안업무 2-7. 해외도시 디지털 정책교류: 연락처(실·본부장, 팀장, 담당)가 없습니다",
    ]


def test_programme_unit_without_page_or_details_is_an_error(edition):
    policy = PolicyProgram.objects.get(edition=edition, number=2)
    UnitProgram.objects.create(policy=policy, number="2-9", name="신규 단위사업", order=9)
    output, error = run_check()
    assert error is not None
    assert "오류 2건" in output
    assert "단위사업 2-9. 신규 단위사업: 세부사업이 없습니다" in output
    assert "단위사업 2-9. 신규 단위사업: 주요 현안업무 페이지가 없습니다" in output


def test_administration_units_need_no_page(edition):
    assert not ProgramPage.objects.filter(unit__policy__category="administration").exists()
    ProgramPage.objects.get(unit__number="2-1", unit__policy__edition=edition).delete()
    errors, _ = check_year(edition)
    assert errors == ["단위사업 2-1. 디지털 정책연구: 주요 현안업무 페이지가 없습니다"]


def test_unknown_year_is_refused(db):
    with pytest.raises(CommandError, match="1999년 업무보고가 데이터베이스에 없습니다"):
        call_command("check_report", "1999", stdout=StringIO())


def test_spent_above_committed_cannot_even_be_stored(edition):
    """The database itself refuses 지출액 > 원인행위액, so the check's error stays a last resort."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ExecutionRecord.objects.filter(detail__name="디지털 정책연구").update(spent_amount=999999)
